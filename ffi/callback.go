package ffi

import (
	"errors"
	"fmt"
	"reflect"
	"runtime"
	"sync"
	"sync/atomic"
	"unsafe"
)

// nocgo_callback_entries is the block of CallbackSlots callback entry
// points in zcallback_GOARCH.s, callbackEntryStride bytes each.
//
//go:linkname nocgo_callback_entries nocgo_callback_entries
var nocgo_callback_entries byte

// Callback is a Go function made callable from C. Its handle may be
// copied; all copies name one callback, and the first Free of any of them
// releases it (later ones, and Free on the zero Callback, do nothing).
type Callback struct {
	e *callbackEntry // nil for the zero Callback
}

// callbackEntry is one live (or freed) callback: a slot of the table and
// the signature it was made with. Callback handles point to it, so a
// copied handle cannot free the slot a second time.
type callbackEntry struct {
	slot  int
	sig   Signature
	freed atomic.Bool
}

type callbackImpl struct {
	p  *plan
	fn func(p *plan, cb *cbFrame)
}

// handoffRecords is, in handoff mode (build tag nocgo_handoff), how many
// callbacks can be in flight at once: nested ones (C -> Go -> C -> Go ...)
// and those of concurrent C threads together. One more ends the program
// with a message saying so (handoff_linux.go).
const handoffRecords = 256

// The slot table. A slot is taken from the never-used ones first, then
// from the freed ones in the order they were freed (FIFO), so a freed slot
// stays empty as long as possible: until then, C calling a stale pointer
// to it is caught (callbackDispatch aborts the program) instead of running
// another callback.
var (
	slots   [CallbackSlots]atomic.Pointer[callbackImpl]
	slotsMu sync.Mutex
	// freed slots, oldest first: freeRing[(freeHead+i)%CallbackSlots], i < freeCount
	freeRing  [CallbackSlots]uint16
	freeHead  int
	freeCount int
	slotsNext int // slots never used start here
	slotsLive int // slots in use

	// ErrCallbackTableFull is returned when all CallbackSlots are in use.
	ErrCallbackTableFull = fmt.Errorf("ffi: callback table full: all %d slots in use (Free unused callbacks)", CallbackSlots)
	errNilCallback       = errors.New("ffi: nil callback function")
)

// Ptr is the C function pointer of the callback, or 0 for a freed or zero
// Callback.
func (c *Callback) Ptr() uintptr {
	if c == nil || c.e == nil || c.e.freed.Load() {
		return 0
	}
	return callbackPC(c.e.slot)
}

// Signature is the C signature the callback was made with.
func (c *Callback) Signature() Signature {
	if c == nil || c.e == nil {
		return Signature{}
	}
	return c.e.sig
}

// Free releases the callback's slot. C must not call the pointer
// afterwards; a call that does anyway aborts the program with a message
// naming the slot, as long as the slot has not been given to a new
// callback: freed slots are reused last and oldest first. Free is safe to
// call more than once, on copies of the handle and on the zero Callback.
func (c *Callback) Free() {
	if c == nil || c.e == nil || !c.e.freed.CompareAndSwap(false, true) {
		return
	}
	slot := c.e.slot
	slots[slot].Store(nil)
	slotsMu.Lock()
	freeRing[(freeHead+freeCount)%CallbackSlots] = uint16(slot)
	freeCount++
	slotsLive--
	slotsMu.Unlock()
}

