package ffi_test

// Variadic calls on every arch: doubles, ints and long longs in every
// position, more variable arguments than registers, promotions, a double
// among the fixed parameters, a float result, and real libc (snprintf).

import (
	"math"
	"strings"
	"testing"
	"unsafe"

	"github.com/nocgo/rules_nocgo/ffi"
)

// vsum is what nt_vsum computes for the values of kinds.
func vsum(vals []any) float64 {
	s := 0.0
	for i, v := range vals {
		w := float64(i + 1)
		switch x := v.(type) {
		case float64:
			s += w * x
		case float32:
			s += w * float64(x)
		case int32:
			s += w * float64(x)
		case int64:
			s += w * float64(x)
		case int8:
			s += w * float64(x)
		case uint16:
			s += w * float64(x)
		case bool:
			if x {
				s += w
			}
		}
	}
	return s
}

// letter is nt_vsum's letter for a Go value's promoted C type.
func letter(v any) (byte, ffi.Kind) {
	switch v.(type) {
	case float64:
		return 'd', ffi.Float64
	case float32:
		return 'd', ffi.Float32 // promoted to double
	case int64:
		return 'l', ffi.Int64
	case int8:
		return 'i', ffi.Int8 // promoted to int
	case uint16:
		return 'i', ffi.Uint16
	case bool:
		return 'i', ffi.Bool
	}
	return 'i', ffi.Int32
}

func TestVariadicShapes(t *testing.T) {
	sym := clibSym(t, "nt_vsum")
	var shapes [][]any
	// Fifteen of a kind: past every arch's argument registers.
	var ds, is, ls []any
	for i := 0; i < ffi.MaxArgs-1; i++ {
		ds = append(ds, float64(i)+0.25)
		is = append(is, int32(-i*1000-7))
		ls = append(ls, int64(i)<<40+3)
	}
	shapes = append(shapes, ds, is, ls)
	// A double in every position among ints and long longs.
	for pos := 0; pos < ffi.MaxArgs-1; pos++ {
		var vals []any
		for i := 0; i < ffi.MaxArgs-1; i++ {
			switch {
			case i == pos:
				vals = append(vals, 1.0/float64(i+3))
			case i%2 == 0:
				vals = append(vals, int32(i*11-50))
			default:
				vals = append(vals, int64(-i)<<33)
			}
		}
		shapes = append(shapes, vals)
	}
	// Promotions: float32, int8, uint16 and bool become double and int.
	shapes = append(shapes, []any{float32(1.5), int8(-3), uint16(65535), true, float32(-0.75), 2.5})
	for n, vals := range shapes {
		kinds := make([]byte, len(vals))
		sig := ffi.Signature{Return: ffi.Float64, Params: []ffi.Kind{ffi.Pointer}, NumFixed: 1}
		for i, v := range vals {
			var k ffi.Kind
			kinds[i], k = letter(v)
			sig.Params = append(sig.Params, k)
		}
		f, err := sym.Bind(sig)
		if err != nil {
			t.Fatal(err)
		}
		r, err := f.Call(append([]any{cstr(string(kinds))}, vals...)...)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := r.(float64), vsum(vals); got != want {
			t.Errorf("shape %d (%s): nt_vsum = %v, want %v", n, kinds, got, want)
		}
	}
}

func TestVariadicTypedAndFixedDouble(t *testing.T) {
	// Typed: nt_vsum("dld", 2.5, 1<<40, 0.125).
	vsum3, err := ffi.Func4[float64, unsafe.Pointer, float64, int64, float32](ffi.Variadic(clibSym(t, "nt_vsum"), 1))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := vsum3(cstr("dld"), 2.5, 1<<40, 0.125), 2.5+2*float64(int64(1)<<40)+3*0.125; got != want {
		t.Errorf("typed nt_vsum = %v, want %v", got, want)
	}
	// Typed promotions: each Go value is read as its own type, then
	// promoted (a wider read would take bytes beyond it: on big-endian
	// s390x the value itself would be lost).
	promo, err := ffi.Func5[float64, unsafe.Pointer, int8, uint16, bool, float32](ffi.Variadic(clibSym(t, "nt_vsum"), 1))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := promo(cstr("iiid"), -3, 65535, true, -0.75), vsum([]any{int8(-3), uint16(65535), true, float32(-0.75)}); got != want {
		t.Errorf("typed promotions: nt_vsum = %v, want %v", got, want)
	}
	// A double among the fixed parameters and a float result:
	// nt_vfixed(0.5, 10, 1.0 ... 10.0) = 0.5 * sum(i*i).
	sig := ffi.Signature{Return: ffi.Float32, Params: []ffi.Kind{ffi.Float64, ffi.Int32}, NumFixed: 2}
	args := []any{0.5, int32(10)}
	want := 0.0
	for i := 1; i <= 10; i++ {
		sig.Params = append(sig.Params, ffi.Float64)
		args = append(args, float64(i))
		want += float64(i * i)
	}
	f, err := clibSym(t, "nt_vfixed").Bind(sig)
	if err != nil {
		t.Fatal(err)
	}
	r, err := f.Call(args...)
	if err != nil {
		t.Fatal(err)
	}
	if got := r.(float32); got != float32(0.5*want) {
		t.Errorf("nt_vfixed = %v, want %v", got, 0.5*want)
	}
}

