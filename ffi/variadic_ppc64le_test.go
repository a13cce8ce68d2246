package ffi_test

import (
	"testing"
	"unsafe"

	"github.com/nocgo/rules_nocgo/ffi"
)

// A variadic callee takes its variable arguments from their parameter
// save area doublewords, GPR images included, not from f1-f13: every
// float argument must be in its doubleword too.
func TestPPC64LEVariadicDoubles(t *testing.T) {
	snprintf := sym(t, "libc.so.6", "snprintf")
	buf := make([]byte, 128)
	format := "%g %d %g %g %g %g %g %g %g %g"
	params := []ffi.Kind{ffi.Pointer, ffi.Uintptr, ffi.Pointer, ffi.Float64, ffi.Int32}
	for range 8 {
		params = append(params, ffi.Float64)
	}
	f, err := snprintf.Bind(ffi.Signature{Return: ffi.Int32, Params: params})
	if err != nil {
		t.Fatal(err)
	}
	// The last five doubles are in doublewords 8-12: memory.
	n, err := f.Call(unsafe.Pointer(&buf[0]), uintptr(len(buf)), cstr(format),
		1.5, int32(42), -0.25, 3.0, 4.0, 5.0, 6.0, 7.0, 8.5, 1e100)
	if err != nil {
		t.Fatal(err)
	}
	const want = "1.5 42 -0.25 3 4 5 6 7 8.5 1e+100"
	if got := string(buf[:n.(int32)]); got != want {
		t.Errorf("snprintf = %q, want %q", got, want)
	}
}
