// Decoding of stardoc_output.ModuleInfo (Bazel's src/main/protobuf/stardoc_output.proto), the
// output of starlark_doc_extract, from the protobuf wire format. Only what the Markdown shows is
// kept; fields this file does not know are skipped, as protobuf readers do. A message whose
// bytes do not parse is an error.
package main

import (
	"errors"
	"fmt"

	"google.golang.org/protobuf/encoding/protowire"
)

// Field numbers of stardoc_output.proto.
const (
	moduleRuleInfo       = 1
	moduleProviderInfo   = 2
	moduleFuncInfo       = 3
	moduleAspectInfo     = 4
	moduleDocstring      = 5
	moduleFile           = 6
	moduleExtensionInfo  = 7
	moduleRepoRuleInfo   = 8
	moduleMacroInfo      = 9
	ruleName             = 1 // RuleInfo, RepositoryRuleInfo
	ruleDoc              = 2
	ruleAttribute        = 3
	ruleTest             = 6 // RuleInfo only
	ruleExecutable       = 7 // RuleInfo only
	attrName             = 1 // AttributeInfo
	attrDoc              = 2
	attrType             = 3
	attrMandatory        = 4
	attrProviderGroup    = 5
	attrDefault          = 6
	providerGroupName    = 1 // ProviderNameGroup.provider_name
	providerName         = 1 // ProviderInfo
	providerDoc          = 2
	providerField        = 3
	fieldName            = 1 // ProviderFieldInfo
	fieldDoc             = 2
	funcName             = 1 // StarlarkFunctionInfo
	funcParam            = 2
	funcDoc              = 3
	funcReturn           = 4
	funcDeprecated       = 5
	paramName            = 1 // FunctionParamInfo
	paramDoc             = 2
	paramDefault         = 3
	paramMandatory       = 4
	paramRole            = 5
	docOnly              = 1 // FunctionReturnInfo, FunctionDeprecationInfo
	extensionName        = 1 // ModuleExtensionInfo
	extensionDoc         = 2
	extensionTagClass    = 3
	tagName              = 1 // ModuleExtensionTagClassInfo
	tagDoc               = 2
	tagAttribute         = 3
	roleVarargs          = 4 // FunctionParamRole
	roleKwargs           = 5
	maxNestedMessageSize = 64 << 20
)

type module struct {
	doc, file  string
	rules      []rule
	providers  []provider
	funcs      []function
	extensions []extension
	repoRules  []rule
}

type rule struct {
	name, doc        string
	attrs            []attribute
	test, executable bool
}

type attribute struct {
	name, doc, def string
	typ            uint64
	mandatory      bool
	providers      [][]string // groups of provider names, any one of which is enough
}

type provider struct {
	name, doc string
	fields    []field
}

type field struct{ name, doc string }

type function struct {
	name, doc, returns, deprecated string
	params                         []param
}

type param struct {
	name, doc, def string
	mandatory      bool
	role           uint64
}

type extension struct {
	name, doc string
	tags      []tagClass
}

type tagClass struct {
	name, doc string
	attrs     []attribute
}

// wireField is one field of a message: a varint or a length-delimited value.
type wireField struct {
	num    protowire.Number
	varint uint64
	bytes  []byte
}

// fields splits a message into its fields; fixed-width fields (unused by
// stardoc_output) are skipped.
func fields(b []byte) ([]wireField, error) {
	if len(b) > maxNestedMessageSize {
		return nil, errors.New("message too large")
	}
	var out []wireField
	for len(b) > 0 {
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 {
			return nil, fmt.Errorf("bad tag: %v", protowire.ParseError(n))
		}
		b = b[n:]
		f := wireField{num: num}
		switch typ {
		case protowire.VarintType:
			f.varint, n = protowire.ConsumeVarint(b)
		case protowire.BytesType:
			f.bytes, n = protowire.ConsumeBytes(b)
		default:
			n = protowire.ConsumeFieldValue(num, typ, b)
			if n >= 0 {
				b = b[n:]
				continue
			}
		}
		if n < 0 {
			return nil, fmt.Errorf("field %d: %v", num, protowire.ParseError(n))
		}
		b = b[n:]
		out = append(out, f)
	}
	return out, nil
}

func decodeModule(b []byte) (*module, error) {
	fs, err := fields(b)
	if err != nil {
		return nil, err
	}
	m := &module{}
	for _, f := range fs {
		var err error
		switch f.num {
		case moduleRuleInfo:
			var r rule
			if r, err = decodeRule(f.bytes); err == nil {
				m.rules = append(m.rules, r)
			}
		case moduleProviderInfo:
			var p provider
			if p, err = decodeProvider(f.bytes); err == nil {
				m.providers = append(m.providers, p)
			}
		case moduleFuncInfo:
			var fn function
			if fn, err = decodeFunction(f.bytes); err == nil {
				m.funcs = append(m.funcs, fn)
			}
		case moduleExtensionInfo:
			var e extension
			if e, err = decodeExtension(f.bytes); err == nil {
				m.extensions = append(m.extensions, e)
			}
		case moduleRepoRuleInfo:
			var r rule
			if r, err = decodeRule(f.bytes); err == nil {
				m.repoRules = append(m.repoRules, r)
			}
		case moduleAspectInfo, moduleMacroInfo:
			// Not rendered: say so rather than leave them out silently.
			return nil, fmt.Errorf("the module has aspects or symbolic macros (field %d), which apidocs does not render yet", f.num)
		case moduleDocstring:
			m.doc = string(f.bytes)
		case moduleFile:
			m.file = string(f.bytes)
		}
		if err != nil {
			return nil, err
		}
	}
	return m, nil
}

