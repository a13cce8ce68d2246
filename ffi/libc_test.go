package ffi_test

import (
	"math"
	"sort"
	"strings"
	"testing"
	"unsafe"

	"github.com/nocgo/rules_nocgo/ffi"
)

func sym(t testing.TB, lib, name string) ffi.Symbol {
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

func cstr(s string) unsafe.Pointer { b := append([]byte(s), 0); return unsafe.Pointer(&b[0]) }

func TestStrlen(t *testing.T) {
	strlen, err := ffi.Func1[uintptr, unsafe.Pointer](sym(t, "libc.so.6", "strlen"))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"", "a", "hello, world", strings.Repeat("long string ", 1000)} {
		if got := strlen(cstr(s)); got != uintptr(len(s)) {
			t.Errorf("strlen(%q) = %d", s, got)
		}
	}
}

func TestLibmFloats(t *testing.T) {
	ldexp, err := ffi.Func2[float64, float64, int32](sym(t, "libm.so.6", "ldexp"))
	if err != nil {
		t.Fatal(err)
	}
	if got := ldexp(1.5, 4); got != 24 {
		t.Errorf("ldexp(1.5, 4) = %v, want 24", got)
	}
	sqrtf, err := ffi.Func1[float32, float32](sym(t, "libm.so.6", "sqrtf"))
	if err != nil {
		t.Fatal(err)
	}
	if got := sqrtf(9); got != 3 {
		t.Errorf("sqrtf(9) = %v, want 3", got)
	}
	fma, err := ffi.Func3[float64, float64, float64, float64](sym(t, "libm.so.6", "fma"))
	if err != nil {
		t.Fatal(err)
	}
	if got := fma(2, 3, 0.5); got != 6.5 {
		t.Errorf("fma(2, 3, 0.5) = %v, want 6.5", got)
	}
	hypot, err := ffi.Func2[float64, float64, float64](sym(t, "libm.so.6", "hypot"))
	if err != nil {
		t.Fatal(err)
	}
	if got := hypot(3, 4); got != 5 {
		t.Errorf("hypot(3, 4) = %v, want 5", got)
	}
	pow, err := ffi.Func2[float64, float64, float64](sym(t, "libm.so.6", "pow"))
	if err != nil {
		t.Fatal(err)
	}
	if got := pow(2, 10); got != 1024 {
		t.Errorf("pow(2, 10) = %v, want 1024", got)
	}
	powf, err := ffi.Func2[float32, float32, float32](sym(t, "libm.so.6", "powf"))
	if err != nil {
		t.Fatal(err)
	}
	if got := powf(1.5, 2); got != 2.25 {
		t.Errorf("powf(1.5, 2) = %v, want 2.25", got)
	}
	if got := ldexp(math.Pi, -1); got != math.Pi/2 {
		t.Errorf("ldexp(pi, -1) = %v", got)
	}
}

func TestQsortBsearch(t *testing.T) {
	qsort, err := ffi.VoidFunc4[unsafe.Pointer, uintptr, uintptr, uintptr](sym(t, "libc.so.6", "qsort"))
	if err != nil {
		t.Fatal(err)
	}
	bsearch, err := ffi.Func5[unsafe.Pointer, unsafe.Pointer, unsafe.Pointer, uintptr, uintptr, uintptr](sym(t, "libc.so.6", "bsearch"))
	if err != nil {
		t.Fatal(err)
	}
	calls := 0
	cmp, err := ffi.Callback2(func(a, b unsafe.Pointer) int32 {
		calls++
		x, y := *(*int64)(a), *(*int64)(b)
		switch {
		case x < y:
			return -1
		case x > y:
			return 1
		}
		return 0
	})
	if err != nil {
		t.Fatal(err)
	}
	defer cmp.Free()
	data := []int64{42, -7, 1 << 40, 0, 99, -1 << 50, 3, 3, 17}
	want := append([]int64(nil), data...)
	sort.Slice(want, func(i, j int) bool { return want[i] < want[j] })
	qsort(unsafe.Pointer(&data[0]), uintptr(len(data)), 8, cmp.Ptr())
	for i := range data {
		if data[i] != want[i] {
			t.Fatalf("qsort: got %v, want %v", data, want)
		}
	}
	if calls == 0 {
		t.Fatal("comparator never called")
	}
	key := int64(99)
	p := bsearch(unsafe.Pointer(&key), unsafe.Pointer(&data[0]), uintptr(len(data)), 8, cmp.Ptr())
	if p == nil || *(*int64)(p) != 99 {
		t.Fatalf("bsearch(99) = %v", p)
	}
	key = 100
	if p := bsearch(unsafe.Pointer(&key), unsafe.Pointer(&data[0]), uintptr(len(data)), 8, cmp.Ptr()); p != nil {
		t.Fatalf("bsearch(100) = %v, want nil", p)
	}
}