func newCallback(sig Signature, p *plan, fn func(p *plan, cb *cbFrame)) (*Callback, error) {
	if handoffMode && p.agg {
		// The handoff path does not carry every ABI's struct registers
		// back to the C caller yet (wrong results on 386, arm, arm64 and
		// ppc64le): refuse rather than return a wrong value.
		return nil, fmt.Errorf("ffi: callback %v: structs by value in callbacks are not supported in nocgo_handoff mode", sig)
	}
	startCallbackServers()
	slotsMu.Lock()
	slot := -1
	switch {
	case slotsNext < CallbackSlots:
		slot = slotsNext
		slotsNext++
	case freeCount > 0:
		slot = int(freeRing[freeHead])
		freeHead = (freeHead + 1) % CallbackSlots
		freeCount--
	}
	if slot >= 0 {
		slotsLive++
	}
	slotsMu.Unlock()
	if slot < 0 {
		return nil, ErrCallbackTableFull
	}
	slots[slot].Store(&callbackImpl{p: p, fn: fn})
	return &Callback{e: &callbackEntry{slot: slot, sig: sig}}, nil
}

// callbackPC is the C entry point of slot i.
func callbackPC(i int) uintptr {
	return uintptr(unsafe.Pointer(&nocgo_callback_entries)) + uintptr(i)*callbackEntryStride
}

// callbackSlot is the slot of the entry that C called, from what the entry
// left in cbFrame.index: the slot number, or on arm the entry's address + 8.
func callbackSlot(index uintptr) uintptr {
	if callbackIndexFromPC {
		return (index-uintptr(unsafe.Pointer(&nocgo_callback_entries)))/callbackEntryStride - 1
	}
	return index
}

// NewCallback makes fn callable from C with signature sig. fn receives
// the raw arguments (see Func.CallRaw) and returns the raw result.
//
// A struct argument's raw value is the address of a copy of the struct
// (in C layout), valid until fn returns. If the result is a struct, args
// has one more element, the address of Return.Size() bytes where fn
// stores the result (in C layout); fn's return value is then ignored.
func NewCallback(sig Signature, fn func(args []uint64) uint64) (*Callback, error) {
	if fn == nil {
		return nil, errNilCallback
	}
	if sig.NumFixed != 0 {
		return nil, fmt.Errorf("ffi: variadic callback %v is not supported", sig)
	}
	p, err := newPlan(sig.Return, sig.Params)
	if err != nil {
		return nil, err
	}
	sig.Params = append([]Kind(nil), sig.Params...)
	if p.agg {
		return newCallback(sig, p, func(p *plan, cb *cbFrame) { aggregateCallback(p, cb, fn) })
	}
	return newCallback(sig, p, func(p *plan, cb *cbFrame) {
		var buf [MaxArgs]uint64
		args := buf[:len(p.params)]
		for i := range args {
			args[i] = p.arg(cb, i)
		}
		p.setResult(cb, fn(args))
	})
}

// aggregateCallback runs fn, a dynamic callback with structs by value:
// each struct argument is copied to memory whose address is its raw
// value, and for a struct result fn gets one more argument, the address
// of memory where it stores the result.
//
// That memory is a structMem from the pool: on the heap, so it stays
// where it is while fn runs. fn gets the addresses as integers, which
// nothing updates: memory on the goroutine stack (where the compiler
// may put a small make) would move when fn grows the stack, and fn would
// read and write the old copy.
func aggregateCallback(p *plan, cb *cbFrame, fn func(args []uint64) uint64) {
	mem := structMems.Get().(*structMem)
	base := unsafe.Pointer(mem)
	var buf [MaxArgs + 1]uint64
	args := buf[:len(p.params)]
	for i := range args {
		k := p.params[i].kind
		if !k.IsAggregate() {
			args[i] = p.arg(cb, i)
			continue
		}
		dst := unsafe.Add(base, i*MaxStructSize)    // each struct's own MaxStructSize bytes
		clear(unsafe.Slice((*byte)(dst), k.Size())) // padding: no bytes of an earlier callback
		p.argAggregate(cb, i, dst)
		args[i] = uint64(uintptr(dst))
	}
	if p.ret.IsAggregate() {
		out := unsafe.Add(base, MaxArgs*MaxStructSize)
		clear(unsafe.Slice((*byte)(out), p.ret.Size()))
		fn(append(args, uint64(uintptr(out))))
		p.setAggResult(cb, out)
	} else {
		p.setResult(cb, fn(args))
	}
	runtime.KeepAlive(mem)
	structMems.Put(mem)
}

