package ffi

import (
	"math"
	"testing"
)

// The ELFv2 rules that are easy to get wrong, checked on the plan itself:
// the C tests only see them through a compiler that may or may not rely
// on them.

func TestPPC64LEFloatsUseUpDoublewords(t *testing.T) {
	// ldexp(double, int): the int is in r4, not r3 (purego v0.11.3 put
	// it in r3 and got ldexp(1.5, 4) = 1.5).
	p, err := newPlan(Float64, []Kind{Float64, Int32})
	if err != nil {
		t.Fatal(err)
	}
	if l := p.params[1]; l.where != inGPR || l.idx != 1 {
		t.Errorf("int after a double: %+v, want gpr 1", l)
	}

	// nt_mix16: the integers follow their doublewords, into memory from
	// the 9th on; every float is in an FPR.
	params := []Kind{Int8, Float32, Float64, Int16, Uint32, Float32, Int64, Float64,
		Uint8, Float32, Int32, Float64, Uintptr, Float32, Int64, Float64}
	if p, err = newPlan(Int64, params); err != nil {
		t.Fatal(err)
	}
	nfpr := uint8(0)
	for i, l := range p.params {
		want := loc{kind: params[i]}
		switch {
		case params[i].isFloat():
			want.where, want.idx = inFPR, nfpr
			nfpr++
		case i < 8:
			want.where, want.idx = inGPR, uint8(i)
		default:
			want.where, want.idx = onStack, uint8(i-8)
		}
		if l != want {
			t.Errorf("param %d: got %+v, want %+v", i, l, want)
		}
	}
	if p.nstack != 8 {
		t.Errorf("nstack = %d, want 8", p.nstack)
	}
	// flags: the FPR count, then each FPR argument's doubleword.
	want := uintptr(8)
	for i, slot := range []uintptr{1, 2, 5, 7, 9, 11, 13, 15} {
		want |= slot << (4 * (i + 1))
	}
	if p.flags != want {
		t.Errorf("flags = %#x, want %#x", p.flags, want)
	}
}

func TestPPC64LEFloatsPastF13(t *testing.T) {
	params := make([]Kind, 16)
	for i := range params {
		params[i] = Float64
		if i%2 == 1 {
			params[i] = Float32
		}
	}
	p, err := newPlan(Float64, params)
	if err != nil {
		t.Fatal(err)
	}
	for i, l := range p.params {
		want := loc{kind: params[i], where: inFPR, idx: uint8(i)}
		if i >= numFPR {
			// Never a GPR: 13 floats have used up doublewords 0-12.
			want.where, want.idx = onStack, uint8(i-8)
		}
		if l != want {
			t.Errorf("param %d: got %+v, want %+v", i, l, want)
		}
	}
	if p.nstack != 8 {
		t.Errorf("nstack = %d, want 8", p.nstack)
	}
	// A float32 in memory is single precision in the doubleword's first
	// (low) 4 bytes.
	if got := gprImage(Float32, uint64(math.Float32bits(-3.5))); got != uint64(math.Float32bits(-3.5)) {
		t.Errorf("float32 stack image = %#x", got)
	}
}

func TestPPC64LEFloat32InDoublePrecision(t *testing.T) {
	for _, f := range []float32{1.25, -0.75, 1e20, float32(math.Inf(-1)), math.SmallestNonzeroFloat32} {
		img := fprImage(Float32, uint64(math.Float32bits(f)))
		if img != math.Float64bits(float64(f)) {
			t.Errorf("fprImage(float32 %v) = %#x, want the double %#x", f, img, math.Float64bits(float64(f)))
		}
		if got := fprValue(Float32, img); got != uint64(math.Float32bits(f)) {
			t.Errorf("fprValue(fprImage(%v)) = %#x", f, got)
		}
	}
	if got := fprImage(Float64, 0x400921fb54442d18); got != 0x400921fb54442d18 {
		t.Errorf("fprImage(float64) changed the bits: %#x", got)
	}
}
