package fakecgo_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// Tests that must change process-wide state for good (credentials,
// resource limits) run in a child: the test binary started again with
// -test.run selecting one test and childEnv naming what the child does.

const childEnv = "NOCGO_FAKECGO_TEST_CHILD"

// inChild reports whether this process is the child started by runChild
// for the test named role.
func inChild(role string) bool { return os.Getenv(childEnv) == role }

// runChild runs the test named test again in a new process of this test
// binary, with childEnv=role, and returns its combined output and error.
func runChild(t *testing.T, test, role string) ([]byte, error) {
	t.Helper()
	launcher, program, err := howStarted()
	if err != nil {
		t.Fatal(err)
	}
	args := append(slices.Clone(launcher), program, "-test.run=^"+test+"$", "-test.v", "-test.count=1")
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, args[0], args[1:]...)
	cmd.Env = append(os.Environ(), childEnv+"="+role)
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &out
	err = cmd.Run()
	shown := out.Bytes()
	if len(shown) > 4096 { // a crash's goroutine dump: its head says enough
		shown = shown[:4096]
	}
	// Absolute paths by their last element: the log is an input of Bazel's
	// test.xml action, and a path of this machine there would keep a
	// remote cache from serving another machine.
	words := make([]string, len(args))
	for i, a := range args {
		if filepath.IsAbs(a) {
			a = filepath.Base(a)
		}
		words[i] = a
	}
	t.Logf("child %s (%s): %v\n%s", role, strings.Join(words, " "), err, shown)
	return out.Bytes(), err
}

// howStarted returns the command line that started this program before
// the program's own arguments (nil, or an emulator or loader with its
// options) and the path of the program.
//
// Other GOARCHes run under qemu-user (tools/exec/goexec, the Bazel
// runner), and a foreign binary cannot be exec'd directly: there is no
// binfmt_misc. Where the host runs the binary, the Bazel runner may start
// it through the target's ld.so. Either way the kernel's command line of
// a thread (/proc/thread-self/cmdline: qemu fakes only /proc/self/cmdline)
// is the launcher's, ending with the program's own arguments, os.Args.
func howStarted() (launcher []string, program string, err error) {
	host, err := readArgv("/proc/thread-self/cmdline")
	if err != nil {
		return nil, "", err
	}
	n := len(host) - len(os.Args)
	if n < 0 || !slices.Equal(host[n+1:], os.Args[1:]) {
		return nil, "", fmt.Errorf("cannot tell how this program was started: the command line %q does not end with its arguments %q", host, os.Args[1:])
	}
	// The program: os.Executable, unless that is the loader (ld.so started
	// it), then os.Args[0].
	program, err = os.Executable()
	if err != nil {
		return nil, "", err
	}
	if filepath.Base(program) != filepath.Base(os.Args[0]) {
		if program, err = filepath.Abs(os.Args[0]); err != nil {
			return nil, "", err
		}
	}
	return host[:n], program, nil
}

func readArgv(name string) ([]string, error) {
	b, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	return strings.Split(strings.TrimSuffix(string(b), "\x00"), "\x00"), nil
}

// emulated reports whether this process runs under qemu-user, which shows
// the program its own command line in /proc/self/cmdline.
func emulated(t *testing.T) bool {
	self, err := readArgv("/proc/self/cmdline")
	if err != nil {
		t.Fatal(err)
	}
	host, err := readArgv("/proc/thread-self/cmdline")
	if err != nil {
		t.Fatal(err)
	}
	return !slices.Equal(self, host)
}
