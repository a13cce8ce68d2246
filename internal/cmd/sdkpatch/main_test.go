// Tests for sdkpatch: the strict SDK patch applies to the pinned go1.27.3
// sources exactly, and a patch whose context does not match is refused.
package main

import (
	"os"
	"strings"
	"testing"
)

const sample = "one\ntwo\n//go:linkname f\nfunc f()\nthree\n"

const sampleDiff = `a comment before the first file
--- a/x.go
+++ b/x.go
@@ -2,3 +2,3 @@
 two
-//go:linkname f
+//go:linknamestd f
 func f()
`

func TestApply(t *testing.T) {
	files, err := parseDiff([]byte(sampleDiff))
	if err != nil {
		t.Fatal(err)
	}
	got, err := files[0].apply(sample)
	if err != nil {
		t.Fatal(err)
	}
	if want := strings.Replace(sample, "linkname", "linknamestd", 1); got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

// A hunk applies only at its stated line with its exact context: no fuzz,
// no offset, so a different SDK is an error, never a half-patched copy.
func TestApplyRefusesMismatch(t *testing.T) {
	files, err := parseDiff([]byte(sampleDiff))
	if err != nil {
		t.Fatal(err)
	}
	for _, content := range []string{
		"zero\n" + sample, // moved by a line
		strings.Replace(sample, "linkname f", "linkname g", 1), // changed line
		"one\ntwo\n", // too short
	} {
		if _, err := files[0].apply(content); err == nil {
			t.Errorf("applied to %q", content)
		}
	}
}

func TestParseRefusesBadDiffs(t *testing.T) {
	for _, d := range []string{
		"",
		"--- a/x.go\n+++ b/y.go\n@@ -1,1 +1,1 @@\n-a\n+b\n",
		"--- a/../x.go\n+++ b/../x.go\n@@ -1,1 +1,1 @@\n-a\n+b\n",
		"--- a/x.go\n+++ b/x.go\n@@ -1,2 +1,2 @@\n-a\n+b\n",
		"--- a/x.go\n+++ b/x.go\n",
	} {
		if _, err := parseDiff([]byte(d)); err == nil {
			t.Errorf("parsed %q", d)
		}
	}
}

// The checked-in patch changes exactly the cgocallback and load_g
// directives, one line each, in stubs.go and the eight stubs_ARCH.go.
func TestStrictPatch(t *testing.T) {
	diff, err := os.ReadFile("../../../sdk/patches/go1.27.3-strict.patch")
	if err != nil {
		t.Fatal(err)
	}
	files, err := parseDiff(diff)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"src/runtime/stubs.go": "cgocallback"}
	for _, a := range []string{"arm", "arm64", "loong64", "mips64x", "mipsx", "ppc64x", "riscv64", "s390x"} {
		want["src/runtime/stubs_"+a+".go"] = "load_g"
	}
	for _, fp := range files {
		sym, ok := want[fp.path]
		if !ok {
			t.Errorf("patch touches %s", fp.path)
			continue
		}
		delete(want, fp.path)
		var removed, added []string
		for _, h := range fp.hunks {
			for _, l := range h.old {
				if !contains(h.new, l) {
					removed = append(removed, l)
				}
			}
			for _, l := range h.new {
				if !contains(h.old, l) {
					added = append(added, l)
				}
			}
		}
		if len(removed) != 1 || removed[0] != "//go:linkname "+sym || len(added) != 1 || added[0] != "//go:linknamestd "+sym {
			t.Errorf("%s: removes %q, adds %q; want only the %s directive made std-only", fp.path, removed, added, sym)
		}
	}
	for p := range want {
		t.Errorf("patch misses %s", p)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
