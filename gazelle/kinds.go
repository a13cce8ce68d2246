package gazelle

import (
	"maps"
	"strings"

	golang "github.com/bazelbuild/bazel-gazelle/language/go"
	"github.com/bazelbuild/bazel-gazelle/rule"
)

// Attributes this extension owns on its kinds, on top of what the Go extension owns.
const (
	platformsAttr = "platforms"
	sdksAttr      = "sdks"
)

// matrixKind describes one of our kinds and the Go kind it stands in for.
type matrixKind struct {
	// goKind is the rule the Go extension generates; kind is ours (a macro taking goKind's
	// attributes plus platforms and sdks).
	goKind, kind string
	// besideName names the target generated next to the plain goKind rule.
	besideName func(goName string) string
	// keepPlain reports whether a directory keeps the plain rule ("beside" mode).
	keepPlain func(*nocgoConfig) bool
	// matchEmbed: the Go extension matches a go_binary of another name (MatchAny), so the
	// existing rule may be found by the library it embeds rather than by name.
	matchEmbed bool
	// macroSets are the goKind attributes the macro passes to goKind itself: a rule converted
	// in place must not keep them ("got multiple values for keyword argument").
	macroSets []string
}

// matrixKinds is the table GenerateRules, Kinds and ApparentLoads work from.
var matrixKinds = []matrixKind{
	{
		goKind: "go_test",
		kind:   "nocgo_test",
		besideName: func(goName string) string {
			return strings.TrimSuffix(goName, "_test") + "_nocgo_test"
		},
		keepPlain: func(nc *nocgoConfig) bool { return nc.keepGoTest },
		macroSets: []string{"pure", "testonly"},
	},
	{
		goKind:     "go_binary",
		kind:       "nocgo_binary",
		besideName: func(goName string) string { return goName + "_nocgo" },
		keepPlain:  func(nc *nocgoConfig) bool { return nc.keepGoBinary },
		matchEmbed: true,
		macroSets:  []string{"pure"},
	},
}

// matrixKindFor returns the entry whose goKind (or kind, if ours) is kind.
func matrixKindFor(kind string, ours bool) (matrixKind, bool) {
	for _, mk := range matrixKinds {
		if (!ours && mk.goKind == kind) || (ours && mk.kind == kind) {
			return mk, true
		}
	}
	return matrixKind{}, false
}

// Kinds returns the KindInfo of nocgo_test and nocgo_binary: that of go_test and go_binary
// from Gazelle's Go extension (so srcs, embed, deps... merge exactly as there), plus our
// owned attributes platforms and sdks, which are mergeable: a directive change rewrites
// them, and a directive removed removes them (unless the attribute carries "# keep").
//
// One difference: nocgo_binary does not MatchAny. go_binary does, so that a renamed
// binary is still found; for us that would also let an empty nocgo_binary (emitted in
// every package that is not main) match, and delete, a hand-written nocgo_binary of any
// name. GenerateRules finds renamed binaries by what they embed instead.
func (*nocgoLang) Kinds() map[string]rule.KindInfo {
	goKinds := golang.NewLanguage().Kinds()
	kinds := make(map[string]rule.KindInfo, len(matrixKinds))
	for _, mk := range matrixKinds {
		info := cloneKindInfo(goKinds[mk.goKind])
		info.MatchAny = false
		info.MergeableAttrs[platformsAttr] = true
		info.MergeableAttrs[sdksAttr] = true
		kinds[mk.kind] = info
	}
	return kinds
}

func cloneKindInfo(in rule.KindInfo) rule.KindInfo {
	out := in
	out.MatchAttrs = append([]string(nil), in.MatchAttrs...)
	out.NonEmptyAttrs = cloneSet(in.NonEmptyAttrs)
	out.SubstituteAttrs = cloneSet(in.SubstituteAttrs)
	out.MergeableAttrs = cloneSet(in.MergeableAttrs)
	out.ResolveAttrs = cloneSet(in.ResolveAttrs)
	return out
}

func cloneSet(in map[string]bool) map[string]bool {
	out := make(map[string]bool, len(in)+2)
	maps.Copy(out, in)
	return out
}
