// Package d calls ldexp from libm through rules_nocgo's ffi.
package d

import "github.com/nocgo/rules_nocgo/ffi"

// Ldexp returns x * 2**exp, computed by the C library.
func Ldexp(x float64, exp int32) (float64, error) {
	lib, err := ffi.Dlopen("libm.so.6", ffi.RTLD_NOW)
	if err != nil {
		return 0, err
	}
	sym, err := lib.Sym("ldexp")
	if err != nil {
		return 0, err
	}
	ldexp, err := ffi.Func2[float64, float64, int32](sym)
	if err != nil {
		return 0, err
	}
	return ldexp(x, exp), nil
}
