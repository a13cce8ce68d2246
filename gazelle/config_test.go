package gazelle

import (
	"flag"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/bazelbuild/bazel-gazelle/config"
	"github.com/bazelbuild/bazel-gazelle/rule"
)

// configure runs our Configure over BUILD files from the root down (rels[i] holds
// contents[i]) and returns the last directory's configuration and the reported errors.
func configure(t *testing.T, rels, contents []string) (*nocgoConfig, []string) {
	t.Helper()
	l := NewLanguage().(*nocgoLang)
	c := config.New()
	c.RepoRoot = "/repo"
	l.RegisterFlags(flag.NewFlagSet("test", flag.ContinueOnError), "update", c)
	for i, rel := range rels {
		path := filepath.Join(c.RepoRoot, rel, "BUILD.bazel")
		f, err := rule.LoadData(path, rel, []byte(contents[i]))
		if err != nil {
			t.Fatal(err)
		}
		c = c.Clone()
		l.Configure(c, rel, f)
	}
	return getConfig(c), l.errs
}

func TestConfigureInherits(t *testing.T) {
	nc, errs := configure(t,
		[]string{"", "a", "a/b"},
		[]string{
			"# gazelle:nocgo_platforms linux_arm64 linux_riscv64\n# gazelle:nocgo_sdks 1.27.3\n",
			"# gazelle:nocgo_keep_go_test on\n",
			"# gazelle:nocgo all\n",
		})
	if errs != nil {
		t.Fatal(errs)
	}
	if want := []string{"linux_arm64", "linux_riscv64"}; !slices.Equal(nc.platforms, want) {
		t.Errorf("platforms = %v; want %v", nc.platforms, want)
	}
	if want := []string{"1.27.3"}; !slices.Equal(nc.sdks, want) {
		t.Errorf("sdks = %v; want %v", nc.sdks, want)
	}
	if !nc.keepGoTest || nc.keepGoBinary || nc.detection != detectAll {
		t.Errorf("keepGoTest, keepGoBinary, detection = %v, %v, %v; want true, false, all", nc.keepGoTest, nc.keepGoBinary, nc.detection)
	}
}

func TestConfigureDoesNotChangeParent(t *testing.T) {
	l := NewLanguage().(*nocgoLang)
	root := config.New()
	l.RegisterFlags(flag.NewFlagSet("test", flag.ContinueOnError), "update", root)
	f, err := rule.LoadData("/repo/a/BUILD.bazel", "a", []byte("# gazelle:nocgo_platforms linux_arm\n"))
	if err != nil {
		t.Fatal(err)
	}
	child := root.Clone()
	l.Configure(child, "a", f)
	if got := getConfig(root).platforms; got != nil {
		t.Errorf("root platforms = %v after configuring a child; want nil", got)
	}
}

func TestConfigureEmptyValueRestoresDefault(t *testing.T) {
	nc, errs := configure(t,
		[]string{"", "a"},
		[]string{
			"# gazelle:nocgo_platforms linux_arm\n# gazelle:nocgo_sdks 1.26.8\n",
			"# gazelle:nocgo_platforms\n# gazelle:nocgo_sdks\n",
		})
	if errs != nil {
		t.Fatal(errs)
	}
	if nc.platforms != nil || nc.sdks != nil {
		t.Errorf("platforms, sdks = %v, %v; want nil, nil (the macro's defaults)", nc.platforms, nc.sdks)
	}
}

func TestConfigureKnownSDKsFirst(t *testing.T) {
	// nocgo_sdks before nocgo_known_sdks in the same file: still checked against the new list.
	nc, errs := configure(t, []string{""}, []string{
		"# gazelle:nocgo_sdks 1.28.1\n# gazelle:nocgo_known_sdks 1.27.3 1.28.1\n",
	})
	if errs != nil {
		t.Fatal(errs)
	}
	if want := []string{"1.28.1"}; !slices.Equal(nc.sdks, want) {
		t.Errorf("sdks = %v; want %v", nc.sdks, want)
	}
}

