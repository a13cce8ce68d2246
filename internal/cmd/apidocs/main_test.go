// Tests of apidocs on ModuleInfo messages built here with the protobuf wire encoder: what the
// Markdown shows, that a missing docstring and a stale file fail, and that bad bytes are an error.
package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"google.golang.org/protobuf/encoding/protowire"
)

func str(b []byte, num protowire.Number, s string) []byte {
	b = protowire.AppendTag(b, num, protowire.BytesType)
	return protowire.AppendString(b, s)
}

func msg(b []byte, num protowire.Number, m []byte) []byte {
	b = protowire.AppendTag(b, num, protowire.BytesType)
	return protowire.AppendBytes(b, m)
}

func varint(b []byte, num protowire.Number, v uint64) []byte {
	b = protowire.AppendTag(b, num, protowire.VarintType)
	return protowire.AppendVarint(b, v)
}

func attr(name, doc string, typ uint64, mandatory bool, def string) []byte {
	var a []byte
	a = str(a, attrName, name)
	if doc != "" {
		a = str(a, attrDoc, doc)
	}
	a = varint(a, attrType, typ)
	if mandatory {
		a = varint(a, attrMandatory, 1)
	}
	return str(a, attrDefault, def)
}

// testModule is a ModuleInfo with a test rule, a macro and a provider; attrDocOf sets the doc
// of the rule's `platform` attribute.
func testModule(attrDocOf string) []byte {
	var r []byte
	r = str(r, ruleName, "x_test")
	r = str(r, ruleDoc, "Runs <name> under qemu.")
	r = msg(r, ruleAttribute, attr("name", "", 1, true, ""))
	r = msg(r, ruleAttribute, attr("platform", attrDocOf, 4, true, ""))
	r = msg(r, ruleAttribute, attr("env", "Environment | of the run.", 10, false, "{}"))
	r = varint(r, ruleTest, 1)
	r = varint(r, ruleExecutable, 1)

	var f []byte
	f = str(f, funcName, "x_macro")
	f = msg(f, funcParam, str(str(varint(nil, paramMandatory, 1), paramName, "name"), paramDoc, "the name."))
	f = msg(f, funcParam, str(str(nil, paramName, "kwargs"), paramDoc, "go_test attributes."))
	f = str(f, funcDoc, "A macro.\n\nSecond paragraph.")
	f = msg(f, funcReturn, str(nil, docOnly, "nothing."))

	var p []byte
	p = str(p, providerName, "XInfo")
	p = str(p, providerDoc, "What x runs.")
	p = msg(p, providerField, str(str(nil, fieldName, "goarch"), fieldDoc, "GOARCH."))

	var m []byte
	m = msg(m, moduleRuleInfo, r)
	m = msg(m, moduleFuncInfo, f)
	m = msg(m, moduleProviderInfo, p)
	m = str(m, moduleDocstring, "The module.")
	m = varint(m, 99, 7) // a field this reader does not know: skipped
	return m
}

func writeTemp(t *testing.T, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestRendersTheModule(t *testing.T) {
	in := writeTemp(t, "x.binaryproto", testModule("One of our platforms."))
	out := filepath.Join(t.TempDir(), "x.md")
	if err := run(in, "@r//:x.bzl", out, false); err != nil {
		t.Fatal(err)
	}
	md, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"DO NOT EDIT",
		"# `@r//:x.bzl`\n\nThe module.",
		"### x_test",
		"x_test(name, platform, env)",
		"A test rule. Runs &lt;name&gt; under qemu.",
		"| `platform` | string | yes |  | One of our platforms. |",
		"| `env` | dict: string → string | no | <code>{}</code> | Environment \\| of the run. |",
		"x_macro(name, **kwargs)",
		"| `**kwargs` | no |  | go_test attributes. |",
		"A macro.\n\nSecond paragraph.",
		"Returns: nothing.",
		"| `goarch` | GOARCH. |",
		"Providers: [`XInfo`](#xinfo)",
	} {
		if !strings.Contains(string(md), want) {
			t.Errorf("the Markdown lacks %q:\n%s", want, md)
		}
	}
	// -check passes on what was just written, and fails once the file differs.
	if err := run(in, "@r//:x.bzl", out, true); err != nil {
		t.Fatalf("check of a current file: %v", err)
	}
	if err := os.WriteFile(out, append(md, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := run(in, "@r//:x.bzl", out, true); err == nil || !strings.Contains(err.Error(), "is stale") {
		t.Fatalf("check of a stale file = %v, want an error saying it is stale", err)
	}
}

func TestMissingDocstringFails(t *testing.T) {
	in := writeTemp(t, "x.binaryproto", testModule(""))
	out := filepath.Join(t.TempDir(), "x.md")
	err := run(in, "@r//:x.bzl", out, false)
	if err == nil || !strings.Contains(err.Error(), "no docstring for: x_test.platform") {
		t.Fatalf("run = %v, want an error naming x_test.platform", err)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("the Markdown was written despite the missing docstring")
	}
}

func TestBadBytesFail(t *testing.T) {
	good := testModule("doc")
	cases := map[string][]byte{
		"truncated":           good[:len(good)-10], // inside the docstring
		"length past the end": {0x0a, 0x7f, 0x01},
		"aspect":              msg(nil, moduleAspectInfo, str(nil, 1, "a")),
	}
	for name, data := range cases {
		t.Run(name, func(t *testing.T) {
			if _, err := decodeModule(data); err == nil {
				t.Fatal("decodeModule accepted it")
			}
		})
	}
}
