package ffi_test

// Callback semantics that differ between the default mode and the
// nocgo_handoff build tag, asserted in both: which OS thread runs a
// callback, nesting C -> Go -> C -> Go, GOMAXPROCS=1, and (handoff only)
// the bound on callbacks in flight.

import (
	"bytes"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"

	"github.com/nocgo/rules_nocgo/internal/testchild"
	"time"
	"unsafe"

	"github.com/nocgo/rules_nocgo/ffi"
)

// withTimeout runs f and fails the test if it has not returned after d:
// a handoff that never completes is a deadlock, reported as one.
func withTimeout(t *testing.T, d time.Duration, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(d):
		t.Fatalf("%s did not return within %v: deadlock", what, d)
	}
}

// In the default mode a callback runs on the thread of the C code that
// called it; in handoff mode on a server goroutine's thread, never that
// one.
func TestCallbackThread(t *testing.T) {
	var cbTid atomic.Int64
	cb, err := ffi.Callback1(func(x int32) int32 {
		cbTid.Store(int64(syscall.Gettid()))
		return x
	})
	if err != nil {
		t.Fatal(err)
	}
	defer cb.Free()
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	callerTid := int64(syscall.Gettid())
	callNoop(t, cb.Ptr())
	got := cbTid.Load()
	t.Logf("handoff mode %v: caller thread %d, callback thread %d", ffi.HandoffMode, callerTid, got)
	switch {
	case got == 0:
		t.Fatal("the callback did not run")
	case ffi.HandoffMode && got == callerTid:
		t.Fatalf("handoff mode: the callback ran on the C caller's thread %d, want a server's", got)
	case !ffi.HandoffMode && got != callerTid:
		t.Fatalf("the callback ran on thread %d, want the C caller's %d", got, callerTid)
	}
}

// nestedDepth is how deep TestNestedCallbacks nests C -> Go -> C -> Go.
const nestedDepth = 8

// nested calls C (nt_call_noop), whose callback calls C again, down to
// depth levels; each level makes two calls. It returns what the top call
// returned (2^depth - 1 when every level returned right) and the deepest
// level reached, and, in handoff mode, the most server goroutines seen.
func nested(t *testing.T, depth int32) (sum int32, deepest, servers int32) {
	t.Helper()
	call, err := ffi.Func2[int32, uintptr, int32](clibSym(t, "nt_call_noop"))
	if err != nil {
		t.Fatal(err)
	}
	var level, maxLevel, maxServers atomic.Int32
	var cb *ffi.Callback
	cb, err = ffi.Callback1(func(int32) int32 {
		d := level.Add(1)
		defer level.Add(-1)
		if d > maxLevel.Load() {
			maxLevel.Store(d)
		}
		if s := int32(ffi.HandoffServers()); s > maxServers.Load() {
			maxServers.Store(s)
		}
		if d == depth {
			return 1
		}
		return call(cb.Ptr(), 2) + 1
	})
	if err != nil {
		t.Fatal(err)
	}
	defer cb.Free()
	sum = call(cb.Ptr(), 1)
	return sum, maxLevel.Load(), maxServers.Load()
}

func TestNestedCallbacks(t *testing.T) {
	withTimeout(t, 2*time.Minute, "nested C -> Go -> C -> Go calls", func() {
		sum, deepest, servers := nested(t, nestedDepth)
		if want := int32(1)<<nestedDepth - 1; sum != want || deepest != nestedDepth {
			t.Errorf("nested %d deep: sum %d, deepest level %d; want %d, %d", nestedDepth, sum, deepest, want, nestedDepth)
		}
		// Each level waits in C for the level below: handoff mode needs a
		// server per level, so the pool must have grown to at least that.
		if ffi.HandoffMode && servers < nestedDepth {
			t.Errorf("handoff mode: at most %d servers seen, want at least %d (one per level)", servers, nestedDepth)
		}
	})
}

// callbackWorkload is qsort with a Go comparator, nested callbacks and C
// threads calling back, with a check of every result.
func callbackWorkload(t *testing.T) {
	qsort, err := ffi.VoidFunc4[unsafe.Pointer, uintptr, uintptr, uintptr](sym(t, "libc.so.6", "qsort"))
	if err != nil {
		t.Fatal(err)
	}
	cmp, err := ffi.Callback2(func(a, b unsafe.Pointer) int32 {
		x, y := *(*int64)(a), *(*int64)(b)
		switch {
		case x < y:
			return -1
		case x > y:
			return 1
		}
		return 0
	})
	if err != nil {
		t.Fatal(err)
	}
	defer cmp.Free()
	r := rand.New(rand.NewSource(1))
	data := make([]int64, 2000)
	for i := range data {
		data[i] = r.Int63n(1<<40) - 1<<39
	}
	want := slices.Clone(data)
	slices.Sort(want)
	qsort(unsafe.Pointer(&data[0]), uintptr(len(data)), 8, cmp.Ptr())
	if !slices.Equal(data, want) {
		t.Errorf("qsort with a Go comparator did not sort")
	}

	if sum, deepest, _ := nested(t, 4); sum != 15 || deepest != 4 {
		t.Errorf("nested 4 deep: sum %d, deepest %d; want 15, 4", sum, deepest)
	}

	pair, err := ffi.Callback2(func(thread, i int32) int64 { return int64(thread)*1000000 + int64(i) })
	if err != nil {
		t.Fatal(err)
	}
	defer pair.Free()
	threads, err := ffi.Func3[int64, uintptr, int32, int32](clibSym(t, "nt_threads"))
	if err != nil {
		t.Fatal(err)
	}
	if bad := threads(pair.Ptr(), 6, 300); bad != 0 {
		t.Errorf("nt_threads: %d wrong results", bad)
	}
}

// At GOMAXPROCS=1 the one P is held by the goroutine that called C until
// that call leaves the syscall state: in handoff mode the server that must
// run the callback gets it only because runtime.cgocall entered that state.
// The workload runs in a child process started at GOMAXPROCS=1, under a
// deadline.
func TestCallbacksAtGOMAXPROCS1(t *testing.T) {
	if testchild.Role() == "gomaxprocs1" {
		if n := runtime.GOMAXPROCS(0); n != 1 {
			fmt.Printf("child runs at GOMAXPROCS=%d\n", n)
			os.Exit(3)
		}
		callbackWorkload(t)
		if !t.Failed() {
			fmt.Println("gomaxprocs1 workload passed")
		}
		return
	}
	cmd := childCommand(t, "TestCallbacksAtGOMAXPROCS1", "gomaxprocs1")
	cmd.Env = append(cmd.Env, "GOMAXPROCS=1")
	out, err := runWithDeadline(cmd, 3*time.Minute)
	if err != nil || !strings.Contains(out, "gomaxprocs1 workload passed") {
		t.Fatalf("child at GOMAXPROCS=1: %v; output:\n%s", err, out)
	}
}

// runWithDeadline runs cmd, killing it after d.
func runWithDeadline(cmd *exec.Cmd, d time.Duration) (string, error) {
	var buf bytes.Buffer
	cmd.Stdout, cmd.Stderr = &buf, &buf
	if err := cmd.Start(); err != nil {
		return "", err
	}
	timer := time.AfterFunc(d, func() { cmd.Process.Kill() })
	err := cmd.Wait()
	if !timer.Stop() {
		err = fmt.Errorf("killed after %v (deadlock?): %v", d, err)
	}
	return buf.String(), err
}
