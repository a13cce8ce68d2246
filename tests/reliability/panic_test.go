// Panics in callbacks. On the goroutine that called C, the panic unwinds
// through the C frames to the Go caller, which can recover it, as with
// cgo; calls and callbacks then go on working. On a thread C created there
// is no Go caller to recover it: the program dies with the panic's
// message, as with cgo.
package reliability

import (
	"fmt"
	"os"
	"runtime"
	"strings"
	"testing"

	"github.com/nocgo/rules_nocgo/ffi"
)

// callbackPanic is the value the callbacks panic with.
type callbackPanic struct{ x int64 }

func TestCallbackPanicRecoveredByCaller(t *testing.T) {
	bounded(t)
	s := getScale()
	call := must(ffi.Func2[int64, uintptr, int64](sym(t, "rel_call")))
	panicking := must(ffi.Callback1(func(x int64) int64 { panic(callbackPanic{x}) }))
	defer panicking.Free()
	double := must(ffi.Callback1(func(x int64) int64 { return 2 * x }))
	defer double.Free()

	// callRecover calls C, which calls the panicking callback, and returns
	// what the caller recovered; returned reports whether the C call
	// returned instead (it must not).
	callRecover := func(x int64) (recovered any, returned bool) {
		defer func() { recovered = recover() }()
		call(panicking.Ptr(), x)
		return nil, true
	}
	for i := 0; i < s.panics; i++ {
		x := int64(i)*1000 + 17
		r, returned := callRecover(x)
		if returned {
			t.Fatalf("round %d: the C call returned although its callback panicked", i)
		}
		if r != (callbackPanic{x}) {
			t.Fatalf("round %d: recovered %#v, want %#v", i, r, callbackPanic{x})
		}
		// The next call and callback work, on the same goroutine.
		if got := call(double.Ptr(), x); got != 2*x+1 {
			t.Fatalf("round %d: after the recovered panic rel_call(double, %d) = %d, want %d", i, x, got, 2*x+1)
		}
		if i%64 == 0 {
			runtime.GC() // the stack the panic unwound must still scan cleanly
		}
	}
	// Other goroutines and C threads are unaffected.
	done := make(chan int64)
	for g := 0; g < 4; g++ {
		go func() { done <- call(double.Ptr(), 21) }()
	}
	for g := 0; g < 4; g++ {
		if got := <-done; got != 43 {
			t.Errorf("rel_call(double, 21) on another goroutine = %d, want 43", got)
		}
	}
	t.Logf("%d panics recovered in the Go caller, each followed by a working call and callback", s.panics)
}

// panicOnCThreadMessage is what the callback on a C thread panics with;
// the child's stderr must show it.
const panicOnCThreadMessage = "reliability: callback panicked on a C thread (marker 5eed)"

// panicOnCThreadChild is the child program: a C thread calls a Go
// callback that panics. It must not get past rel_call_on_thread.
func panicOnCThreadChild() {
	fmt.Fprintln(os.Stderr, "child: started")
	l, err := ffi.Dlopen(os.Getenv(libEnv), ffi.RTLD_NOW)
	if err != nil {
		fmt.Fprintln(os.Stderr, "child:", err)
		os.Exit(4)
	}
	s, err := l.Sym("rel_call_on_thread")
	if err != nil {
		fmt.Fprintln(os.Stderr, "child:", err)
		os.Exit(4)
	}
	onThread, err := ffi.Func1[int32, uintptr](s)
	if err != nil {
		fmt.Fprintln(os.Stderr, "child:", err)
		os.Exit(4)
	}
	cb, err := ffi.Callback1(func(x int64) int64 { panic(panicOnCThreadMessage) })
	if err != nil {
		fmt.Fprintln(os.Stderr, "child:", err)
		os.Exit(4)
	}
	rc := onThread(cb.Ptr())
	fmt.Fprintf(os.Stderr, "child: survived (rel_call_on_thread = %d)\n", rc)
}

func TestCallbackPanicOnCThreadCrashes(t *testing.T) {
	bounded(t)
	code, _, stderr := runChild(t, "panic-on-c-thread")
	firstLines := stderr
	if lines := strings.SplitN(stderr, "\n", 6); len(lines) == 6 {
		firstLines = strings.Join(lines[:5], "\n")
	}
	t.Logf("child exit status %d; stderr begins:\n%s", code, firstLines)
	if !strings.Contains(stderr, "child: started") {
		t.Fatalf("the child did not start; stderr:\n%s", stderr)
	}
	if strings.Contains(stderr, "child: survived") {
		t.Fatalf("the child went on after a callback panicked on a C thread; stderr:\n%s", stderr)
	}
	if code == 0 {
		t.Errorf("the child exited with status 0")
	}
	// An unrecovered panic exits with status 2, as with cgo.
	if code != 2 {
		t.Errorf("the child exited with status %d, want 2 (unrecovered panic)", code)
	}
	if !strings.Contains(stderr, "panic: "+panicOnCThreadMessage) {
		t.Errorf("the child's stderr lacks %q:\n%s", "panic: "+panicOnCThreadMessage, stderr)
	}
}
