package ffi

import "testing"

// AAPCS64 on Linux: integer and FP registers are counted separately, and
// once a class is out of registers its arguments take 8-byte stack slots
// in argument order, while the other class keeps using registers.
func TestArm64Layout(t *testing.T) {
	params := []Kind{
		Int8, Float32, Int16, Float64, Int32, Float32, Int64, Float64, // 4 + 4
		Uint8, Uint16, Uint32, Uint64, // x4-x7
		Int32,            // stack 0
		Float32, Float64, // v4, v5
		Pointer, // stack 1
	}
	p, err := newPlan(Int64, params)
	if err != nil {
		t.Fatal(err)
	}
	want := []loc{
		{Int8, inGPR, 0}, {Float32, inFPR, 0}, {Int16, inGPR, 1}, {Float64, inFPR, 1},
		{Int32, inGPR, 2}, {Float32, inFPR, 2}, {Int64, inGPR, 3}, {Float64, inFPR, 3},
		{Uint8, inGPR, 4}, {Uint16, inGPR, 5}, {Uint32, inGPR, 6}, {Uint64, inGPR, 7},
		{Int32, onStack, 0},
		{Float32, inFPR, 4}, {Float64, inFPR, 5},
		{Pointer, onStack, 1},
	}
	for i, l := range p.params {
		if l != want[i] {
			t.Errorf("param %d: got %+v, want %+v", i, l, want[i])
		}
	}
	if p.nstack != 2 {
		t.Errorf("nstack = %d, want 2", p.nstack)
	}
}
