package fakecgo_test

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nocgo/rules_nocgo/internal/testchild"
)

// Tests that must change process-wide state for good (credentials,
// resource limits) run in a child: the test binary started again
// (internal/testchild) with -test.run selecting one test and a role naming
// what the child does.

// inChild reports whether this process is the child started by runChild
// for the test named role.
func inChild(role string) bool { return testchild.Role() == role }

// runChild runs the test named test again in a new process of this test
// binary, with the given role, and returns its combined output and error.
func runChild(t *testing.T, test, role string) ([]byte, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd, err := testchild.Command(ctx, role, "-test.run=^"+test+"$", "-test.v", "-test.count=1")
	if err != nil {
		t.Fatal(err)
	}
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
	words := make([]string, len(cmd.Args))
	for i, a := range cmd.Args {
		if filepath.IsAbs(a) {
			a = filepath.Base(a)
		}
		words[i] = a
	}
	t.Logf("child %s (%s): %v\n%s", role, strings.Join(words, " "), err, shown)
	return out.Bytes(), err
}

// emulated reports whether this process runs under qemu-user.
func emulated(t *testing.T) bool {
	e, why := testchild.Emulated()
	t.Logf("emulated: %v (%s)", e, why)
	return e
}
