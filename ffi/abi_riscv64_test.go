package ffi

import (
	"math"
	"testing"
)

// The LP64D rules that are easy to get wrong, checked on the plan itself:
// the C tests only see them through a compiler that may or may not rely
// on them.

func TestRISCV64FloatsSpillToGPRs(t *testing.T) {
	params := make([]Kind, 16)
	for i := range params {
		params[i] = Float32
		if i%2 == 1 {
			params[i] = Float64
		}
	}
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

	// Nine integers first: the ninth goes on the stack, and floats past
	// FA7 find no free GPR either.
	params = []Kind{Int64, Int64, Int64, Int64, Int64, Int64, Int64, Int64, Uint32,
		Float32, Float32, Float32, Float32, Float32, Float32, Float32}
	if p, err = newPlan(Void, params); err != nil {
		t.Fatal(err)
	}
	if l := p.params[8]; l.where != onStack || l.idx != 0 {
		t.Errorf("ninth integer: %+v, want stack slot 0", l)
	}
	if p.nstack != 1 {
		t.Errorf("nstack = %d, want 1", p.nstack)
	}
}

func TestRISCV64RegisterImages(t *testing.T) {
	// uint32 is sign-extended from bit 31 in a register or stack slot.
	if got := gprImage(Uint32, 4000000000); got != 0xffffffff_ee6b2800 {
		t.Errorf("gprImage(uint32 4000000000) = %#x", got)
	}
	if got := normalize(Uint32, gprImage(Uint32, 4000000000)); got != 4000000000 {
		t.Errorf("uint32 round trip = %d", got)
	}
	if got := gprImage(Int32, uint64(0xffffffff_80000000)); got != 0xffffffff_80000000 {
		t.Errorf("gprImage(int32 min) = %#x", got)
	}
	// float32 in an FP register is NaN-boxed.
	three := uint64(math.Float32bits(3))
	if got := fprImage(Float32, three); got != 0xffffffff_40400000 {
		t.Errorf("fprImage(float32 3) = %#x, want NaN-boxed", got)
	}
	if got := fprValue(Float32, fprImage(Float32, three)); got != three {
		t.Errorf("float32 round trip = %#x", got)
	}
	f64 := math.Float64bits(-2.5)
	if got := fprValue(Float64, fprImage(Float64, f64)); got != f64 {
		t.Errorf("float64 round trip = %#x", got)
	}
}
