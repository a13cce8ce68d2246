// The build flags a test binary was made with, as its build info records
// them: fakecgo needs none on released SDKs and, where an SDK makes
// runtime.cgocallback std-only (1.27.3-strict), exactly one: its own
// assembly objects marked as std (-asmflags=<fakecgo>=-std). Nothing else
// may be marked std.
package fakecgo_test

import (
	"os"
	"runtime/debug"
	"slices"
	"strings"
	"testing"
)

const fakecgoPath = "github.com/nocgo/rules_nocgo/fakecgo"

// stdFlagSettings returns the build settings that pass -std to some package's
// compiler or assembler.
func stdFlagSettings(t *testing.T) []string {
	t.Helper()
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		t.Fatal("no build info in the test binary")
	}
	var flags []string
	for _, s := range bi.Settings {
		if (s.Key == "-asmflags" || s.Key == "-gcflags") && strings.Contains(s.Value, "-std") {
			flags = append(flags, s.Key+"="+s.Value)
		}
	}
	return flags
}

// NOCGO_EXPECT_FLAGS (set by tools/matrix and the Bazel suites from the
// mechanism chosen for the SDK and GOARCH) is the exact list, space
// separated, or "none". Without it, the flags must still be the only
// mechanism we use: fakecgo's assembly, nothing wider.
func TestBuildFlags(t *testing.T) {
	got := stdFlagSettings(t)
	t.Logf("build flags with -std: %q", got)
	want, set := os.LookupEnv("NOCGO_EXPECT_FLAGS")
	if set {
		var wantList []string
		if want != "none" {
			wantList = strings.Fields(want)
		}
		if !slices.Equal(got, wantList) {
			t.Fatalf("built with %q, want %q (NOCGO_EXPECT_FLAGS=%q)", got, wantList, want)
		}
		return
	}
	for _, f := range got {
		if f != "-asmflags="+fakecgoPath+"=-std" {
			t.Errorf("built with %s: only fakecgo's assembly may be marked std", f)
		}
	}
}
