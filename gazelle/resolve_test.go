package gazelle

import (
	"testing"

	"github.com/bazelbuild/bazel-gazelle/config"
	"github.com/bazelbuild/bazel-gazelle/label"
	"github.com/bazelbuild/bazel-gazelle/resolve"
)

func TestCrossResolve(t *testing.T) {
	l := NewLanguage().(*nocgoLang)
	apparent := func(names map[string]string) func(string) string {
		return func(m string) string { return names[m] }
	}
	for _, tc := range []struct {
		name     string
		repoName string
		modules  func(string) string
		imp      resolve.ImportSpec
		lang     string
		want     []label.Label
	}{{
		name:    "ffi",
		modules: apparent(map[string]string{"rules_nocgo": "rules_nocgo"}),
		imp:     resolve.ImportSpec{Lang: "go", Imp: "github.com/nocgo/rules_nocgo/ffi"},
		lang:    "go",
		want:    []label.Label{label.New("rules_nocgo", "ffi", "ffi")},
	}, {
		name:    "fakecgo, no MODULE.bazel",
		modules: nil,
		imp:     resolve.ImportSpec{Lang: "go", Imp: "github.com/nocgo/rules_nocgo/fakecgo"},
		lang:    "go",
		want:    []label.Label{label.New("rules_nocgo", "fakecgo", "fakecgo")},
	}, {
		name:    "repo_name",
		modules: apparent(map[string]string{"rules_nocgo": "nocgo"}),
		imp:     resolve.ImportSpec{Lang: "go", Imp: "github.com/nocgo/rules_nocgo/ffi"},
		lang:    "go",
		want:    []label.Label{label.New("nocgo", "ffi", "ffi")},
	}, {
		name:     "rules_nocgo itself",
		repoName: "rules_nocgo",
		imp:      resolve.ImportSpec{Lang: "go", Imp: "github.com/nocgo/rules_nocgo/ffi"},
		lang:     "go",
		want:     []label.Label{label.New("", "ffi", "ffi")},
	}, {
		name: "internal package",
		imp:  resolve.ImportSpec{Lang: "go", Imp: "github.com/nocgo/rules_nocgo/ffi/internal/gen"},
		lang: "go",
	}, {
		name: "purego is a Go module",
		imp:  resolve.ImportSpec{Lang: "go", Imp: "github.com/ebitengine/purego"},
		lang: "go",
	}, {
		name: "not go",
		imp:  resolve.ImportSpec{Lang: "proto", Imp: "github.com/nocgo/rules_nocgo/ffi"},
		lang: "go",
	}} {
		t.Run(tc.name, func(t *testing.T) {
			c := config.New()
			c.RepoName = tc.repoName
			c.ModuleToApparentName = tc.modules
			var got []label.Label
			for _, r := range l.CrossResolve(c, nil, tc.imp, tc.lang) {
				got = append(got, r.Label)
			}
			if len(got) != len(tc.want) {
				t.Fatalf("CrossResolve(%v) = %v; want %v", tc.imp, got, tc.want)
			}
			for i := range got {
				if !got[i].Equal(tc.want[i]) {
					t.Errorf("CrossResolve(%v) = %v; want %v", tc.imp, got, tc.want)
				}
			}
		})
	}
}

func TestLabelsPrint(t *testing.T) {
	// How the labels above end up in deps (Gazelle shortens a label named after its package).
	if got := label.New("rules_nocgo", "ffi", "ffi").String(); got != "@rules_nocgo//ffi" {
		t.Errorf("label = %s; want @rules_nocgo//ffi", got)
	}
}

func TestIsFFIImport(t *testing.T) {
	for imp, want := range map[string]bool{
		"github.com/nocgo/rules_nocgo/ffi":      true,
		"github.com/nocgo/rules_nocgo/fakecgo":  true,
		"github.com/ebitengine/purego":          true,
		"github.com/ebitengine/purego/objc":     true,
		"github.com/ebitengine/puregoish":       false,
		"github.com/nocgo/rules_nocgo/ffiutil":  false,
		"github.com/nocgo/rules_nocgo/internal": false,
		"os":                                    false,
	} {
		if got := isFFIImport(imp); got != want {
			t.Errorf("isFFIImport(%q) = %v; want %v", imp, got, want)
		}
	}
}
