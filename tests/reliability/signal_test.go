// Signals and GC while a C call blocks, at GOMAXPROCS=1: the blocked call
// must have given up its P, or no other goroutine could run to wake it.
package reliability

import (
	"os"
	"os/signal"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/nocgo/rules_nocgo/ffi"
)

func TestSignalsAndGCWhileCBlocks(t *testing.T) {
	bounded(t)
	wait := must(ffi.Func2[int32, int32, int32](sym(t, "rel_wait_byte")))
	blockedTid := must(ffi.Func0[int32](sym(t, "rel_blocked_tid")))
	eintrs := must(ffi.Func0[int32](sym(t, "rel_eintrs")))

	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	var p [2]int
	if err := syscall.Pipe2(p[:], syscall.O_CLOEXEC); err != nil {
		t.Fatal(err)
	}
	defer syscall.Close(p[0])
	defer syscall.Close(p[1])
	usr1 := make(chan os.Signal, 256)
	signal.Notify(usr1, syscall.SIGUSR1)
	defer signal.Stop(usr1)

	const rounds = 20
	const wake = 0xa5
	pid := syscall.Getpid()
	type report struct {
		rounds     int
		tid        int32
		stillBlock bool
		err        string
	}
	done := make(chan report, 1)
	go func() {
		var r report
		defer func() { done <- r }()
		// Wait for C to block (bounded: C gives up after 10 s anyway).
		deadline := time.Now().Add(10 * time.Second)
		for r.tid = blockedTid(); r.tid == 0; r.tid = blockedTid() {
			if time.Now().After(deadline) {
				r.err = "C never started waiting"
				return
			}
			time.Sleep(time.Millisecond)
		}
		for ; r.rounds < rounds; r.rounds++ {
			// At the thread in C, and at the process.
			syscall.Tgkill(pid, int(r.tid), syscall.SIGURG)
			syscall.Tgkill(pid, int(r.tid), syscall.SIGUSR1)
			syscall.Kill(pid, syscall.SIGURG)
			syscall.Kill(pid, syscall.SIGUSR1)
			runtime.GC()
			_ = make([]byte, 64<<10) // allocate, so GC has work
			time.Sleep(2 * time.Millisecond)
		}
		r.stillBlock = blockedTid() == r.tid
		if _, err := syscall.Write(p[1], []byte{wake}); err != nil {
			r.err = err.Error()
		}
	}()

	start := time.Now()
	got := wait(int32(p[0]), 10000)
	blocked := time.Since(start)
	r := <-done
	if r.err != "" {
		t.Fatal(r.err)
	}
	signals := 0
	for drained := false; !drained; {
		select {
		case <-usr1:
			signals++
		case <-time.After(100 * time.Millisecond):
			drained = true
		}
	}
	t.Logf("GOMAXPROCS=1: C blocked %v on thread %d; meanwhile %d rounds of SIGURG+SIGUSR1 (thread and process) and runtime.GC; %d SIGUSR1 delivered to signal.Notify; poll interrupted %d times",
		blocked, r.tid, r.rounds, signals, eintrs())
	switch got {
	case wake:
	case -1:
		t.Fatalf("the blocked C call timed out: no goroutine ran while it blocked (did the call release its P?)")
	default:
		t.Fatalf("the blocked C call returned %d, want %d", got, wake)
	}
	if r.rounds != rounds {
		t.Errorf("the other goroutine made %d rounds, want %d", r.rounds, rounds)
	}
	if !r.stillBlock {
		t.Errorf("C was no longer blocked when the other goroutine finished: it did not make its progress during the block")
	}
	if signals == 0 {
		t.Errorf("no SIGUSR1 reached signal.Notify")
	}
}
