package ffi

import (
	"math"
	"runtime"
	"testing"
	"unsafe"
)

// The typed bindings' fast paths (goResult, goArg and setResultOf read and
// write scalars in place) must agree with the kind-by-kind conversions
// they bypass (storeRaw, argTo, setResult), on every platform: a callback
// argument whose register holds garbage above its width included.
func TestTypedFastPaths(t *testing.T) {
	checkFastPaths(t, int8(-1), int8(math.MinInt8), int8(math.MaxInt8), int8(0))
	checkFastPaths(t, int16(-2), int16(math.MinInt16), int16(math.MaxInt16))
	checkFastPaths(t, int32(-3), int32(math.MinInt32), int32(math.MaxInt32))
	checkFastPaths(t, int64(-4), int64(math.MinInt64), int64(math.MaxInt64))
	checkFastPaths(t, uint8(0xff), uint8(0x80), uint8(1))
	checkFastPaths(t, uint16(0xffff), uint16(0x8000))
	checkFastPaths(t, uint32(0xffffffff), uint32(0x80000000), uint32(7))
	checkFastPaths(t, uint64(math.MaxUint64), uint64(1)<<63)
	checkFastPaths(t, true, false)
	checkFastPaths(t, uintptr(math.MaxUint32), ^uintptr(0))
	checkFastPaths(t, float32(-1.5), float32(math.MaxFloat32))
	checkFastPaths(t, float64(-2.25), math.SmallestNonzeroFloat64)

	// A bool argument whose byte C left as 0xe8: true, stored as 1.
	p, err := newPlan(Int32, []Kind{Bool})
	if err != nil {
		t.Fatal(err)
	}
	if l := p.params[0]; l.where == inGPR {
		var cb cbFrame
		cb.gpr[l.idx] = 0xfde8
		b := goArg[bool](p, &cb, 0)
		if byte := *(*uint8)(unsafe.Pointer(&b)); byte != 1 {
			t.Errorf("bool argument from a register holding %#x: byte %d, want 1", cb.gpr[l.idx], byte)
		}
	}
}

func checkFastPaths[T comparable](t *testing.T, vals ...T) {
	t.Helper()
	gk := kindFor[T]()
	if gk.err != nil {
		t.Fatal(gk.err)
	}
	k := gk.k
	p, err := newPlan(k, []Kind{k})
	if err != nil {
		t.Fatal(err)
	}
	size := unsafe.Sizeof(vals[0])
	// The fast paths are taken where they apply.
	if inReg := p.params[0].where == inGPR; inReg && k != Bool && !p.argsInPlace {
		t.Errorf("%v: argument in a core register, but the plan has argsInPlace off", k)
	}
	if !k.isFloat() && size <= wordSize && !p.retWord {
		t.Errorf("%v: result in a core register, but the plan has retWord off", k)
	}
	for _, v := range vals {
		// A call's result: callRaw returns it normalized.
		raw := normalize(k, rawOf(unsafe.Pointer(&v), k))
		if got := goResult[T](p, raw); got != v {
			t.Errorf("%v: goResult(%#x) = %v, want %v", k, raw, got, v)
		}

		// A callback's argument in a core register, with the bits above its
		// width set to garbage. (Elsewhere goArg is argTo.)
		if l := p.params[0]; l.where == inGPR {
			var cb cbFrame
			img := uintptr(gprImage(k, raw))
			if size < wordSize {
				img ^= ^uintptr(0) << (8 * size)
			}
			cb.gpr[l.idx] = img
			var want T
			p.argTo(&cb, 0, unsafe.Pointer(&want))
			if want != v {
				t.Errorf("%v: argTo(%#x) = %v, want %v", k, img, want, v)
			}
			if got := goArg[T](p, &cb, 0); got != v {
				t.Errorf("%v: goArg(%#x) = %v, want %v", k, img, got, v)
			}
		}

		// A callback's result: the register image the ABI wants, once
		// callbackDispatch has widened it (a retWord result), with garbage
		// in r0 before. setResult's image is widened too, and stays as it is.
		var fast, slow cbFrame
		if p.retWord {
			fast.r0 = ^uintptr(0) / 3
		}
		setResultOf(p, &fast, v)
		p.setResult(&slow, rawOf(unsafe.Pointer(&v), k))
		if p.retWord {
			p.widenResult(&fast)
			again := slow
			p.widenResult(&again)
			if again != slow {
				t.Errorf("%v: widenResult changed setResult's r0 %#x to %#x", k, slow.r0, again.r0)
			}
		}
		if fast.r0 != slow.r0 || fast.f0 != slow.f0 || fast.flags != slow.flags {
			t.Errorf("%v: setResultOf(%v) left r0 %#x, f0 %#x, flags %d; setResult: r0 %#x, f0 %#x, flags %d",
				k, v, fast.r0, fast.f0, fast.flags, slow.r0, slow.f0, slow.flags)
		}
		if size > wordSize && fast.r1 != slow.r1 {
			t.Errorf("%v: setResultOf(%v) left r1 %#x, setResult %#x", k, v, fast.r1, slow.r1)
		}
	}
}

