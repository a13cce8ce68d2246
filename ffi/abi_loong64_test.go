package ffi

import (
	"math"
	"testing"
)

// LP64D rules that the C tests only see through a compiler that may or
// may not rely on them, checked on the plan and register images.

func TestLoong64FloatsSpillToGPRs(t *testing.T) {
	// Twelve floats then four integers: fa0-fa7, then a0-a3 for the
	// floats, a4-a7 for the integers, nothing on the stack.
	var params []Kind
	for i := 0; i < 12; i++ {
		params = append(params, []Kind{Float32, Float64}[i%2])
	}
	params = append(params, Int8, Uint32, Int64, Pointer)
	p, err := newPlan(Float64, params)
	if err != nil {
		t.Fatal(err)
	}
	for i, l := range p.params {
		want := loc{kind: params[i], where: inFPR, idx: uint8(i)}
		if i >= numFPR {
			want.where, want.idx = inGPR, uint8(i-numFPR)
		}
		if l != want {
			t.Errorf("param %d: got %+v, want %+v", i, l, want)
		}
	}
	if p.nstack != 0 {
		t.Errorf("nstack = %d, want 0", p.nstack)
	}

	// Nine integers and seven floats: the ninth integer is the only
	// stack argument; the floats stay in fa0-fa6.
	params = []Kind{Int64, Int32, Int16, Int8, Uint64, Uint32, Uint16, Uint8, Uint32,
		Float32, Float64, Float32, Float64, Float32, Float64, Float32}
	if p, err = newPlan(Void, params); err != nil {
		t.Fatal(err)
	}
	if l := p.params[8]; l.where != onStack || l.idx != 0 {
		t.Errorf("ninth integer: %+v, want stack slot 0", l)
	}
	if l := p.params[15]; l.where != inFPR || l.idx != 6 {
		t.Errorf("last float: %+v, want fa6", l)
	}
	if p.nstack != 1 {
		t.Errorf("nstack = %d, want 1", p.nstack)
	}
}

func TestLoong64RegisterImages(t *testing.T) {
	// uint32 is sign-extended from bit 31, in a register or stack slot.
	if got := gprImage(Uint32, 4000000000); got != 0xffffffff_ee6b2800 {
		t.Errorf("gprImage(uint32 4000000000) = %#x", got)
	}
	if got := normalize(Uint32, gprImage(Uint32, 4000000000)); got != 4000000000 {
		t.Errorf("uint32 round trip = %d", got)
	}
	// Narrower unsigned kinds are zero-extended, signed ones sign-extended.
	if got := gprImage(Uint16, 65535); got != 65535 {
		t.Errorf("gprImage(uint16 65535) = %#x", got)
	}
	if got := gprImage(Int8, uint64(0xffffffff_ffffff80)); got != 0xffffffff_ffffff80 {
		t.Errorf("gprImage(int8 -128) = %#x", got)
	}
	// A float32 sits in the low half of an FP register, not NaN-boxed.
	three := uint64(math.Float32bits(3))
	if got := fprImage(Float32, three); got != three {
		t.Errorf("fprImage(float32 3) = %#x", got)
	}
	if got := fprValue(Float32, 0xdeadbeef_00000000|three); got != three {
		t.Errorf("fprValue ignores the upper half: got %#x", got)
	}
}

// TestLoong64SpillRoundTrip calls Go callbacks through the C calling
// convention (nocgo_ffi_call -> callback entry) with signatures that put
// floats in integer registers and integers on the stack.
func TestLoong64SpillRoundTrip(t *testing.T) {
	cb, err := Callback16(func(a1 float32, a2 float64, a3 float32, a4 float64, a5 float32, a6 float64, a7 float32, a8 float64,
		a9 float32, a10 float64, a11 int8, a12 uint32, a13 int16, a14 uint8, a15 int64, a16 uint32) float64 {
		if a9 != -9.5 || a10 != 1e300 || a11 != -11 || a12 != 4000000012 || a13 != -13 || a14 != 214 || a15 != -15 || a16 != 0x80000000 {
			t.Errorf("spilled arguments: %v %v %v %v %v %v %v %v", a9, a10, a11, a12, a13, a14, a15, a16)
		}
		return float64(a1) + a2 + float64(a3) + a4 + float64(a5) + a6 + float64(a7) + a8
	})
	if err != nil {
		t.Fatal(err)
	}
	defer cb.Free()
	call, err := Func16[float64, float32, float64, float32, float64, float32, float64, float32, float64,
		float32, float64, int8, uint32, int16, uint8, int64, uint32](Symbol(cb.Ptr()))
	if err != nil {
		t.Fatal(err)
	}
	if got := call(1, 2, 3, 4, 5, 6, 7, 8, -9.5, 1e300, -11, 4000000012, -13, 214, -15, 0x80000000); got != 36 {
		t.Errorf("float spill: result %v, want 36", got)
	}

	cb2, err := Callback16(func(a1 uint32, a2 uint32, a3 uint32, a4 uint32, a5 uint32, a6 uint32, a7 uint32, a8 uint32,
		a9 uint32, a10 uint32, a11 float32, a12 float64, a13 float32, a14 float64, a15 float32, a16 float64) uint32 {
		s := a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8
		if a9 != 0xfffffff9 || a10 != 0x8000000a {
			t.Errorf("stack uint32s: %#x %#x", a9, a10)
		}
		if a11 != 11 || a12 != 12 || a13 != 13 || a14 != 14 || a15 != 15 || a16 != 16 {
			t.Errorf("floats: %v %v %v %v %v %v", a11, a12, a13, a14, a15, a16)
		}
		return s ^ a9
	})
	if err != nil {
		t.Fatal(err)
	}
	defer cb2.Free()
	call2, err := Func16[uint32, uint32, uint32, uint32, uint32, uint32, uint32, uint32, uint32,
		uint32, uint32, float32, float64, float32, float64, float32, float64](Symbol(cb2.Ptr()))
	if err != nil {
		t.Fatal(err)
	}
	const b = 0x80000000
	var want uint32
	for i := uint32(1); i <= 8; i++ {
		want += b + i // wraps, as in the callback
	}
	want ^= 0xfffffff9
	if got := call2(b+1, b+2, b+3, b+4, b+5, b+6, b+7, b+8, 0xfffffff9, 0x8000000a, 11, 12, 13, 14, 15, 16); got != want {
		t.Errorf("integer spill: result %#x, want %#x", got, want)
	}
}
