//go:build cgo

// Package cgo benchmarks the same C calls through cgo (CGO_ENABLED=1).
package cgo

import "testing"

func BenchmarkCall(b *testing.B) {
	b.ReportAllocs()
	var s int32
	for i := 0; i < b.N; i++ {
		s += noop(int32(i))
	}
	if b.N > 1 && s == 0 {
		b.Fatal("no result")
	}
}

// BenchmarkCallStruct16 passes and returns a 16-byte struct.
func BenchmarkCallStruct16(b *testing.B) {
	b.ReportAllocs()
	r := Rect{1, 2, 3, 4}
	for i := 0; i < b.N; i++ {
		r = rectGrow(r, 1)
	}
	if b.N > 1 && r.W == 3 {
		b.Fatal("no result")
	}
}

// BenchmarkCallVariadic6 makes the same six-argument variadic call as
// bench/nocgo's, through a fixed-arity C wrapper (cgo has no variadic calls).
func BenchmarkCallVariadic6(b *testing.B) {
	b.ReportAllocs()
	var s float32
	for i := 0; i < b.N; i++ {
		s += vfixed4(0.5, 1, 2, 3, float64(i&7))
	}
	if b.N > 1 && s == 0 {
		b.Fatal("no result")
	}
}

func BenchmarkCallback(b *testing.B) {
	b.ReportAllocs()
	b.ResetTimer()
	callNoop(int32(b.N))
}
