package ffi

import (
	"math"
	"testing"
)

// The AAPCS-VFP rules that are easy to get wrong, checked on the plan
// itself. The expected locations were read off what arm-linux-gnueabihf-gcc
// 12 emits for a call with the same signature.

func checkPlan(t *testing.T, ret Kind, params []Kind, want []loc, nstack int) {
	t.Helper()
	p, err := newPlan(ret, params)
	if err != nil {
		t.Fatal(err)
	}
	for i, l := range p.params {
		want[i].kind = params[i]
		if l != want[i] {
			t.Errorf("param %d (%v): got %+v, want %+v", i, params[i], l, want[i])
		}
	}
	if p.nstack != nstack {
		t.Errorf("nstack = %d, want %d", p.nstack, nstack)
	}
}

func TestARMBackFillAndEvenPairs(t *testing.T) {
	// h(float, double, float, float, int32, int64, int32): the second
	// float back-fills s1, the third takes s4 (s2:s3 is d1); the int64
	// skips r1 for r2:r3, and the last int32 finds no register left.
	checkPlan(t, Void,
		[]Kind{Float32, Float64, Float32, Float32, Int32, Int64, Int32},
		[]loc{
			{where: inSReg, idx: 0},
			{where: inFPR, idx: 1},
			{where: inSReg, idx: 1},
			{where: inSReg, idx: 4},
			{where: inGPR, idx: 0},
			{where: inGPRPair, idx: 2},
			{where: onStack, idx: 0},
		}, 1)
}

func TestARMVFPOverflowStopsBackFill(t *testing.T) {
	// f(float, 8 x double, float, int32, int64, int32, int64, int32):
	// s0, d1-d7, then the eighth double finds no free pair (s1 is free
	// but alone) and goes to the stack 8-byte aligned; from then on the
	// float32 may not back-fill s1 either. The int64 after one int32 skips
	// r1; with r0-r3 used the rest go to the stack, int64 8-byte aligned.
	params := []Kind{Float32}
	want := []loc{{where: inSReg, idx: 0}}
	for i := 1; i <= 7; i++ {
		params = append(params, Float64)
		want = append(want, loc{where: inFPR, idx: uint8(i)})
	}
	params = append(params, Float64, Float32, Int32, Int64, Int32, Int64, Int32)
	want = append(want,
		loc{where: onStackPair, idx: 0},
		loc{where: onStack, idx: 2},
		loc{where: inGPR, idx: 0},
		loc{where: inGPRPair, idx: 2},
		loc{where: onStack, idx: 3},
		loc{where: onStackPair, idx: 4},
		loc{where: onStack, idx: 6},
	)
	checkPlan(t, Void, params, want, 7)
}

func TestARMInt64SkipsR3(t *testing.T) {
	// Three int32 then an int64: r3 cannot start a pair, so the int64
	// goes to the stack and r3 stays unused for the int32 after it.
	checkPlan(t, Int64,
		[]Kind{Int32, Int32, Int32, Int64, Int32},
		[]loc{
			{where: inGPR, idx: 0},
			{where: inGPR, idx: 1},
			{where: inGPR, idx: 2},
			{where: onStackPair, idx: 0},
			{where: onStack, idx: 2},
		}, 3)
}

// TestARMStackArgsRoundTrip calls a Go callback through the C ABI with
// the signature of TestARMVFPOverflowStopsBackFill, so that every kind of
// stack slot is written by nocgo_ffi_call and read by
// nocgo_callback_common.
func TestARMStackArgsRoundTrip(t *testing.T) {
	sig := Signature{Return: Float64, Params: []Kind{Float32}}
	for i := 0; i < 8; i++ {
		sig.Params = append(sig.Params, Float64)
	}
	sig.Params = append(sig.Params, Float32, Int32, Int64, Int32, Int64, Int32)
	args := []uint64{uint64(math.Float32bits(0.5))}
	for i := 1; i <= 8; i++ {
		args = append(args, math.Float64bits(float64(i)+0.25))
	}
	args = append(args, uint64(math.Float32bits(-9.5)), uint64(0xffffffff_fffffff6), // -10
		0x1122334455667788, 12, 0xfedcba9876543210, 14)
	cb, err := NewCallback(sig, func(got []uint64) uint64 {
		for i := range args {
			if got[i] != args[i] {
				t.Errorf("callback argument %d = %#x, want %#x", i, got[i], args[i])
			}
		}
		return math.Float64bits(-1.5)
	})
	if err != nil {
		t.Fatal(err)
	}
	defer cb.Free()
	f, err := Symbol(cb.Ptr()).Bind(sig)
	if err != nil {
		t.Fatal(err)
	}
	r, err := f.CallRaw(args...)
	if err != nil {
		t.Fatal(err)
	}
	if got := math.Float64frombits(r); got != -1.5 {
		t.Errorf("result = %v, want -1.5", got)
	}

	// A float32 result comes back in s0.
	sig32 := Signature{Return: Float32, Params: []Kind{Float64, Float32}}
	cb32, err := NewCallback(sig32, func(a []uint64) uint64 {
		x := math.Float64frombits(a[0]) + float64(math.Float32frombits(uint32(a[1])))
		return uint64(math.Float32bits(float32(x)))
	})
	if err != nil {
		t.Fatal(err)
	}
	defer cb32.Free()
	f32, err := Symbol(cb32.Ptr()).Bind(sig32)
	if err != nil {
		t.Fatal(err)
	}
	r, err = f32.CallRaw(math.Float64bits(2.25), uint64(math.Float32bits(-0.5)))
	if err != nil {
		t.Fatal(err)
	}
	if got := math.Float32frombits(uint32(r)); got != 1.75 {
		t.Errorf("float32 result = %v, want 1.75", got)
	}
}
