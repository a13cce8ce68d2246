package ffi

import (
	"errors"
	"fmt"
	"reflect"
	"sync"
	"sync/atomic"
	"unsafe"
)

// CallbackSlots is how many callbacks can exist at once. Each slot is a
// small assembly entry point (zcallback_GOARCH.s); Free makes a slot
// available again.
const CallbackSlots = 1024

// callbackPCs holds the entry point of every slot. It is filled by DATA
// directives in zcallback_GOARCH.s.
var callbackPCs [CallbackSlots]uintptr

// Callback is a Go function made callable from C.
type Callback struct {
	slot int
	pc   uintptr
	sig  Signature
}

type callbackImpl struct {
	p  *plan
	fn func(p *plan, cb *cbFrame)
}

var (
	slots     [CallbackSlots]atomic.Pointer[callbackImpl]
	slotsMu   sync.Mutex
	slotsFree []int // slots returned by Free, reused first
	slotsNext int   // slots never used start here

	// ErrCallbackTableFull is returned when all CallbackSlots are in use.
	ErrCallbackTableFull = fmt.Errorf("ffi: callback table full: all %d slots in use (Free unused callbacks)", CallbackSlots)
	errNilCallback       = errors.New("ffi: nil callback function")
)

// Ptr is the C function pointer of the callback.
func (c *Callback) Ptr() uintptr { return c.pc }

// Signature is the C signature the callback was made with.
func (c *Callback) Signature() Signature { return c.sig }

// Free releases the callback's slot. C must not call the pointer
// afterwards; a call that does anyway aborts the program with a message
// naming the slot instead of running another callback.
func (c *Callback) Free() {
	if c == nil || c.slot < 0 {
		return
	}
	slots[c.slot].Store(nil)
	slotsMu.Lock()
	slotsFree = append(slotsFree, c.slot)
	slotsMu.Unlock()
	c.slot, c.pc = -1, 0
}

func newCallback(sig Signature, p *plan, fn func(p *plan, cb *cbFrame)) (*Callback, error) {
	slotsMu.Lock()
	slot := -1
	if n := len(slotsFree); n > 0 {
		slot = slotsFree[n-1]
		slotsFree = slotsFree[:n-1]
	} else if slotsNext < CallbackSlots {
		slot = slotsNext
		slotsNext++
	}
	slotsMu.Unlock()
	if slot < 0 {
		return nil, ErrCallbackTableFull
	}
	slots[slot].Store(&callbackImpl{p: p, fn: fn})
	return &Callback{slot: slot, pc: callbackPCs[slot], sig: sig}, nil
}

// NewCallback makes fn callable from C with signature sig. fn receives
// the raw arguments (see Func.CallRaw) and returns the raw result.
func NewCallback(sig Signature, fn func(args []uint64) uint64) (*Callback, error) {
	if fn == nil {
		return nil, errNilCallback
	}
	p, err := newPlan(sig.Return, sig.Params)
	if err != nil {
		return nil, err
	}
	sig.Params = append([]Kind(nil), sig.Params...)
	return newCallback(sig, p, func(p *plan, cb *cbFrame) {
		var buf [MaxArgs]uint64
		args := buf[:len(p.params)]
		for i := range args {
			args[i] = p.arg(cb, i)
		}
		p.setResult(cb, fn(args))
	})
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
// (the calling goroutine's, or one borrowed for a C-created thread).
func callbackDispatch(frame unsafe.Pointer) {
	cb := (*cbFrame)(frame)
	impl := slots[cb.index].Load()
	if impl == nil {
		panic(fmt.Sprintf("ffi: C called callback slot %d, which is free", cb.index))
	}
	cb.flags = flagResultInt
	impl.fn(impl.p, cb)
}

// callbackDispatchPC is the entry PC of callbackDispatch with Go's
// internal ABI, as runtime.cgocallback expects it; the assembly reads it.
var callbackDispatchPC = funcPC(callbackDispatch)

func funcPC(f func(unsafe.Pointer)) uintptr {
	// A func value points to a closure whose first word is the code
	// pointer.
	return **(**uintptr)(unsafe.Pointer(&f))
}
