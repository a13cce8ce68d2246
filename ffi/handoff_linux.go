//go:build linux && nocgo_handoff

// Handoff mode (build tag nocgo_handoff): callbacks from C into Go with no
// reference to any runtime symbol from assembly, so no linker flag is
// needed on any SDK, even one that makes runtime.cgocallback std-only.
//
// The C caller's thread never runs Go code that needs a g. The callback
// entry (zcallback_GOARCH.s -> nocgo_callback_common) records the C
// arguments in a cbFrame on the C stack and calls crosscall2, which in
// this mode calls handoffEnter (nosplit, no g, no allocation, raw system
// calls only) on that same C stack. handoffEnter claims a request record,
// posts the frame's address in it, wakes a server goroutine through a
// futex and sleeps on the record's futex until the server has run the
// callback and written the result into the frame. See doc.go for the
// semantics (which thread runs the callback, LockOSThread, re-entrancy,
// GOMAXPROCS=1, the pool limit).

package ffi

import (
	"sync"
	"sync/atomic"
	"syscall"
	"unsafe"
)

const (
	// handoffMaxIdle bounds the server goroutines left waiting for work
	// (each holds an OS thread blocked in futex_wait): a server that
	// finishes a callback while this many wait exits.
	handoffMaxIdle = 2

	futexWait        = 0
	futexWake        = 1
	futexPrivateFlag = 128
)

// The states of a request record. The C thread moves a record
// free -> claimed -> posted and, after the server's done, back to free;
// the server moves it posted -> taken -> done.
const (
	recordFree uint32 = iota
	recordClaimed
	recordPosted
	recordTaken
	recordDone
)

// handoffRecord is one callback in flight. It holds no Go pointer: frame
// is the address of the C caller's cbFrame, on the C stack, which stays
// put while the caller sleeps.
type handoffRecord struct {
	state uint32 // futex word the C caller sleeps on
	_     uint32
	frame uintptr
}

var handoff struct {
	records [handoffRecords]handoffRecord
	// posted is bumped for every posted record: the futex word idle
	// servers sleep on.
	posted uint32
	// limit is how many records C callers may claim: handoffRecords, or
	// less in a test of the bound (SetHandoffLimit in export_test.go).
	limit uint32
	// servers counts the server goroutines; idle those waiting for a
	// record. A server that takes a record and leaves none idle starts
	// another, so a callback that calls C which calls back finds one.
	servers, idle int32
	start         sync.Once
}

// handoffFullMessage is written to stderr when a callback finds every
// record in use.
const handoffFullMessage = "ffi: nocgo_handoff: too many callbacks in flight at once " +
	"(nested C -> Go -> C calls and concurrent C threads together): " +
	"the handoff pool is full; ending the program\n"

// crosscall2Target is handoffEnter's ABI0 entry, as crosscall2 calls it
// in this mode (handoff_linux.s stores it).
func crosscall2Target() uintptr { return nocgo_handoff_enter_abi0 }

// nocgo_handoff_enter_abi0 is defined, with content, in handoff_linux.s.
//
//go:linkname nocgo_handoff_enter_abi0 nocgo_handoff_enter_abi0
var nocgo_handoff_enter_abi0 uintptr

// handoffMode: callbacks run on server goroutines, not the C caller's
// thread.
const handoffMode = true

// handoffServers is the number of server goroutines now.
func handoffServers() int { return int(atomic.LoadInt32(&handoff.servers)) }

// startCallbackServers starts the first server goroutine, before the first
// callback can be called.
func startCallbackServers() {
	handoff.start.Do(func() {
		atomic.CompareAndSwapUint32(&handoff.limit, 0, handoffRecords)
		handoff.servers, handoff.idle = 1, 1
		go handoffServe()
	})
}

