//go:build linux && nocgo_handoff

package ffi_test

// The bound on callbacks in flight, which only handoff mode has.

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/nocgo/rules_nocgo/internal/testchild"
	"time"

	"github.com/nocgo/rules_nocgo/ffi"
)

// Handoff mode bounds the callbacks in flight at once: one more than the
// pool's records ends the program with a message that says so (never a
// hang, never a crash). The child lowers the bound to 8 (the real one,
// ffi.HandoffRecords, would need as many threads) and nests one deeper.
func TestHandoffPoolFull(t *testing.T) {
	const limit = 8
	if testchild.Role() == "handoff-full" {
		ffi.SetHandoffLimit(limit)
		sum, deepest, _ := nested(t, limit)
		if sum != 1<<limit-1 || deepest != limit {
			fmt.Printf("nesting %d deep: sum %d, deepest %d\n", limit, sum, deepest)
			os.Exit(4)
		}
		fmt.Printf("nesting %d deep returned\n", limit)
		sum, deepest, _ = nested(t, limit+1)
		fmt.Printf("nesting %d deep returned %d (deepest %d)\n", limit+1, sum, deepest)
		os.Exit(0)
	}
	out, err := runWithDeadline(childCommand(t, "TestHandoffPoolFull", "handoff-full"), 3*time.Minute)
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 2 {
		t.Fatalf("child: err = %v, want exit status 2; output:\n%s", err, out)
	}
	if !strings.Contains(out, fmt.Sprintf("nesting %d deep returned\n", limit)) {
		t.Fatalf("child: nesting as deep as the bound failed:\n%s", out)
	}
	if !strings.Contains(out, "too many callbacks in flight at once") || !strings.Contains(out, "the handoff pool is full") {
		t.Fatalf("child output does not say the pool is full:\n%s", out)
	}
}
