//go:build !cgo

// Package nocgo benchmarks rules_nocgo's ffi (CGO_ENABLED=0).
package nocgo

import (
	"testing"

	"github.com/nocgo/rules_nocgo/bench"
	"github.com/nocgo/rules_nocgo/ffi"
)

func load(b *testing.B) *ffi.Library {
	path, err := bench.TestLib()
	if err != nil {
		b.Fatal(err)
	}
	lib, err := ffi.Dlopen(path, ffi.RTLD_NOW)
	if err != nil {
		b.Fatal(err)
	}
	return lib
}

func BenchmarkCall(b *testing.B) {
	sym, err := load(b).Sym("nt_noop")
	if err != nil {
		b.Fatal(err)
	}
	noop, err := ffi.Func1[int32, int32](sym)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	var s int32
	for i := 0; i < b.N; i++ {
		s += noop(int32(i))
	}
	if b.N > 1 && s == 0 {
		b.Fatal("no result")
	}
}

// Rect is nt_rect (SDL_Rect-like, 16 bytes).
type Rect struct{ X, Y, W, H int32 }

// BenchmarkCallStruct16 passes and returns a 16-byte struct.
func BenchmarkCallStruct16(b *testing.B) {
	sym, err := load(b).Sym("nt_rect_grow")
	if err != nil {
		b.Fatal(err)
	}
	grow, err := ffi.Func2[Rect, Rect, int32](sym)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	r := Rect{1, 2, 3, 4}
	for i := 0; i < b.N; i++ {
		r = grow(r, 1)
	}
	if b.N > 1 && r.W == 3 {
		b.Fatal("no result")
	}
}

// BenchmarkCallVariadic6 calls nt_vfixed(scale, n, ...) with six
// arguments, four of them variable doubles (float nt_vfixed(double,
// int32_t, ...)). purego has no variadic calls, so it has no row.
func BenchmarkCallVariadic6(b *testing.B) {
	sym, err := load(b).Sym("nt_vfixed")
	if err != nil {
		b.Fatal(err)
	}
	vfixed, err := ffi.Func6[float32, float64, int32, float64, float64, float64, float64](ffi.Variadic(sym, 2))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	var s float32
	for i := 0; i < b.N; i++ {
		s += vfixed(0.5, 4, 1, 2, 3, float64(i&7))
	}
	if b.N > 1 && s == 0 {
		b.Fatal("no result")
	}
}

func BenchmarkCallback(b *testing.B) {
	sym, err := load(b).Sym("nt_call_noop")
	if err != nil {
		b.Fatal(err)
	}
	loop, err := ffi.Func2[int32, uintptr, int32](sym)
	if err != nil {
		b.Fatal(err)
	}
	cb, err := ffi.Callback1(func(x int32) int32 { return x + 1 })
	if err != nil {
		b.Fatal(err)
	}
	defer cb.Free()
	b.ReportAllocs()
	b.ResetTimer()
	loop(cb.Ptr(), int32(b.N)) // b.N callbacks from C into Go
}
