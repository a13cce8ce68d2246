package ffi_test

import (
	"testing"

	"github.com/nocgo/rules_nocgo/ffi"
)

// On 386 a float result travels on the x87 register stack, which has
// eight slots. A call path that does not pop a float result, or a callback
// that pushes one when it returns an integer (or returns a float without
// pushing it), unbalances the stack; after at most eight such calls a push
// overflows and the value read back is a NaN. Repeating every kind of
// call well past eight times, interleaved, catches either mistake.
func TestX87StackBalance(t *testing.T) {
	f32, _ := ffi.Func2[float32, float32, float64](clibSym(t, "nt_ret_f32"))
	f64, _ := ffi.Func2[float64, float32, float64](clibSym(t, "nt_ret_f64"))
	dyn, err := clibSym(t, "nt_ret_f64").Bind(ffi.Signature{Return: ffi.Float64, Params: []ffi.Kind{ffi.Float32, ffi.Float64}})
	if err != nil {
		t.Fatal(err)
	}

	f32cb, _ := ffi.Callback3(func(a float32, b float64, c int32) float32 { return a * float32(b) * float32(c) })
	defer f32cb.Free()
	f64cb, _ := ffi.Callback3(func(a float64, b float32, c int64) float64 { return a + float64(b) + float64(c) })
	defer f64cb.Free()
	i8cb, _ := ffi.Callback1(func(a int8) int8 { return a - 28 })
	defer i8cb.Free()
	callF32, _ := ffi.Func1[float32, uintptr](clibSym(t, "nt_call_f32"))
	callF64, _ := ffi.Func1[float64, uintptr](clibSym(t, "nt_call_f64"))
	callI8, _ := ffi.Func1[int32, uintptr](clibSym(t, "nt_call_i8"))

	for i := 0; i < 20; i++ {
		if got := f32(1.5, -4); got != -6 {
			t.Fatalf("round %d: nt_ret_f32 = %v, want -6", i, got)
		}
		if got := f64(0.25, 1e10); got != 1e10+0.25 {
			t.Fatalf("round %d: nt_ret_f64 = %v", i, got)
		}
		if got, err := dyn.Call(float32(0.5), 2.0); err != nil || got != 2.5 {
			t.Fatalf("round %d: dynamic nt_ret_f64 = %v, %v; want 2.5", i, got, err)
		}
		if got := callI8(i8cb.Ptr()); got != -127 {
			t.Fatalf("round %d: nt_call_i8 = %d, want -127", i, got)
		}
		if got := callF32(f32cb.Ptr()); got != -10.125 {
			t.Fatalf("round %d: nt_call_f32 = %v, want -10.125", i, got)
		}
		if got := callF64(f64cb.Ptr()); got != -0.5+8+(1<<40) {
			t.Fatalf("round %d: nt_call_f64 = %v", i, got)
		}
	}
}
