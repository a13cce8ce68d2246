// Package gazelle is a Gazelle language extension that gives the tests and binaries of FFI
// packages the rules_nocgo matrix targets: nocgo_test and nocgo_binary from
// @rules_nocgo//rules:defs.bzl, which build a pure-Go (CGO_ENABLED=0) target for each
// platform x Go SDK and run it under the platform's emulator.
//
// It composes with Gazelle's Go extension in one gazelle_binary, listed after it:
//
//	gazelle_binary(
//	    name = "gazelle_nocgo",
//	    languages = [
//	        "@gazelle//language/go",
//	        "@rules_nocgo//gazelle",  # after go: it reads the rules go generated
//	    ],
//	)
//
// # Configuration
//
// Directives (config.go), read from BUILD files and inherited by subdirectories like
// Gazelle's own:
//
//	# gazelle:nocgo on|off|all                 detect FFI packages (default), opt out, or treat
//	                                           every Go package as one
//	# gazelle:nocgo_platforms linux_arm64 ...  the platforms attribute (empty: the macro's default)
//	# gazelle:nocgo_sdks 1.27.3 ...            the sdks attribute (empty: the macro's default)
//	# gazelle:nocgo_known_sdks 1.26.8 1.27.3   the SDKs nocgo_sdks may name
//	# gazelle:nocgo_keep_go_test on|off        keep the plain go_test beside the nocgo_test
//	# gazelle:nocgo_keep_go_binary on|off      keep the plain go_binary beside the nocgo_binary
//
// An invalid directive is reported with its file and line. All of them are collected while
// Gazelle walks the tree, and the run fails (DoneGeneratingRules) after the walk and before
// any BUILD file is written.
//
// # Rule generation
//
// GenerateRules (generate.go) runs after the Go extension in each directory and reads the
// rules it generated (GenerateArgs.OtherGen, with their imports). A package is an FFI
// package when one of its go_library, go_test or go_binary rules imports
// github.com/nocgo/rules_nocgo/ffi or /fakecgo, or github.com/ebitengine/purego (on any
// platform), or is one of them (their own tests).
//
// By default the matrix target replaces the plain one ("instead"): the go_test or go_binary
// the Go extension generated becomes a nocgo_test or nocgo_binary of the same name, so the
// Go extension's srcs, embed and imports carry over unchanged, and an existing go_test of
// that name is converted in place, keeping every attribute a user added (but pure and
// testonly, which the macro sets). With nocgo_keep_go_test (or _binary) the plain rule stays
// and a copy named <name>_nocgo_test (<name>_nocgo) is generated beside it ("beside"); so
// it is, too, when the plain rule is marked # keep or its kind is map_kind'ed by the user.
//
// Whatever this extension generated goes away when the package stops being an FFI package
// (or nocgo goes off, or the mode changes): a nocgo_test of the Go extension's test name is
// converted back into a go_test (user attributes kept; platforms and sdks dropped), and
// beside targets are returned as empty rules, which Gazelle deletes.
//
// # Dependency resolution
//
// nocgo_test and nocgo_binary are go_test and go_binary underneath, so their deps are
// resolved by Gazelle's Go resolver, which this extension delegates to (resolve.go). As a
// CrossResolver it maps the Go import paths of rules_nocgo's own packages to
// @rules_nocgo//ffi and @rules_nocgo//fakecgo (or the repo_name the root module gave
// rules_nocgo), for every Go rule, so a downstream repository needs no gazelle:resolve
// directive for them.
package gazelle

import (
	"fmt"
	"log"
	"strings"
	"sync"

	"github.com/bazelbuild/bazel-gazelle/config"
	"github.com/bazelbuild/bazel-gazelle/language"
	golang "github.com/bazelbuild/bazel-gazelle/language/go"
	"github.com/bazelbuild/bazel-gazelle/resolve"
	"github.com/bazelbuild/bazel-gazelle/rule"
)

const (
	// languageName is this extension's name (Config.Exts key, gazelle:lang value).
	languageName = "nocgo"

	// moduleName is the Bazel module that defines the rules, the platforms and the ffi package.
	moduleName = "rules_nocgo"

	// defsBzl is the file, in moduleName, that nocgo_test and nocgo_binary are loaded from.
	defsBzl = "//rules:defs.bzl"
)