func TestConfigureSDKVariants(t *testing.T) {
	// A patched SDK pinned under a name of its own (nocgo.sdk(version = "1.27.3-strict", patches
	// = [...])) is a known SDK like any other.
	nc, errs := configure(t, []string{""}, []string{
		"# gazelle:nocgo_known_sdks 1.26.8 1.27.3 1.27.3-strict\n# gazelle:nocgo_sdks 1.27.3 1.27.3-strict\n",
	})
	if errs != nil {
		t.Fatal(errs)
	}
	if want := []string{"1.27.3", "1.27.3-strict"}; !slices.Equal(nc.sdks, want) {
		t.Errorf("sdks = %v; want %v", nc.sdks, want)
	}
}

func TestConfigureErrors(t *testing.T) {
	for _, tc := range []struct {
		name     string
		rels     []string
		contents []string
		want     []string // substrings of the errors, in order
	}{{
		name:     "unknown platform",
		rels:     []string{""},
		contents: []string{"# comment\n# gazelle:nocgo_platforms linux_arm64 linux_mips\n"},
		want:     []string{`BUILD.bazel:2: # gazelle:nocgo_platforms: unknown platform "linux_mips"; known platforms: linux_386,`},
	}, {
		name:     "unknown sdk",
		rels:     []string{"", "pkg"},
		contents: []string{"", "load(\"//x:y.bzl\", \"z\")\n\nz(name = \"z\")\n\n# gazelle:nocgo_sdks 1.25.0\n"},
		want:     []string{`pkg/BUILD.bazel:5: # gazelle:nocgo_sdks: unknown Go SDK "1.25.0"; known SDKs: 1.26.8, 1.27.3`},
	}, {
		name:     "bad values",
		rels:     []string{""},
		contents: []string{"# gazelle:nocgo yes\n# gazelle:nocgo_keep_go_test maybe\n# gazelle:nocgo_known_sdks go1.27 1.27.3- 1.27.3-Strict\n"},
		want: []string{
			`BUILD.bazel:3: # gazelle:nocgo_known_sdks: not a Go version: "go1.27", "1.27.3-", "1.27.3-Strict"`,
			`BUILD.bazel:1: # gazelle:nocgo: unknown value "yes"; want on, off or all`,
			`BUILD.bazel:2: # gazelle:nocgo_keep_go_test: unknown value "maybe"; want on or off`,
		},
	}, {
		name:     "inherited sdk no longer known",
		rels:     []string{"", "pkg"},
		contents: []string{"# gazelle:nocgo_sdks 1.26.8\n", "# gazelle:nocgo_known_sdks 1.27.3\n"},
		want:     []string{`pkg/BUILD.bazel:1: # gazelle:nocgo_known_sdks: unknown inherited Go SDK "1.26.8"`},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			_, errs := configure(t, tc.rels, tc.contents)
			if len(errs) != len(tc.want) {
				t.Fatalf("errors:\n%s\nwant %d", strings.Join(errs, "\n"), len(tc.want))
			}
			for i, w := range tc.want {
				if !strings.HasPrefix(errs[i], w) {
					t.Errorf("error %d:\n%s\nwant prefix\n%s", i, errs[i], w)
				}
			}
		})
	}
}

func TestLocateDirectivesAfterRules(t *testing.T) {
	f, err := rule.LoadData("/repo/BUILD.bazel", "", []byte(`# gazelle:prefix example.com/x
load("@rules_go//go:def.bzl", "go_library")

# gazelle:nocgo off
go_library(name = "x")

# gazelle:nocgo_platforms linux_arm
`))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range locateDirectives(f) {
		got = append(got, d.Key+"@"+string(rune('0'+d.line)))
	}
	if want := []string{"prefix@1", "nocgo@4", "nocgo_platforms@7"}; !slices.Equal(got, want) {
		t.Errorf("directives = %v; want %v", got, want)
	}
}
