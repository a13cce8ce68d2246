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

func BenchmarkCallback(b *testing.B) {
	var loop func(uintptr, int32) int32
	purego.RegisterLibFunc(&loop, load(b), "nt_call_noop")
	cb := purego.NewCallback(func(x int32) int32 { return x + 1 })
	b.ReportAllocs()
	b.ResetTimer()
	loop(cb, int32(b.N))
}