func TestSnprintf(t *testing.T) {
	libc, err := ffi.Dlopen("libc.so.6", ffi.RTLD_NOW)
	if err != nil {
		t.Fatal(err)
	}
	sym, err := libc.Sym("snprintf")
	if err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 256)
	format := "%g|%lld|%d|%.3f|%s|%g %g %g %g %g %g %g %g"
	vals := []any{2.5, int64(-1234567890123), int32(7), float32(0.25), cstr("str"),
		1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0}
	sig := ffi.Signature{Return: ffi.Int32, Params: []ffi.Kind{ffi.Pointer, ffi.Uintptr, ffi.Pointer}, NumFixed: 3}
	for _, v := range vals {
		_, k := letter(v)
		if _, ok := v.(unsafe.Pointer); ok {
			k = ffi.Pointer
		}
		sig.Params = append(sig.Params, k)
	}
	f, err := sym.Bind(sig)
	if err != nil {
		t.Fatal(err)
	}
	r, err := f.Call(append([]any{unsafe.Pointer(&buf[0]), uintptr(len(buf)), cstr(format)}, vals...)...)
	if err != nil {
		t.Fatal(err)
	}
	got := string(buf[:r.(int32)])
	want := "2.5|-1234567890123|7|0.250|str|1 2 3 4 5 6 7 8"
	if got != want {
		t.Errorf("snprintf = %q, want %q", got, want)
	}
	// Typed, with every argument a double: more than any arch's FP argument registers.
	snprintf, err := ffi.Func13[int32, unsafe.Pointer, uintptr, unsafe.Pointer, float64, float64, float64, float64, float64, float64, float64, float64, float64, float64](ffi.Variadic(sym, 3))
	if err != nil {
		t.Fatal(err)
	}
	n := snprintf(unsafe.Pointer(&buf[0]), uintptr(len(buf)), cstr(strings.Repeat("%.2f ", 10)), 0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5, math.Pi)
	if got, want := string(buf[:n]), "0.50 1.50 2.50 3.50 4.50 5.50 6.50 7.50 8.50 3.14 "; got != want {
		t.Errorf("typed snprintf = %q, want %q", got, want)
	}
}

func TestVariadicBadInput(t *testing.T) {
	sym := clibSym(t, "nt_vsum")
	for _, sig := range []ffi.Signature{
		{Return: ffi.Float64, Params: []ffi.Kind{ffi.Pointer}, NumFixed: 2},
		{Return: ffi.Float64, Params: []ffi.Kind{ffi.Pointer}, NumFixed: -1},
	} {
		if _, err := sym.Bind(sig); err == nil {
			t.Errorf("Bind(%v with NumFixed %d) succeeded", sig, sig.NumFixed)
		}
	}
	if _, err := ffi.Func1[float64, unsafe.Pointer](ffi.Variadic(sym, 0)); err == nil {
		t.Error("Variadic with 0 fixed parameters was accepted")
	}
	_, err := ffi.NewCallback(ffi.Signature{Return: ffi.Int32, Params: []ffi.Kind{ffi.Int32, ffi.Float64}, NumFixed: 1},
		func([]uint64) uint64 { return 0 })
	if err == nil || !strings.Contains(err.Error(), "variadic callback") {
		t.Errorf("variadic callback: err = %v", err)
	}
}
