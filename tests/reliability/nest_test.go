// Re-entrancy: C -> Go -> C -> Go ... many levels deep, with the Go stack
// growing (and moving) and the collector running inside, from a goroutine
// and from a C thread, several at once.
package reliability

import (
	"runtime"
	"testing"

	"github.com/nocgo/rules_nocgo/ffi"
)

// nestModel computes in Go what the nesting returns: C level d passes
// acc*31+d to Go and returns Go's result xor d (rel_nest); Go level d > 0
// calls C level d-1 with acc and adds 7d; Go level 0 returns acc.
func nestModel(depth int32, acc int64) int64 {
	a := acc*31 + int64(depth)
	var g int64
	if depth == 0 {
		g = a
	} else {
		g = nestModel(depth-1, a) + 7*int64(depth)
	}
	return g ^ int64(depth)
}

// growStack uses n frames of a few hundred bytes, so the goroutine's
// stack grows and is copied while C frames are below it.
//
//go:noinline
func growStack(n int) int {
	var pad [256]byte
	pad[n%256] = byte(n)
	if n == 0 {
		return int(pad[0])
	}
	return growStack(n-1) + int(pad[n%256])
}

func TestReentrancy(t *testing.T) {
	bounded(t)
	s := getScale()
	nest := must(ffi.Func3[int64, uintptr, int32, int64](sym(t, "rel_nest")))
	nestOnThread := must(ffi.Func3[int64, uintptr, int32, int64](sym(t, "rel_nest_on_thread")))
	var cb *ffi.Callback
	cb = must(ffi.Callback2(func(depth int32, acc int64) int64 {
		if depth%16 == 0 {
			growStack(int(depth) + 64)
		}
		if depth == 0 {
			runtime.GC() // with every level's C and Go frames live
			return acc
		}
		return nest(cb.Ptr(), depth-1, acc) + 7*int64(depth)
	}))
	defer cb.Free()

	d := int32(s.nestDepth)
	if got, want := nest(cb.Ptr(), d, 5), nestModel(d, 5); got != want {
		t.Errorf("from a goroutine, %d levels: %d, want %d", d, got, want)
	}
	if got, want := nestOnThread(cb.Ptr(), d, 6), nestModel(d, 6); got != want {
		t.Errorf("from a C thread, %d levels: %d, want %d", d, got, want)
	}
	// Several at once, from goroutines and C threads.
	const each = 4
	errs := make(chan string, 2*each)
	for i := 0; i < each; i++ {
		go func() {
			acc := int64(100 + i)
			if got, want := nest(cb.Ptr(), d, acc), nestModel(d, acc); got != want {
				errs <- "goroutine: wrong result"
				return
			}
			errs <- ""
		}()
		go func() {
			acc := int64(200 + i)
			if got, want := nestOnThread(cb.Ptr(), d, acc), nestModel(d, acc); got != want {
				errs <- "C thread: wrong result"
				return
			}
			errs <- ""
		}()
	}
	for i := 0; i < 2*each; i++ {
		if e := <-errs; e != "" {
			t.Errorf("concurrent nesting %d levels deep: %s", d, e)
		}
	}
	t.Logf("C -> Go nesting %d levels deep: once from a goroutine, once from a C thread, then %d of each at once", d, each)
}
