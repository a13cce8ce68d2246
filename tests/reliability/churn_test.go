// Thread churn: thousands of short-lived C threads, each calling Go once.
// Each borrows an M for its first call and gives it back when it exits
// (fakecgo's pthread key destructor); a leak shows as Go's M count, the
// process's thread count or its RSS growing with the number of threads.
package reliability

import (
	"bufio"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nocgo/rules_nocgo/ffi"
)

// usage is what the churn case watches.
type usage struct {
	ms      int   // Ms the runtime has made: pprof's threadcreate profile
	threads int   // OS threads of the process: /proc/self/status Threads
	rss     int64 // resident bytes: /proc/self/status VmRSS
	goMem   int64 // bytes the Go runtime has mapped and not released
}

// goMapped is what the Go runtime holds from the OS: heap, stacks (the
// signal stack of every M among them), runtime structures.
func goMapped() int64 {
	s := []metrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"}}
	metrics.Read(s)
	return int64(s[0].Value.Uint64()) - int64(s[1].Value.Uint64())
}

func measure(t *testing.T) usage {
	t.Helper()
	runtime.GC()
	debug.FreeOSMemory()
	u := usage{ms: pprof.Lookup("threadcreate").Count(), goMem: goMapped()}
	f, err := os.Open("/proc/self/status")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	seen := 0
	for sc.Scan() {
		key, val, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			continue
		}
		fields := strings.Fields(val)
		switch key {
		case "Threads":
			u.threads, err = strconv.Atoi(fields[0])
			seen++
		case "VmRSS": // "123456 kB"
			var kb int64
			kb, err = strconv.ParseInt(fields[0], 10, 64)
			u.rss = kb << 10
			seen++
		}
		if err != nil {
			t.Fatalf("/proc/self/status %s: %v", key, err)
		}
	}
	if seen != 2 {
		t.Fatalf("/proc/self/status lacks Threads or VmRSS")
	}
	return u
}

// Bounds on the growth over the churn (10,000 threads natively, 1,000
// under qemu). The runtime starts a few Ms and threads of its own on
// demand (one per P with work, GC workers, a spare for a blocked
// syscall), so a handful is allowed; one leaked M per C thread, or even
// per hundred, is far above it. Memory: one leaked M costs its struct and
// a 32 KiB signal stack, so 10,000 leaked Ms are >300 MiB; 16 MiB leaves
// room for heap and allocator noise and still catches a leak of more than
// ~1.6 KiB per thread natively (16 KiB under qemu), in the Go runtime's
// own memory and, natively, in RSS.
//
// Under qemu-user, RSS is qemu's: it keeps ~37 KiB per guest thread ever
// created (a C program that only creates and joins 1,000 threads grows
// from 23 to 60 MiB under qemu-riscv64, and not at all natively), so
// there the RSS bound allows 64 KiB per thread on top and the Go runtime's
// figure is the tight one.
const (
	maxNewMs              = 8
	maxNewThreads         = 8
	maxMemGrowth          = 16 << 20
	qemuRSSPerThreadSlack = 64 << 10
)

func TestThreadChurn(t *testing.T) {
	bounded(t)
	s := getScale()
	churn := must(ffi.Func3[int64, uintptr, int32, int32](sym(t, "rel_churn")))
	var seen []atomic.Int32
	var wrongK atomic.Int64
	// While barrier is set, each callback waits until barrierN callbacks
	// are running at once (bounded by a timeout, counted in barrierMissed).
	var (
		barrier       chan struct{}
		barrierN      int
		arrived       atomic.Int64
		barrierMissed atomic.Int64
	)
	cb := must(ffi.Callback1(func(k int32) int32 {
		if k < 0 || int(k) >= len(seen) {
			wrongK.Add(1)
			return -1
		}
		seen[k].Add(1)
		if barrier != nil {
			if arrived.Add(1) == int64(barrierN) {
				close(barrier)
			}
			select {
			case <-barrier:
			case <-time.After(10 * time.Second):
				barrierMissed.Add(1)
			}
		}
		return 3*k + 1
	}))
	defer cb.Free()
	round := func(total int) time.Duration {
		seen = make([]atomic.Int32, total)
		start := time.Now()
		bad := churn(cb.Ptr(), int32(total), int32(s.width))
		d := time.Since(start)
		if bad < 0 {
			t.Fatalf("rel_churn could not start a thread: errno %d", -bad)
		}
		if bad != 0 {
			t.Errorf("C saw %d wrong results from Go", bad)
		}
		if w := wrongK.Load(); w != 0 {
			t.Errorf("Go saw %d calls with an argument out of range", w)
		}
		for k := range seen {
			if c := seen[k].Load(); c != 1 {
				t.Errorf("thread %d called Go %d times, want 1", k, c)
				break
			}
		}
		return d
	}

	// Warm up to the steady state: as many Ms as C threads alive at once,
	// by holding width C threads in Go together.
	barrier, barrierN = make(chan struct{}), s.width
	round(s.width)
	barrier = nil
	if m := barrierMissed.Load(); m != 0 {
		t.Fatalf("warm-up: %d of %d C threads waited 10 s for the others to call Go", m, s.width)
	}
	round(4 * s.width)
	before := measure(t)
	d := round(s.churn)
	after := measure(t)
	t.Logf("%d C threads, %d alive at a time, each calling Go once: %v (%s)", s.churn, s.width, d, s.why)
	t.Logf("Ms (threadcreate) %d -> %d, OS threads %d -> %d, RSS %.1f -> %.1f MiB, Go runtime memory %.1f -> %.1f MiB",
		before.ms, after.ms, before.threads, after.threads, mib(before.rss), mib(after.rss), mib(before.goMem), mib(after.goMem))
	maxRSS := int64(maxMemGrowth)
	if s.emulated {
		maxRSS += int64(s.churn) * qemuRSSPerThreadSlack
	}
	if g := after.ms - before.ms; g > maxNewMs {
		t.Errorf("the runtime made %d more Ms over %d C threads (bound %d): Ms leak", g, s.churn, maxNewMs)
	}
	if g := after.threads - before.threads; g > maxNewThreads {
		t.Errorf("the process has %d more threads after %d C threads exited (bound %d)", g, s.churn, maxNewThreads)
	}
	if g := after.rss - before.rss; g > maxRSS {
		t.Errorf("RSS grew by %.1f MiB over %d C threads (bound %.1f MiB)", mib(g), s.churn, mib(maxRSS))
	}
	if g := after.goMem - before.goMem; g > maxMemGrowth {
		t.Errorf("the Go runtime's memory grew by %.1f MiB over %d C threads (bound %.1f MiB)", mib(g), s.churn, mib(maxMemGrowth))
	}
}

func mib(b int64) float64 { return float64(b) / (1 << 20) }
