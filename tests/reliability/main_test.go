// Package reliability is a stress and failure-mode suite for ffi and
// fakecgo: many C threads calling Go, C threads created and exiting by the
// thousand, panics in callbacks, signals and GC while C blocks at
// GOMAXPROCS=1, and C -> Go -> C -> Go nesting. Its C half is
// testdata/reliability.c. Every case is bounded in time and prints the
// counts it used, which are smaller under an emulator (see scale).
//
// This file holds what the cases share: the C library, the scale, the time
// bound and the re-execution of the test binary as a child process.
package reliability

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nocgo/rules_nocgo/ffi"
	"github.com/nocgo/rules_nocgo/internal/testchild"
)

// libEnv names the test C library's path: tools/matrix builds it with
// tools/cc for the target and sets it; Bazel sets its runfiles path (see
// BUILD.bazel), resolved in RUNFILES_DIR. A native `go test` without it
// builds the library with the host's cc.
const libEnv = "NOCGO_RELIABILITY_LIB"

// childMains are the programs the test binary runs as a child (its
// testchild.Role selects one); they must not return normally if they work as intended.
var childMains = map[string]func(){
	"panic-on-c-thread": panicOnCThreadChild,
}

func TestMain(m *testing.M) {
	if name := testchild.Role(); name != "" {
		main, ok := childMains[name]
		if !ok {
			fmt.Fprintf(os.Stderr, "reliability: unknown child role %q\n", name)
			os.Exit(3)
		}
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// scale is how much each case does. Natively it is what the issue asks
// for; under qemu-user every instruction and every thread start costs
// 10-100x more, so the counts are cut to keep each platform's whole
// suite under a minute on a 2-core machine (it runs 16 times under Bazel
// and 16 times in tools/matrix).
type scale struct {
	emulated       bool
	why            string // how emulation was detected
	threads, calls int    // C threads x callbacks each
	churn, width   int    // short-lived C threads in all, alive at once
	nestDepth      int    // C -> Go levels
	panics         int    // recovered callback panics in a row
	limit          time.Duration
}

var (
	scaleOnce sync.Once
	theScale  scale
)

func getScale() scale {
	scaleOnce.Do(func() {
		e, why := testchild.Emulated()
		if e {
			theScale = scale{emulated: true, why: why, threads: 16, calls: 2500, churn: 1000, width: 64, nestDepth: 100, panics: 100, limit: 120 * time.Second}
		} else {
			theScale = scale{why: why, threads: 32, calls: 10000, churn: 10000, width: 64, nestDepth: 100, panics: 1000, limit: 60 * time.Second}
		}
	})
	return theScale
}

// bounded fails the whole test binary, with every goroutine's stack, if
// the test has not finished within the scale's limit: a hang (a C call
// that never returns, a deadlock) becomes a crash that names the case.
func bounded(t *testing.T) {
	limit := getScale().limit
	name := t.Name()
	timer := time.AfterFunc(limit, func() {
		debug.SetTraceback("all")
		panic(fmt.Sprintf("reliability: %s did not finish within %v", name, limit))
	})
	t.Cleanup(func() { timer.Stop() })
}

var (
	libOnce sync.Once
	lib     *ffi.Library
	libPath string
	libErr  error
)

func testLib(t testing.TB) *ffi.Library {
	t.Helper()
	libOnce.Do(func() {
		libPath, libErr = findLib()
		if libErr == nil {
			lib, libErr = ffi.Dlopen(libPath, ffi.RTLD_NOW)
		}
	})
	if libErr != nil {
		t.Fatal(libErr)
	}
	return lib
}

func findLib() (string, error) {
	path := os.Getenv(libEnv)
	if dir := os.Getenv("RUNFILES_DIR"); path != "" && !filepath.IsAbs(path) && dir != "" {
		path = filepath.Join(dir, path)
	}
	if path != "" {
		return filepath.Abs(path)
	}
	if runtime.GOARCH != "amd64" {
		return "", fmt.Errorf("%s is not set, and the host cc builds for amd64, not %s: run through tools/matrix or Bazel", libEnv, runtime.GOARCH)
	}
	dir, err := os.MkdirTemp("", "reliability")
	if err != nil {
		return "", err
	}
	path = filepath.Join(dir, "libreliability.so")
	out, err := exec.Command("cc", "-O2", "-shared", "-fPIC", "-o", path, "testdata/reliability.c", "-lpthread").CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("building the test C library with the host cc failed: %v\n%s", err, out)
	}
	return path, nil
}

func sym(t testing.TB, name string) ffi.Symbol {
	t.Helper()
	s, err := testLib(t).Sym(name)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// must returns v, or stops the test binary on a binding error (every
// binding here is of a known symbol with a supported signature, so an
// error is a bug worth the stack trace).
func must[T any](v T, err error) T {
	if err != nil {
		panic(fmt.Sprintf("reliability: binding failed: %v", err))
	}
	return v
}

// runChild runs this test binary again as child program name and returns
// its exit code, stdout and stderr. Library and scale come along in the
// environment.
func runChild(t *testing.T, name string) (code int, stdout, stderr string) {
	t.Helper()
	testLib(t) // resolve libPath
	ctx, cancel := context.WithTimeout(context.Background(), getScale().limit/2)
	defer cancel()
	cmd, err := testchild.Command(ctx, name, "-test.run=^$")
	if err != nil {
		t.Fatal(err)
	}
	cmd.Env = append(cmd.Env, libEnv+"="+libPath)
	var out, errb strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errb
	cmd.WaitDelay = time.Second
	err = cmd.Run()
	if _, isExit := err.(*exec.ExitError); err != nil && !isExit {
		t.Fatalf("running %q: %v", cmd.Args, err)
	}
	if ctx.Err() != nil {
		t.Fatalf("child %s did not finish within %v; stderr:\n%s", name, getScale().limit/2, errb.String())
	}
	code = cmd.ProcessState.ExitCode()
	return code, out.String(), errb.String()
}
