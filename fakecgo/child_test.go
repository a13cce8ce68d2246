package fakecgo_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
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
//
// Under qemu-user (how tools/exec/goexec and the Bazel runner start other
// GOARCHes) a foreign binary cannot be exec'd directly: there is no
// binfmt_misc. qemu shows the program its own command line in
// /proc/self/cmdline, but the thread-level files show the host's, which
// is the emulator's command line ending with ours; its head (emulator and
// options) starts the child the same way.
func runChild(t *testing.T, test, role string) ([]byte, error) {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	prefix, err := emulatorPrefix()
	if err != nil {
		t.Fatal(err)
	}
	args := append(slices.Clone(prefix), exe, "-test.run=^"+test+"$", "-test.v", "-test.count=1")
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
	t.Logf("child %s (%s): %v\n%s", role, strings.Join(args, " "), err, shown)
	return out.Bytes(), err
}

// emulatorPrefix returns the command line that runs this process's
// program (the emulator and its options), or nil when it runs natively.
func emulatorPrefix() ([]string, error) {
	guest, err := readArgv("/proc/self/cmdline")
	if err != nil {
		return nil, err
	}
	host, err := readArgv("/proc/thread-self/cmdline")
	if err != nil {
		return nil, err
	}
	if slices.Equal(host, guest) {
		return nil, nil
	}
	n := len(host) - len(guest)
	if n <= 0 || !slices.Equal(host[n:], guest) {
		return nil, &emulatorError{host, guest}
	}
	return host[:n], nil
}

type emulatorError struct{ host, guest []string }

func (e *emulatorError) Error() string {
	return "cannot tell how this program was started: host command line " + strings.Join(e.host, " ") +
		" does not end with the program's own " + strings.Join(e.guest, " ")
}

func readArgv(name string) ([]string, error) {
	b, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	return strings.Split(strings.TrimSuffix(string(b), "\x00"), "\x00"), nil
}

// emulated reports whether this process runs under qemu-user.
func emulated(t *testing.T) bool {
	prefix, err := emulatorPrefix()
	if err != nil {
		t.Fatal(err)
	}
	return prefix != nil
}
