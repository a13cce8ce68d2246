// Asks a pinned SDK's own linker, for one GOARCH, whether a package
// outside std may reference runtime·cgocallback from assembly, and checks
// the answer against what the rules expect (NOCGO_PROBE_WANT, from the
// same table that gives fakecgo its assembler flag): "refused" (the strict
// SDK where the linker checks assembly; -asmflags=<pkg>=-std must then
// make it link, and must not open an unpushed symbol such as
// runtime·gogo) or "linked". A strict SDK that links the plain reference
// (a toothless patch) fails here, so a green strict row cannot come from it.
package linkprobe_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/nocgo/rules_nocgo/internal/linkprobe"
)

func env(t *testing.T, name string) string {
	t.Helper()
	v := os.Getenv(name)
	if v == "" {
		t.Fatalf("%s is not set (tests/linkprobe/linkprobe.bzl sets it)", name)
	}
	return v
}

// sdk returns the SDK's go command and the environment that selects it.
func sdk(t *testing.T) (string, []string) {
	t.Helper()
	rloc := env(t, "NOCGO_PROBE_GO")
	runfiles := os.Getenv("RUNFILES_DIR")
	if runfiles == "" {
		runfiles = env(t, "TEST_SRCDIR")
	}
	gocmd := filepath.Join(runfiles, filepath.FromSlash(rloc))
	if _, err := os.Stat(gocmd); err != nil {
		t.Fatalf("the SDK's go command: %v", err)
	}
	tmp := t.TempDir()
	return gocmd, []string{
		"GOROOT=" + filepath.Dir(filepath.Dir(gocmd)),
		"GOTOOLCHAIN=local",
		"GOPROXY=off",
		"GOCACHE=" + filepath.Join(tmp, "cache"),
		"GOPATH=" + filepath.Join(tmp, "gopath"),
		"HOME=" + tmp,
	}
}

func TestCgocallbackFromAssembly(t *testing.T) {
	goarch := env(t, "NOCGO_PROBE_GOARCH")
	want := env(t, "NOCGO_PROBE_WANT")
	gocmd, environ := sdk(t)
	refused, err := linkprobe.Refused(gocmd, environ, goarch, "cgocallback")
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("SDK %s, GOARCH=%s: plain assembly reference to runtime·cgocallback refused: %v", os.Getenv("NOCGO_SDK"), goarch, refused)
	switch want {
	case "linked":
		if refused {
			t.Fatalf("refused, want it linked")
		}
	case "refused":
		if !refused {
			t.Fatalf("linked, want it refused: this SDK does not enforce the std-only push of runtime.cgocallback")
		}
		std := "-asmflags=" + linkprobe.Pkg + "=-std"
		still, err := linkprobe.Refused(gocmd, environ, goarch, "cgocallback", std)
		if err != nil {
			t.Fatal(err)
		}
		if still {
			t.Fatalf("still refused with %s: the flag fakecgo gets would not help", std)
		}
		gogo, err := linkprobe.Refused(gocmd, environ, goarch, "gogo", std)
		if err != nil {
			t.Fatal(err)
		}
		if !gogo {
			t.Fatalf("runtime·gogo (never pushed) links with %s: the flag opens more than std-only pushes", std)
		}
		t.Logf("with %s: runtime·cgocallback links, runtime·gogo stays refused", std)
	default:
		t.Fatalf("NOCGO_PROBE_WANT=%q, want linked or refused", want)
	}
}
