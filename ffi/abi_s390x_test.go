package ffi

import (
	"math"
	"testing"
)

// The s390x rules that are easy to get wrong, checked on the plan and the
// frame images. The expected layout was read off what s390x-linux-gnu-gcc
// 12 emits for a call with the same signature:
//
//	h(1.5f, -2, 3.0, 4.5f, -5, 6.0, 7.5f, 0xfffffff8u, 9, -10, 250, 12.5f, 13.0)
//
// le %f0 / lghi %r2,-2 / ld %f2 / le %f4 / lghi %r3,-5 / ld %f6 /
// ste 164(%r15) / llilf %r4 / lghi %r5,9 / lghi %r6,-10 / mvghi 168(%r15) /
// ste 180(%r15) / std 184(%r15).
func TestS390xLayoutAndImages(t *testing.T) {
	params := []Kind{Float32, Int8, Float64, Float32, Int32, Float64, Float32, Uint32, Int64, Int16, Uint8, Float32, Float64}
	want := []loc{
		{where: inFPR, idx: 0},
		{where: inGPR, idx: 0},
		{where: inFPR, idx: 1},
		{where: inFPR, idx: 2},
		{where: inGPR, idx: 1},
		{where: inFPR, idx: 3},
		{where: onStack, idx: 0}, // fifth float: the FPRs are F0 F2 F4 F6 only
		{where: inGPR, idx: 2},
		{where: inGPR, idx: 3},
		{where: inGPR, idx: 4}, // R6: an argument register, although callee-saved
		{where: onStack, idx: 1},
		{where: onStack, idx: 2},
		{where: onStack, idx: 3}, // floats and integers share the stack slots in order
	}
	p, err := newPlan(Void, params)
	if err != nil {
		t.Fatal(err)
	}
	for i, l := range p.params {
		want[i].kind = params[i]
		if l != want[i] {
			t.Errorf("param %d (%v): got %+v, want %+v", i, params[i], l, want[i])
		}
	}
	if p.nstack != 4 {
		t.Errorf("nstack = %d, want 4", p.nstack)
	}

	f32 := func(f float32) uint64 { return uint64(math.Float32bits(f)) }
	f64 := math.Float64bits
	args := []uint64{f32(1.5), normalize(Int8, uint64(0xfe)), f64(3), f32(4.5), normalize(Int32, uint64(0xfffffffb)), f64(6), f32(7.5),
		0xfffffff8, 9, normalize(Int16, 0xfff6), 250, f32(12.5), f64(13)}
	var fr callFrame
	for i, a := range args {
		p.put(&fr, i, a)
	}
	// Narrow integers are extended to 64 bits by the caller, by their
	// own type: lghi sign-extends, llilf zero-extends.
	wantGPR := [numGPR]uintptr{0xffff_ffff_ffff_fffe, 0xffff_ffff_ffff_fffb, 0x0000_0000_ffff_fff8, 9, 0xffff_ffff_ffff_fff6}
	if fr.gpr != wantGPR {
		t.Errorf("gpr = %#x, want %#x", fr.gpr, wantGPR)
	}
	// A float32 in an FPR is in the high half (le loads the leftmost 32
	// bits).
	wantFPR := [numFPR]uint64{f32(1.5) << 32, f64(3), f32(4.5) << 32, f64(6)}
	if fr.fpr != wantFPR {
		t.Errorf("fpr = %#x, want %#x", fr.fpr, wantFPR)
	}
	// On the stack, a float32 is right-justified in its slot (ste at
	// 164 and 180): the low half of the big-endian word.
	wantStack := []uintptr{uintptr(f32(7.5)), 250, uintptr(f32(12.5)), uintptr(f64(13))}
	for i, w := range wantStack {
		if fr.stack[i] != w {
			t.Errorf("stack[%d] = %#x, want %#x", i, fr.stack[i], w)
		}
	}

	// And back: a float32 result comes in the high half of F0.
	rp, err := newPlan(Float32, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := rp.result(&callResult{f0: f32(-2.5) << 32}); got != f32(-2.5) {
		t.Errorf("float32 result: got %#x, want %#x", got, f32(-2.5))
	}
	var cb cbFrame
	rp.setResult(&cb, f32(-2.5))
	if cb.f0 != f32(-2.5)<<32 {
		t.Errorf("float32 callback result: f0 = %#x, want %#x", cb.f0, f32(-2.5)<<32)
	}
}
