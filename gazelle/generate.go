package gazelle

import (
	"slices"
	"strings"

	"github.com/bazelbuild/bazel-gazelle/config"
	"github.com/bazelbuild/bazel-gazelle/language"
	"github.com/bazelbuild/bazel-gazelle/rule"
)

// goRuleKinds are the Go extension's rules whose imports decide whether a package is an FFI
// package: the library, its tests and its binary.
var goRuleKinds = []string{"go_library", "go_test", "go_binary"}

// GenerateRules turns the go_test and go_binary rules the Go extension generated in this
// directory into nocgo_test and nocgo_binary ("instead"), or adds those beside them
// ("beside"), when the package is an FFI package; otherwise it undoes what it did before.
// See the package documentation for the rules; this is the Go extension's work, adjusted,
// so this extension must come after "go" in the gazelle_binary's languages.
func (l *nocgoLang) GenerateRules(args language.GenerateArgs) language.GenerateResult {
	var res language.GenerateResult
	nc := getConfig(args.Config)

	if !hasGoRules(args.OtherGen, args.OtherEmpty) {
		if slices.ContainsFunc(args.RegularFiles, func(f string) bool { return strings.HasSuffix(f, ".go") }) {
			l.warnOnce("order", "//%s: the Go extension generated no rules before this one; list @gazelle//language/go before @rules_nocgo//gazelle in gazelle_binary(languages = ...), and do not leave go out with gazelle:lang",
				args.Rel)
		}
		return res
	}

	ffi := false
	switch nc.detection {
	case detectAll:
		ffi = true
	case detectImports:
		ffi = importsFFI(args.OtherGen)
	}

	for _, g := range args.OtherGen {
		mk, ok := matrixKindFor(g.Kind(), false)
		if !ok {
			continue
		}
		existing := findExisting(args.Config, args.File, g, mk)
		switch {
		case !ffi:
			revert(args.Config, existing, mk)
			res.Empty = append(res.Empty, rule.NewRule(mk.kind, mk.besideName(g.Name())))

		case mk.keepPlain(nc) || !convertible(args.Config, existing, mk):
			if _, mapped := args.Config.KindMap[mk.goKind]; mapped && !mk.keepPlain(nc) {
				l.warnOnce("mapped:"+mk.goKind, "gazelle:map_kind %s is in effect (first seen in //%s); %s rules are generated beside the mapped rules instead of replacing them",
					mk.goKind, args.Rel, mk.kind)
			}
			revert(args.Config, existing, mk)
			beside := cloneAs(g, mk.kind, mk.besideName(g.Name()))
			setOwnedAttrs(beside, nc)
			res.Gen = append(res.Gen, beside)
			res.Imports = append(res.Imports, g.PrivateAttr(config.GazelleImportsKey))

		default:
			// Instead: the Go extension's rule becomes ours. Its imports stay where they are
			// (in the Go extension's result); Gazelle resolves it by its new kind, through our
			// Resolve, which is the Go resolver's.
			if existing != nil {
				if existing.Kind() == mk.goKind {
					existing.SetKind(mk.kind)
				}
				for _, a := range mk.macroSets {
					if existing.Attr(a) != nil {
						existing.DelAttr(a) // the macro sets it: pure = "on", testonly = True
					}
				}
				if existing.Name() != g.Name() {
					g.SetName(existing.Name()) // a renamed binary, found by what it embeds
				}
			}
			g.SetKind(mk.kind)
			setOwnedAttrs(g, nc)
			res.Empty = append(res.Empty, rule.NewRule(mk.kind, mk.besideName(g.Name())))
		}
	}

	// No test files (or no main package) any more: the Go extension returns its rule as empty;
	// ours of the same name, and the beside one, go with it.
	for _, e := range args.OtherEmpty {
		if mk, ok := matrixKindFor(e.Kind(), false); ok {
			res.Empty = append(res.Empty,
				rule.NewRule(mk.kind, e.Name()),
				rule.NewRule(mk.kind, mk.besideName(e.Name())))
		}
	}
	return res
}

// hasGoRules reports whether the Go extension ran in this directory: it always returns
// some go_* rule, generated or empty.
func hasGoRules(gen, empty []*rule.Rule) bool {
	isGo := func(r *rule.Rule) bool { return strings.HasPrefix(r.Kind(), "go_") }
	return slices.ContainsFunc(gen, isGo) || slices.ContainsFunc(empty, isGo)
}

