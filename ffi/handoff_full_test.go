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
	"time"

	"github.com/nocgo/rules_nocgo/ffi"
)

// Handoff mode bounds the callbacks in flight at once: one more than
// ffi.HandoffRecords ends the program with a message that says so (never
// a hang, never a crash). Nested calls reach the bound deterministically.
func TestHandoffPoolFull(t *testing.T) {
	if os.Getenv("NOCGO_FFI_CHILD") == "handoff-full" {
		sum, deepest, _ := nested(t, ffi.HandoffRecords+1)
		fmt.Printf("nesting %d deep returned %d (deepest %d)\n", ffi.HandoffRecords+1, sum, deepest)
		os.Exit(0)
	}
	out, err := runWithDeadline(childCommand(t, "TestHandoffPoolFull", "handoff-full"), 3*time.Minute)
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 2 {
		t.Fatalf("child: err = %v, want exit status 2; output:\n%s", err, out)
	}
	if !strings.Contains(out, fmt.Sprintf("more than %d callbacks in flight", ffi.HandoffRecords)) ||
		!strings.Contains(out, "the handoff pool is full") {
		t.Fatalf("child output does not say the pool is full:\n%s", out)
	}
}
