// N C threads x M callbacks each, every argument and result checked on
// both sides.
package reliability

import (
	"sync/atomic"
	"testing"
	"time"

	"github.com/nocgo/rules_nocgo/ffi"
)

// The argument and the result of call i on C thread t, as
// testdata/reliability.c computes them (rel_arg, rel_want).
func relArg(t, i int32) int64  { return int64(t)*1000003 + int64(i)*7919 }
func relWant(t, i int32) int64 { return relArg(t, i)*2 + 1 - int64(t) }

func TestCThreadsCallGo(t *testing.T) {
	bounded(t)
	s := getScale()
	n, m := s.threads, s.calls
	run := must(ffi.Func3[int64, uintptr, int32, int32](sym(t, "rel_threads")))
	threadSum := must(ffi.Func1[uint64, int32](sym(t, "rel_thread_sum")))

	// Per C thread: calls seen, the next i expected (each thread calls in
	// order), the sum of results returned; plus calls with bad arguments.
	calls := make([]atomic.Int64, n)
	next := make([]atomic.Int32, n)
	sums := make([]atomic.Uint64, n)
	var badArgs, outOfOrder atomic.Int64
	cb := must(ffi.Callback3(func(th, i int32, arg int64) int64 {
		if th < 0 || int(th) >= n {
			badArgs.Add(1)
			return 0
		}
		if arg != relArg(th, i) {
			badArgs.Add(1)
		}
		if next[th].Swap(i+1) != i {
			outOfOrder.Add(1)
		}
		calls[th].Add(1)
		r := relWant(th, i)
		sums[th].Add(uint64(r))
		return r
	}))
	defer cb.Free()

	start := time.Now()
	bad := run(cb.Ptr(), int32(n), int32(m))
	elapsed := time.Since(start)
	t.Logf("%d C threads x %d callbacks = %d calls in %v (%.0f calls/s; %s)", n, m, n*m, elapsed, float64(n*m)/elapsed.Seconds(), s.why)
	if bad < 0 {
		t.Fatalf("rel_threads could not start a thread: errno %d", -bad)
	}
	if bad != 0 {
		t.Errorf("C saw %d wrong results from Go", bad)
	}
	if b := badArgs.Load(); b != 0 {
		t.Errorf("Go saw %d calls with wrong arguments", b)
	}
	if o := outOfOrder.Load(); o != 0 {
		t.Errorf("%d calls arrived out of their thread's order", o)
	}
	for th := 0; th < n; th++ {
		var want uint64
		for i := int32(0); i < int32(m); i++ {
			want += uint64(relWant(int32(th), i))
		}
		if got := calls[th].Load(); got != int64(m) {
			t.Errorf("thread %d: Go ran %d callbacks, want %d", th, got, m)
		}
		if got := sums[th].Load(); got != want {
			t.Errorf("thread %d: Go returned results summing to %d, want %d", th, got, want)
		}
		if got := threadSum(int32(th)); got != want {
			t.Errorf("thread %d: C received results summing to %d, want %d", th, got, want)
		}
	}
}
