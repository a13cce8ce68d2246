package gazelle

import (
	"path"

	"github.com/bazelbuild/bazel-gazelle/config"
	"github.com/bazelbuild/bazel-gazelle/label"
	"github.com/bazelbuild/bazel-gazelle/repo"
	"github.com/bazelbuild/bazel-gazelle/resolve"
	"github.com/bazelbuild/bazel-gazelle/rule"
)

// goLang is the language of the import specs we resolve (Gazelle's Go extension's name).
const goLang = "go"

// ownPackages maps the Go packages of rules_nocgo that other repositories import to their
// Bazel packages in the rules_nocgo module (the library target is named after the package,
// Gazelle's "import" naming convention).
var ownPackages = map[string]string{
	"github.com/nocgo/rules_nocgo/ffi":     "ffi",
	"github.com/nocgo/rules_nocgo/fakecgo": "fakecgo",
}

// Imports returns nil: tests and binaries cannot be imported.
func (*nocgoLang) Imports(*config.Config, *rule.Rule, *rule.File) []resolve.ImportSpec {
	return nil
}

// Embeds returns the labels in embed, as the Go extension does.
func (l *nocgoLang) Embeds(r *rule.Rule, from label.Label) []label.Label {
	return l.goResolver.Embeds(r, from)
}

// Resolve sets deps from the Go imports the Go extension found. nocgo_test and
// nocgo_binary pass their attributes to go_test and go_binary, so this is exactly the Go
// resolver's work (gazelle:resolve, the index, our CrossResolve, go.mod, ...).
func (l *nocgoLang) Resolve(c *config.Config, ix *resolve.RuleIndex, rc *repo.RemoteCache, r *rule.Rule, imports interface{}, from label.Label) {
	l.goResolver.Resolve(c, ix, rc, r, imports, from)
}

// CrossResolve resolves the Go import paths of rules_nocgo's packages (ownPackages) to
// their targets in the rules_nocgo module, named by the apparent name the root module gave
// it. Gazelle asks after its index and before go.mod/go_repository guesses, so a
// repository that contains these packages itself (rules_nocgo) still resolves to its own
// targets, and every other one gets @rules_nocgo//ffi instead of a go_repository name.
func (*nocgoLang) CrossResolve(c *config.Config, _ *resolve.RuleIndex, imp resolve.ImportSpec, lang string) []resolve.FindResult {
	if imp.Lang != goLang || lang != goLang {
		return nil
	}
	pkg, ok := ownPackages[imp.Imp]
	if !ok {
		return nil
	}
	repoName := apparentRepo(c.ModuleToApparentName)
	if c.RepoName == moduleName {
		repoName = "" // rules_nocgo itself
	}
	return []resolve.FindResult{{Label: label.New(repoName, pkg, path.Base(pkg))}}
}
