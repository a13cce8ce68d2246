//go:build !cgo

// Package purego benchmarks github.com/ebitengine/purego v0.11.3
// (CGO_ENABLED=0, with purego's own fakecgo).
package purego

import (
	"testing"

	"github.com/ebitengine/purego"

	"github.com/nocgo/rules_nocgo/bench"
)

func load(b *testing.B) uintptr {
	path, err := bench.TestLib()
	if err != nil {
		b.Fatal(err)
	}
	lib, err := purego.Dlopen(path, purego.RTLD_NOW)
	if err != nil {
		b.Fatal(err)
	}
	return lib
}

func BenchmarkCall(b *testing.B) {
	var noop func(int32) int32
	purego.RegisterLibFunc(&noop, load(b), "nt_noop")
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

func BenchmarkCallSyscallN(b *testing.B) {
	sym, err := purego.Dlsym(load(b), "nt_noop")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	var s uintptr
	for i := 0; i < b.N; i++ {
		r, _, _ := purego.SyscallN(sym, uintptr(i))
		s += r
	}
	if b.N > 1 && s == 0 {
		b.Fatal("no result")
	}
}

// Rect is nt_rect (SDL_Rect-like, 16 bytes).
type Rect struct{ X, Y, W, H int32 }

// BenchmarkCallStruct16 passes and returns a 16-byte struct (purego
// supports structs by value on amd64 and arm64).
func BenchmarkCallStruct16(b *testing.B) {
	var grow func(Rect, int32) Rect
	purego.RegisterLibFunc(&grow, load(b), "nt_rect_grow")
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

func BenchmarkCallback(b *testing.B) {
	var loop func(uintptr, int32) int32
	purego.RegisterLibFunc(&loop, load(b), "nt_call_noop")
	cb := purego.NewCallback(func(x int32) int32 { return x + 1 })
	b.ReportAllocs()
	b.ResetTimer()
	loop(cb, int32(b.N))
}