// handoffEnter runs on the C caller's thread and stack, called by
// crosscall2(fn, frame, 0, 0) as fn(fn, frame, ctxt) with the ABI0
// convention. That thread may have no g at all (a thread C created), so
// this code and everything it calls is nosplit, never allocates, never
// panics (no bounds or nil checks can fail) and stores no pointer into
// memory the collector scans: atomics and raw system calls only.
//
//go:nosplit
func handoffEnter(_, frame, _ uintptr) {
	var r *handoffRecord
	limit := atomic.LoadUint32(&handoff.limit)
	for i := 0; i < handoffRecords && uint32(i) < limit; i++ {
		if atomic.CompareAndSwapUint32(&handoff.records[i].state, recordFree, recordClaimed) {
			r = &handoff.records[i]
			break
		}
	}
	if r == nil {
		handoffFull()
		return
	}
	r.frame = frame
	atomic.StoreUint32(&r.state, recordPosted)
	atomic.AddUint32(&handoff.posted, 1)
	rawFutex(&handoff.posted, futexWake, 1)
	for {
		s := atomic.LoadUint32(&r.state)
		if s == recordDone {
			break
		}
		rawFutex(&r.state, futexWait, uintptr(s)) // returns at once if the state moved on
	}
	r.frame = 0
	atomic.StoreUint32(&r.state, recordFree)
}

// rawFutex is futex(addr, op|FUTEX_PRIVATE_FLAG, val) without the
// runtime's knowledge (no entersyscall): for the C caller's thread.
//
//go:nosplit
func rawFutex(addr *uint32, op, val uintptr) {
	syscall.RawSyscall6(syscall.SYS_FUTEX, uintptr(unsafe.Pointer(addr)), op|futexPrivateFlag, val, 0, 0, 0)
}

// handoffFull ends the program from the C caller's thread.
//
//go:nosplit
func handoffFull() {
	syscall.RawSyscall(syscall.SYS_WRITE, 2, uintptr(unsafe.Pointer(unsafe.StringData(handoffFullMessage))), uintptr(len(handoffFullMessage)))
	syscall.RawSyscall(syscall.SYS_EXIT_GROUP, 2, 0, 0)
}

// handoffServe is a server goroutine: it takes posted records, runs their
// callbacks and wakes their callers.
func handoffServe() {
	for {
		r := handoffTake()
		if atomic.AddInt32(&handoff.idle, -1) == 0 {
			handoffGrow()
		}
		runHandoff(r)
		atomic.StoreUint32(&r.state, recordDone)
		rawFutex(&r.state, futexWake, 1)
		if atomic.LoadInt32(&handoff.idle) >= handoffMaxIdle {
			atomic.AddInt32(&handoff.servers, -1)
			return
		}
		atomic.AddInt32(&handoff.idle, 1)
	}
}

// runHandoff runs one callback on this server goroutine. A callback that
// calls runtime.LockOSThread without the Unlock keeps this server on its
// thread for later callbacks too; when the server exits, so does the
// thread (the runtime's rule for a goroutine that ends locked).
func runHandoff(r *handoffRecord) {
	callbackDispatch(cPointer(uint64(r.frame)))
}

// handoffGrow starts one more server, unless there are handoffRecords
// already: then every record can have its own.
func handoffGrow() {
	for {
		n := atomic.LoadInt32(&handoff.servers)
		if n >= handoffRecords {
			return
		}
		if atomic.CompareAndSwapInt32(&handoff.servers, n, n+1) {
			atomic.AddInt32(&handoff.idle, 1)
			go handoffServe()
			return
		}
	}
}

// handoffTake waits for a posted record and takes it. The wait is a
// blocking system call in the runtime's eyes (syscall.Syscall6), so the
// scheduler runs other goroutines meanwhile, even at GOMAXPROCS=1.
func handoffTake() *handoffRecord {
	for {
		seq := atomic.LoadUint32(&handoff.posted)
		for i := range handoff.records {
			r := &handoff.records[i]
			if atomic.LoadUint32(&r.state) == recordPosted && atomic.CompareAndSwapUint32(&r.state, recordPosted, recordTaken) {
				return r
			}
		}
		// Sleeps only if no record was posted since seq was read.
		syscall.Syscall6(syscall.SYS_FUTEX, uintptr(unsafe.Pointer(&handoff.posted)), futexWait|futexPrivateFlag, uintptr(seq), 0, 0, 0)
	}
}
