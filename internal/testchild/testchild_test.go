// A child started by Command sees its role and the arguments it was given.
package testchild_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/nocgo/rules_nocgo/internal/testchild"
)

func TestCommand(t *testing.T) {
	if role := testchild.Role(); role != "" {
		fmt.Printf("child role=%s\n", role)
		os.Exit(0)
	}
	cmd, err := testchild.Command(context.Background(), "echo", "-test.run=^TestCommand$")
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v: %v\n%s", cmd.Args, err, out)
	}
	if !strings.Contains(string(out), "child role=echo\n") {
		t.Fatalf("child output %q does not name its role", out)
	}
}

func TestCommandEmulatedNeedsPrefix(t *testing.T) {
	t.Setenv("NOCGO_EMULATED", "1")
	t.Setenv("NOCGO_EXEC_PREFIX", os.Getenv("NOCGO_EXEC_PREFIX")) // restored after the test
	os.Unsetenv("NOCGO_EXEC_PREFIX")
	if _, err := testchild.Command(context.Background(), "x"); err == nil {
		t.Fatal("Command under an emulator without NOCGO_EXEC_PREFIX: no error")
	}
}

func TestCommandRefusesRecursion(t *testing.T) {
	t.Setenv("NOCGO_TEST_CHILD", "outer")
	_, err := testchild.Command(context.Background(), "inner")
	if err == nil || !strings.Contains(err.Error(), "role outer would start another child") {
		t.Fatalf("Command in a child = %v, want the recursion refused", err)
	}
}

func TestCommandNeedsRole(t *testing.T) {
	if _, err := testchild.Command(context.Background(), ""); err == nil {
		t.Fatal("Command with an empty role: no error")
	}
}