// TestTypedCallbackDispatch runs a typed callback's Go side as the entry
// code does, with arguments of both signs: the int32 result must reach
// r0 sign-extended to the whole register (widenResult, after
// setResultOf left only its low-order bytes there).
func TestTypedCallbackDispatch(t *testing.T) { typedCallbackDispatch(t, 1000) }

// BenchmarkTypedCallbackDispatch is the Go side of a typed callback
// (callbackDispatch and the binding's closure: goArg, the Go function,
// setResultOf, widenResult) without C or runtime.cgocallback, whose cost
// dwarfs it in bench/nocgo's BenchmarkCallback.
func BenchmarkTypedCallbackDispatch(b *testing.B) {
	b.ReportAllocs()
	typedCallbackDispatch(b, b.N)
}

// typedCallbackDispatch makes n callbacks of func(int32) int32 through
// callbackDispatch, on a cbFrame as the entry code leaves it.
func typedCallbackDispatch(tb testing.TB, n int) {
	c, err := Callback1(func(x int32) int32 { return x + 1 })
	if err != nil {
		tb.Fatal(err)
	}
	defer c.Free()
	var cb cbFrame
	cb.index = uintptr(c.e.slot)
	if callbackIndexFromPC {
		cb.index = callbackPC(c.e.slot) + 8 // arm: the entry's address + 8
	}
	// The argument's word: a register, or on 386 the caller's stack (on
	// the heap here, where it stays put).
	stack := new([MaxArgs]uintptr)
	cb.stack = uintptr(unsafe.Pointer(stack))
	l := slots[c.e.slot].Load().p.params[0]
	arg := &stack[l.idx]
	if l.where == inGPR {
		arg = &cb.gpr[l.idx]
	}
	if b, ok := tb.(*testing.B); ok {
		b.ResetTimer()
	}
	for i := 0; i < n; i++ {
		x := int32(i)
		if i%2 == 1 {
			x = -x
		}
		*arg = uintptr(x)
		callbackDispatch(unsafe.Pointer(&cb))
		if cb.r0 != uintptr(x+1) {
			tb.Fatalf("callback of %d left r0 %#x, want %#x", x, cb.r0, uintptr(x+1))
		}
	}
	runtime.KeepAlive(stack)
}

// A pointer result is stored into r0 by setResultOf while the GC may be
// marking, so the store has a write barrier, which also reads the word it
// overwrites: r0's old contents (whatever the C stack held) must not be
// taken for a Go pointer. Here r0 starts as the address of a freed heap
// span, which the runtime reports as a bad pointer if it ever looks at it.
func TestPointerResultOverStaleWord(t *testing.T) {
	p, err := newPlan(Pointer, nil)
	if err != nil {
		t.Fatal(err)
	}
	stale := freedHeapAddress()
	done := make(chan struct{})
	go func() { // 20 collections, each a window in which stores have write barriers
		defer close(done)
		for range 20 {
			runtime.GC()
		}
	}()
	obj := new([4]uint64)
	cb := &staleFrame // not a local: a store into a frame on the stack needs no barrier
	for running := true; running; {
		select {
		case <-done:
			running = false
		default:
		}
		for range 1000 {
			cb.r0 = stale
			setResultOf(p, cb, unsafe.Pointer(obj))
			p.widenResult(cb)
			if cb.r0 != uintptr(unsafe.Pointer(obj)) {
				t.Fatalf("r0 %#x, want %p", cb.r0, obj)
			}
		}
	}
}

var staleFrame cbFrame

// freedHeapAddress is the address of a large object that the GC has
// since freed: a span the heap no longer uses.
func freedHeapAddress() uintptr {
	b := make([]byte, 4<<20)
	addr := uintptr(unsafe.Pointer(&b[1<<20]))
	runtime.KeepAlive(b) // b is dead from here on
	runtime.GC()
	runtime.GC()
	return addr
}
