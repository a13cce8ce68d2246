package ffi

import "testing"

// AAPCS-VFP placement of homogeneous float structs, checked on the plan
// of nocgotest.c's nt_backfill(float, double, {float x3}, float,
// {double x2}, {float}, double): the struct of three floats takes the
// lowest run of three free single registers (s4-s6: s1 is free but
// alone), the next float back-fills s1, the two doubles take d4:d5 (d3
// holds s6), the one-float struct s7 and the last double d6.
func TestARMStructBackFill(t *testing.T) {
	f3, _ := StructOf(Float32, Float32, Float32)
	d2, _ := StructOf(Float64, Float64)
	f1, _ := StructOf(Float32)
	p, err := newPlan(Uint64, []Kind{Float32, Float64, f3, Float32, d2, f1, Float64})
	if err != nil {
		t.Fatal(err)
	}
	regs := func(i int) []part { return p.parts[p.params[i].idx] }
	check := func(what string, got, want any) {
		t.Helper()
		if got != want {
			t.Errorf("%s: got %v, want %v", what, got, want)
		}
	}
	check("float a", p.params[0], loc{kind: Float32, where: inSReg, idx: 0})
	check("double b", p.params[1], loc{kind: Float64, where: inFPR, idx: 1})
	for j, pt := range regs(2) {
		check("f3 member", [2]any{pt.where, pt.idx}, [2]any{inSReg, uint8(4 + j)})
	}
	check("float c", p.params[3], loc{kind: Float32, where: inSReg, idx: 1})
	for j, pt := range regs(4) {
		check("d2 member", [2]any{pt.where, pt.idx}, [2]any{inFPR, uint8(4 + j)})
	}
	check("f1 member", [2]any{regs(5)[0].where, regs(5)[0].idx}, [2]any{inSReg, uint8(7)})
	check("double f", p.params[6], loc{kind: Float64, where: inFPR, idx: 6})
	check("nstack", p.nstack, 0)
}