func decodeRule(b []byte) (rule, error) {
	var r rule
	fs, err := fields(b)
	if err != nil {
		return r, fmt.Errorf("rule: %v", err)
	}
	for _, f := range fs {
		switch f.num {
		case ruleName:
			r.name = string(f.bytes)
		case ruleDoc:
			r.doc = string(f.bytes)
		case ruleAttribute:
			a, err := decodeAttribute(f.bytes)
			if err != nil {
				return r, fmt.Errorf("rule %s: %v", r.name, err)
			}
			r.attrs = append(r.attrs, a)
		case ruleTest:
			r.test = f.varint != 0
		case ruleExecutable:
			r.executable = f.varint != 0
		}
	}
	return r, nil
}

func decodeAttribute(b []byte) (attribute, error) {
	var a attribute
	fs, err := fields(b)
	if err != nil {
		return a, fmt.Errorf("attribute: %v", err)
	}
	for _, f := range fs {
		switch f.num {
		case attrName:
			a.name = string(f.bytes)
		case attrDoc:
			a.doc = string(f.bytes)
		case attrType:
			a.typ = f.varint
		case attrMandatory:
			a.mandatory = f.varint != 0
		case attrDefault:
			a.def = string(f.bytes)
		case attrProviderGroup:
			gs, err := fields(f.bytes)
			if err != nil {
				return a, fmt.Errorf("attribute %s: providers: %v", a.name, err)
			}
			var group []string
			for _, g := range gs {
				if g.num == providerGroupName {
					group = append(group, string(g.bytes))
				}
			}
			a.providers = append(a.providers, group)
		}
	}
	return a, nil
}

func decodeProvider(b []byte) (provider, error) {
	var p provider
	fs, err := fields(b)
	if err != nil {
		return p, fmt.Errorf("provider: %v", err)
	}
	for _, f := range fs {
		switch f.num {
		case providerName:
			p.name = string(f.bytes)
		case providerDoc:
			p.doc = string(f.bytes)
		case providerField:
			ffs, err := fields(f.bytes)
			if err != nil {
				return p, fmt.Errorf("provider %s: field: %v", p.name, err)
			}
			var fl field
			for _, ff := range ffs {
				switch ff.num {
				case fieldName:
					fl.name = string(ff.bytes)
				case fieldDoc:
					fl.doc = string(ff.bytes)
				}
			}
			p.fields = append(p.fields, fl)
		}
	}
	return p, nil
}

// docOf reads the doc_string of a FunctionReturnInfo or FunctionDeprecationInfo.
func docOf(b []byte) (string, error) {
	fs, err := fields(b)
	if err != nil {
		return "", err
	}
	for _, f := range fs {
		if f.num == docOnly {
			return string(f.bytes), nil
		}
	}
	return "", nil
}

func decodeFunction(b []byte) (function, error) {
	var fn function
	fs, err := fields(b)
	if err != nil {
		return fn, fmt.Errorf("function: %v", err)
	}
	for _, f := range fs {
		var err error
		switch f.num {
		case funcName:
			fn.name = string(f.bytes)
		case funcDoc:
			fn.doc = string(f.bytes)
		case funcReturn:
			fn.returns, err = docOf(f.bytes)
		case funcDeprecated:
			fn.deprecated, err = docOf(f.bytes)
		case funcParam:
			var ps []wireField
			if ps, err = fields(f.bytes); err != nil {
				break
			}
			var p param
			for _, pf := range ps {
				switch pf.num {
				case paramName:
					p.name = string(pf.bytes)
				case paramDoc:
					p.doc = string(pf.bytes)
				case paramDefault:
					p.def = string(pf.bytes)
				case paramMandatory:
					p.mandatory = pf.varint != 0
				case paramRole:
					p.role = pf.varint
				}
			}
			fn.params = append(fn.params, p)
		}
		if err != nil {
			return fn, fmt.Errorf("function %s: %v", fn.name, err)
		}
	}
	return fn, nil
}

func decodeExtension(b []byte) (extension, error) {
	var e extension
	fs, err := fields(b)
	if err != nil {
		return e, fmt.Errorf("module extension: %v", err)
	}
	for _, f := range fs {
		switch f.num {
		case extensionName:
			e.name = string(f.bytes)
		case extensionDoc:
			e.doc = string(f.bytes)
		case extensionTagClass:
			ts, err := fields(f.bytes)
			if err != nil {
				return e, fmt.Errorf("module extension %s: tag class: %v", e.name, err)
			}
			var t tagClass
			for _, tf := range ts {
				switch tf.num {
				case tagName:
					t.name = string(tf.bytes)
				case tagDoc:
					t.doc = string(tf.bytes)
				case tagAttribute:
					a, err := decodeAttribute(tf.bytes)
					if err != nil {
						return e, fmt.Errorf("module extension %s: tag %s: %v", e.name, t.name, err)
					}
					t.attrs = append(t.attrs, a)
				}
			}
			e.tags = append(e.tags, t)
		}
	}
	return e, nil
}