// importsFFI reports whether any of the Go extension's library, test or binary rules
// imports an FFI package, on any platform, or is one (ffi's and fakecgo's own tests; not
// their subpackages, such as a generator under ffi/internal, which import what they import).
func importsFFI(gen []*rule.Rule) bool {
	for _, r := range gen {
		if !slices.Contains(goRuleKinds, r.Kind()) {
			continue
		}
		if slices.Contains(ffiImportPrefixes, r.AttrString("importpath")) {
			return true
		}
		imports, ok := r.PrivateAttr(config.GazelleImportsKey).(rule.PlatformStrings)
		if !ok {
			continue
		}
		if slices.ContainsFunc(imports.Flat(), isFFIImport) {
			return true
		}
	}
	return false
}

// findExisting returns the rule of the BUILD file that the Go extension's rule g stands
// for: the one of the same name or, for binaries, the only go_binary or nocgo_binary that
// embeds the same library (the Go extension matches renamed binaries too).
func findExisting(c *config.Config, f *rule.File, g *rule.Rule, mk matrixKind) *rule.Rule {
	if f == nil {
		return nil
	}
	for _, r := range f.Rules {
		if r.Name() == g.Name() {
			return r
		}
	}
	embed := g.AttrStrings("embed")
	if !mk.matchEmbed || len(embed) == 0 {
		return nil
	}
	slices.Sort(embed)
	var found *rule.Rule
	for _, r := range f.Rules {
		if r.Kind() != mk.goKind && !isOurs(c, r.Kind(), mk) {
			continue
		}
		other := r.AttrStrings("embed")
		slices.Sort(other)
		if slices.Equal(embed, other) {
			if found != nil {
				return nil // ambiguous: leave both alone
			}
			found = r
		}
	}
	return found
}

// convertible reports whether the existing rule (if any) may become ours in place: it is
// the plain Go kind, not marked # keep, or already ours; and the Go kind is not map_kind'ed
// (converting would bypass the user's mapping). If not, the matrix target goes beside it.
func convertible(c *config.Config, existing *rule.Rule, mk matrixKind) bool {
	if _, mapped := c.KindMap[mk.goKind]; mapped {
		return false
	}
	switch {
	case existing == nil:
		return true
	case existing.Kind() == mk.goKind:
		return !existing.ShouldKeep()
	default:
		return isOurs(c, existing.Kind(), mk)
	}
}

// isOurs reports whether a rule of this kind is our mk.kind: the kind itself, what
// gazelle:map_kind maps it to, or a gazelle:alias_kind wrapper of it.
func isOurs(c *config.Config, kind string, mk matrixKind) bool {
	if kind == mk.kind || c.AliasMap[kind] == mk.kind {
		return true
	}
	mapped, ok := c.KindMap[mk.kind]
	return ok && mapped.KindName == kind
}

// revert turns one of our rules (or the kind map_kind maps ours to) back into the plain Go
// rule it was made from, keeping every attribute a user added and dropping ours. Rules
// marked # keep, and alias_kind wrappers (a macro of the user's), are left alone.
func revert(c *config.Config, existing *rule.Rule, mk matrixKind) {
	if existing == nil || existing.ShouldKeep() || !isOurs(c, existing.Kind(), mk) || c.AliasMap[existing.Kind()] == mk.kind {
		return
	}
	existing.SetKind(mk.goKind)
	existing.DelAttr(platformsAttr)
	existing.DelAttr(sdksAttr)
}

// setOwnedAttrs sets platforms and sdks from the directives, or leaves them out (the macro's
// defaults), in which case merging removes them from the existing rule.
func setOwnedAttrs(r *rule.Rule, nc *nocgoConfig) {
	if nc.platforms != nil {
		r.SetAttr(platformsAttr, nc.platforms)
	} else {
		r.DelAttr(platformsAttr)
	}
	if nc.sdks != nil {
		r.SetAttr(sdksAttr, nc.sdks)
	} else {
		r.DelAttr(sdksAttr)
	}
}

// cloneAs returns a copy of g with another kind and name, for "beside" mode. The attribute
// expressions are copied by printing and parsing them, so the two rules share no syntax
// nodes (merging edits nodes in place). Private attributes (the imports) are shared.
func cloneAs(g *rule.Rule, kind, name string) *rule.Rule {
	attrs := func(r *rule.Rule) []string {
		return slices.DeleteFunc(r.AttrKeys(), func(k string) bool { return k == "name" })
	}
	src := g
	scratch := rule.EmptyFile("", "")
	tmp := rule.NewRule(kind, name)
	for _, k := range attrs(g) {
		tmp.SetAttr(k, g.Attr(k))
	}
	tmp.Insert(scratch)
	if parsed, err := rule.LoadData("", "", scratch.Format()); err == nil && len(parsed.Rules) == 1 {
		src = parsed.Rules[0]
	}
	out := rule.NewRule(kind, name)
	for _, k := range attrs(src) {
		out.SetAttr(k, src.Attr(k))
	}
	for _, k := range g.PrivateAttrKeys() {
		out.SetPrivateAttr(k, g.PrivateAttr(k))
	}
	return out
}
