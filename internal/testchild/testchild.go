// Package testchild starts the running test binary again, as a child
// process with a role, the same way on every platform: tests that must
// change process-wide state for good (credentials, resource limits) or
// that expect the process to die run their work in a child.
//
// Under qemu-user the kernel cannot start a foreign binary by itself
// (there is no binfmt_misc): the runners (tools/exec/goexec, Bazel's
// emulator runner) export the words that start one in NOCGO_EXEC_PREFIX,
// one per line, none when the host runs the binary, and say in
// NOCGO_EMULATED (1 or 0) whether this process is emulated.
package testchild

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
)

// roleEnv names the variable that carries a child's role.
const roleEnv = "NOCGO_TEST_CHILD"

// Role returns the role this process was started with by Command, or ""
// when it is not a child.
func Role() string { return os.Getenv(roleEnv) }

// Emulated reports whether this process runs under an emulator, and what
// says so: NOCGO_EMULATED from the runners; without it, every GOARCH but
// the host's (amd64, and 386 which it runs natively) is taken as emulated.
func Emulated() (bool, string) {
	switch v := os.Getenv("NOCGO_EMULATED"); v {
	case "1":
		return true, "NOCGO_EMULATED=1"
	case "0":
		return false, "NOCGO_EMULATED=0"
	}
	e := runtime.GOARCH != "amd64" && runtime.GOARCH != "386"
	return e, "NOCGO_EMULATED unset, GOARCH=" + runtime.GOARCH
}

// Command returns the command that runs this test binary again with args
// and role in the environment (Role), bound to ctx. It fails where the
// binary cannot be started again (emulated, without NOCGO_EXEC_PREFIX),
// for an empty role, and in a child: a child that reached the test that
// started it (a -test.run that matches more than meant, a role the
// child's code does not check) would start another, and so on without end.
func Command(ctx context.Context, role string, args ...string) (*exec.Cmd, error) {
	if role == "" {
		return nil, errors.New("testchild: a child needs a role")
	}
	if r := Role(); r != "" {
		return nil, errors.New("testchild: the child with role " + r + " would start another child (role " + role + "): a test that starts children must check Role first")
	}
	var argv []string
	if v, ok := os.LookupEnv("NOCGO_EXEC_PREFIX"); ok {
		for _, w := range strings.Split(v, "\n") {
			if w != "" {
				argv = append(argv, w)
			}
		}
	} else if e, why := Emulated(); e {
		return nil, errors.New("testchild: cannot start a child process under an emulator without NOCGO_EXEC_PREFIX (" + why + ")")
	}
	// os.Args[0], not os.Executable: where the target's ld.so starts the
	// binary, /proc/self/exe is ld.so. The runners pass absolute paths.
	self := os.Args[0]
	if !filepath.IsAbs(self) {
		var err error
		if self, err = os.Executable(); err != nil {
			return nil, err
		}
	}
	argv = append(append(argv, self), args...)
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	cmd.Env = append(os.Environ(), roleEnv+"="+role)
	return cmd, nil
}