// nocgoLang implements language.Language, resolve.CrossResolver and
// language.FinishableLanguage.
type nocgoLang struct {
	// goResolver resolves the deps of our rules: they are go_test and go_binary underneath.
	goResolver resolve.Resolver

	// mu guards errs and warned: Gazelle may configure and generate concurrently one day.
	mu sync.Mutex
	// errs are the invalid directives found so far, as "file:line: message".
	errs []string
	// warned records the one-time warnings already printed.
	warned map[string]bool
}

var (
	_ language.Language            = (*nocgoLang)(nil)
	_ language.ModuleAwareLanguage = (*nocgoLang)(nil)
	_ language.FinishableLanguage  = (*nocgoLang)(nil)
	_ resolve.CrossResolver        = (*nocgoLang)(nil)
)

// NewLanguage returns the rules_nocgo extension; gazelle_binary calls it.
func NewLanguage() language.Language {
	return &nocgoLang{
		goResolver: golang.NewLanguage(),
		warned:     make(map[string]bool),
	}
}

// Name returns "nocgo".
func (*nocgoLang) Name() string { return languageName }

// Loads returns the .bzl file our kinds come from, for repositories without MODULE.bazel.
//
// Deprecated: Gazelle calls ApparentLoads; this is here for the Language interface.
func (l *nocgoLang) Loads() []rule.LoadInfo {
	return l.ApparentLoads(func(string) string { return "" })
}

// ApparentLoads returns @<apparent name of rules_nocgo>//rules:defs.bzl and our kinds.
func (*nocgoLang) ApparentLoads(moduleToApparentName func(string) string) []rule.LoadInfo {
	symbols := make([]string, 0, len(matrixKinds))
	for _, mk := range matrixKinds {
		symbols = append(symbols, mk.kind)
	}
	return []rule.LoadInfo{{
		Name:    "@" + apparentRepo(moduleToApparentName) + defsBzl,
		Symbols: symbols,
	}}
}

// apparentRepo is the name the root module knows rules_nocgo by: its repo_name, or
// "rules_nocgo" (also when there is no MODULE.bazel).
func apparentRepo(moduleToApparentName func(string) string) string {
	if moduleToApparentName != nil {
		if name := moduleToApparentName(moduleName); name != "" {
			return name
		}
	}
	return moduleName
}

// Fix does nothing: there is no deprecated usage of our rules to repair.
func (*nocgoLang) Fix(*config.Config, *rule.File) {}

// DoneGeneratingRules fails the run if any directive was invalid. Gazelle calls it after
// walking the whole tree and before it resolves dependencies and writes BUILD files, so
// every invalid directive is reported at once and no BUILD file is half-written.
func (l *nocgoLang) DoneGeneratingRules() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.errs) == 0 {
		return
	}
	for _, e := range l.errs {
		log.Print(e)
	}
	log.Fatalf("%d invalid nocgo directive(s); no BUILD file was changed", len(l.errs))
}

// reportf records an invalid directive; DoneGeneratingRules reports it.
func (l *nocgoLang) reportf(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.errs = append(l.errs, fmt.Sprintf(format, args...))
}

// warnOnce prints a warning the first time key is seen.
func (l *nocgoLang) warnOnce(key, format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.warned[key] {
		return
	}
	l.warned[key] = true
	log.Printf("nocgo: "+format, args...)
}

// ffiImportPrefixes are the import paths (and their subpackages) that make a package an FFI
// package.
var ffiImportPrefixes = []string{
	"github.com/nocgo/rules_nocgo/ffi",
	"github.com/nocgo/rules_nocgo/fakecgo",
	"github.com/ebitengine/purego",
}

// isFFIImport reports whether imp is one of ffiImportPrefixes or below one of them.
func isFFIImport(imp string) bool {
	for _, p := range ffiImportPrefixes {
		if imp == p || strings.HasPrefix(imp, p+"/") {
			return true
		}
	}
	return false
}
