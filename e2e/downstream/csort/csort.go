// Package csort sorts with the C library's qsort, comparing in Go, and scales floats with libm's
// ldexp: a small downstream user of github.com/nocgo/rules_nocgo/ffi, built with CGO_ENABLED=0.
package csort

import (
	"fmt"
	"unsafe"

	"github.com/nocgo/rules_nocgo/ffi"
)

// C holds the bound C functions.
type C struct {
	qsort func(base unsafe.Pointer, n, size, cmp uintptr)
	ldexp func(x float64, exp int32) float64
	sqrtf func(x float32) float32
}

// Open loads libc and libm and binds qsort, ldexp and sqrtf.
func Open() (*C, error) {
	libc, err := ffi.Dlopen("libc.so.6", ffi.RTLD_NOW)
	if err != nil {
		return nil, err
	}
	libm, err := ffi.Dlopen("libm.so.6", ffi.RTLD_NOW)
	if err != nil {
		return nil, err
	}
	var c C
	if c.qsort, err = bind(libc, "qsort", ffi.VoidFunc4[unsafe.Pointer, uintptr, uintptr, uintptr]); err != nil {
		return nil, err
	}
	if c.ldexp, err = bind(libm, "ldexp", ffi.Func2[float64, float64, int32]); err != nil {
		return nil, err
	}
	if c.sqrtf, err = bind(libm, "sqrtf", ffi.Func1[float32, float32]); err != nil {
		return nil, err
	}
	return &c, nil
}

func bind[F any](lib *ffi.Library, name string, typed func(ffi.Target) (F, error)) (F, error) {
	var zero F
	sym, err := lib.Sym(name)
	if err != nil {
		return zero, err
	}
	f, err := typed(sym)
	if err != nil {
		return zero, fmt.Errorf("binding %s: %w", name, err)
	}
	return f, nil
}

// Sort sorts xs in place with qsort(3), which calls back into Go for every comparison: cmp
// returns a negative number, zero or a positive number as a sorts before, with or after b. It
// returns how many times C called cmp.
func (c *C) Sort(xs []int64, cmp func(a, b int64) int) (calls int, err error) {
	if len(xs) < 2 {
		return 0, nil
	}
	cb, err := ffi.Callback2(func(a, b unsafe.Pointer) int32 {
		calls++
		switch r := cmp(*(*int64)(a), *(*int64)(b)); {
		case r < 0:
			return -1
		case r > 0:
			return 1
		}
		return 0
	})
	if err != nil {
		return 0, err
	}
	defer cb.Free()
	c.qsort(unsafe.Pointer(&xs[0]), uintptr(len(xs)), unsafe.Sizeof(xs[0]), cb.Ptr())
	return calls, nil
}

// Ldexp returns x * 2**exp, computed by libm.
func (c *C) Ldexp(x float64, exp int32) float64 { return c.ldexp(x, exp) }

// Sqrtf returns the float32 square root of x, computed by libm.
func (c *C) Sqrtf(x float32) float32 { return c.sqrtf(x) }
