// Package workspace_test runs rules_nocgo's ffi in a WORKSPACE-mode build.
package workspace_test

import (
	"os"
	"runtime"
	"slices"
	"testing"
	"unsafe"

	"github.com/nocgo/rules_nocgo/ffi"
)

func sym(t *testing.T, lib, name string) ffi.Symbol {
	t.Helper()
	l, err := ffi.Dlopen(lib, ffi.RTLD_NOW)
	if err != nil {
		t.Fatal(err)
	}
	s, err := l.Sym(name)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestPlatform(t *testing.T) {
	if want := os.Getenv("NOCGO_GOARCH"); runtime.GOARCH != want {
		t.Errorf("running linux/%s, nocgo_test says linux/%s", runtime.GOARCH, want)
	}
}

func TestLdexp(t *testing.T) {
	ldexp, err := ffi.Func2[float64, float64, int32](sym(t, "libm.so.6", "ldexp"))
	if err != nil {
		t.Fatal(err)
	}
	if got := ldexp(1.5, 4); got != 24 {
		t.Errorf("ldexp(1.5, 4) = %v, want 24", got)
	}
}

func TestQsort(t *testing.T) {
	qsort, err := ffi.VoidFunc4[unsafe.Pointer, uintptr, uintptr, uintptr](sym(t, "libc.so.6", "qsort"))
	if err != nil {
		t.Fatal(err)
	}
	cmp, err := ffi.Callback2(func(a, b unsafe.Pointer) int32 {
		return int32((*(*int32)(a)) - (*(*int32)(b)))
	})
	if err != nil {
		t.Fatal(err)
	}
	defer cmp.Free()
	xs := []int32{5, -3, 9, 0, 2, 2, -8}
	want := slices.Sorted(slices.Values(xs))
	qsort(unsafe.Pointer(&xs[0]), uintptr(len(xs)), 4, cmp.Ptr())
	if !slices.Equal(xs, want) {
		t.Errorf("qsort: %v, want %v", xs, want)
	}
}