// NewCallbackFunc makes the Go function fn callable from C, taking the
// signature from fn's type (by reflection, on every call: prefer the
// typed CallbackN where the signature is known at compile time).
func NewCallbackFunc(fn any) (*Callback, error) {
	v := reflect.ValueOf(fn)
	if fn == nil || v.Kind() != reflect.Func || v.IsNil() {
		return nil, errNilCallback
	}
	t := v.Type()
	if t.IsVariadic() {
		return nil, fmt.Errorf("ffi: variadic callback %v is not supported", t)
	}
	if t.NumOut() > 1 {
		return nil, fmt.Errorf("ffi: callback %v has %d results: at most 1 is supported", t, t.NumOut())
	}
	var sig Signature
	if t.NumOut() == 1 {
		k, err := kindOfType(t.Out(0))
		if err != nil {
			return nil, fmt.Errorf("%w (callback result)", err)
		}
		sig.Return = k
	}
	for i := 0; i < t.NumIn(); i++ {
		k, err := kindOfType(t.In(i))
		if err != nil {
			return nil, fmt.Errorf("%w (callback parameter %d)", err, i)
		}
		sig.Params = append(sig.Params, k)
	}
	p, err := newPlan(sig.Return, sig.Params)
	if err != nil {
		return nil, err
	}
	if p.agg {
		return nil, fmt.Errorf("ffi: callback %v: NewCallbackFunc does not take structs by value: use CallbackN or NewCallback", t)
	}
	return newCallback(sig, p, func(p *plan, cb *cbFrame) {
		in := make([]reflect.Value, len(p.params))
		for i := range in {
			nv := reflect.New(t.In(i))
			storeRaw(nv.UnsafePointer(), p.params[i].kind, p.arg(cb, i))
			in[i] = nv.Elem()
		}
		out := v.Call(in)
		if len(out) == 1 {
			nv := reflect.New(t.Out(0))
			nv.Elem().Set(out[0])
			p.setResult(cb, rawOf(nv.UnsafePointer(), p.ret))
		}
	})
}

// callbackDispatch is where every callback enters Go: crosscall2 ->
// runtime.cgocallback -> callbackDispatch(frame), on a goroutine stack
// (the calling goroutine's, or one borrowed for a C-created thread); in
// handoff mode a server goroutine calls it (handoff_linux.go).
func callbackDispatch(frame unsafe.Pointer) {
	cb := (*cbFrame)(frame)
	slot := callbackSlot(cb.index)
	if slot >= CallbackSlots {
		fatal(fmt.Sprintf("ffi: C entered the callback entries at a bad place (index %#x)", cb.index))
	}
	impl := slots[slot].Load()
	if impl == nil {
		fatal(fmt.Sprintf("ffi: C called callback slot %d (C pointer %#x), which is free: "+
			"C kept a callback's pointer after Callback.Free", slot, callbackPC(int(slot))))
	}
	cb.flags = flagResultInt
	impl.fn(impl.p, cb)
	if impl.p.retWord {
		impl.p.widenResult(cb)
	}
}

// fatal ends the program with msg, like an unrecovered panic, however
// the goroutine that detects the problem was called: a panic on the
// calling goroutine could be recovered by the Go code that called C,
// and the program would go on with C's state undefined.
func fatal(msg string) {
	go func() { panic(msg) }()
	select {} // the panic above ends the program
}

// callbackDispatchPC is what the callback entries pass crosscall2 as the
// function to run (the assembly reads it): by default the entry PC of
// callbackDispatch for runtime.cgocallback (callback_cgocallback.go); in
// handoff mode the ABI0 entry of handoffEnter (handoff_linux.go).
var callbackDispatchPC = crosscall2Target()
