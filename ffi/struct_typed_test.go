package ffi_test

// Go struct types as parameters and results of the typed bindings
// (FuncN, CallbackN): the C layout is derived at bind time, a Go layout
// that differs from C's is a bind error, and a call neither reflects nor
// allocates.

import (
	"runtime"
	"testing"
	"unsafe"

	"github.com/nocgo/rules_nocgo/ffi"
)

// Go types of some of nocgotest.c's shapes.
type (
	Rect  struct{ X, Y, W, H int32 } // nt_rect, SDL_Rect
	FRect struct {                   // nt_frect
		Pos  struct{ X, Y float32 }
		Size struct{ W, H float32 }
	}
	Color struct{ R, G, B, A uint8 } // nt_color
	DL    struct {                   // nt_dl
		A float64
		B int64
	}
	Arr struct { // nt_arr
		Tag int8
		V   [3]int16
		F   float32
	}
	D8 struct{ A [8]float64 } // nt_d8
	L8 struct{ A [8]int64 }   // nt_l8
	F2 struct{ A, B float32 } // nt_f2
	FD struct {               // nt_fd: on arm C aligns the double to 8, Go to 4
		A float32
		B float64
	}
	Pad struct { // nt_pad: on arm C aligns the int64 to 8, Go to 4
		A int8
		B int64
		C int16
	}
)

func asBytes[T any](v *T) []byte { return unsafe.Slice((*byte)(unsafe.Pointer(v)), unsafe.Sizeof(*v)) }

func fromBytes[T any](b []byte) T { return *(*T)(unsafe.Pointer(&b[0])) }

// layoutDiffers: the Go types whose layout is not C's on this arch.
func layoutDiffers(name string) bool {
	return runtime.GOARCH == "arm" && (name == "nt_fd" || name == "nt_pad")
}

// typedShape runs the typed bindings of shape name with Go type T, or
// checks that binding T is an error if differs (its Go layout is not C's).
func typedShape[T any](t *testing.T, name string, differs bool) {
	t.Run(name, func(t *testing.T) {
		k := kindOfShape(t, name)
		hash, err := ffi.Func1[uint64, T](clibSym(t, "nt_hash_"+name))
		if differs {
			wantErr(t, err, "add blank padding fields")
			_, err = ffi.Callback1(func(T) int32 { return 0 })
			wantErr(t, err, "add blank padding fields")
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		v := fromBytes[T](makeStruct(k, 777))
		if got, want := hash(v), hashStruct(0, k, makeStruct(k, 777)); got != want {
			t.Errorf("nt_hash_%s: C hashed %#x, want %#x", name, got, want)
		}
		w := fromBytes[T](makeStruct(k, -3))
		hashC, err := ffi.Func10[uint64, int64, int64, int64, int64, int64, int64, int64, T, int64, T](clibSym(t, "nt_hashC_"+name))
		if err != nil {
			t.Fatal(err)
		}
		args := append(ints(7), asBytes(&v), int64(-5), asBytes(&w))
		if got, want := hashC(args[0].(int64), args[1].(int64), args[2].(int64), args[3].(int64), args[4].(int64), args[5].(int64), args[6].(int64), v, -5, w), hashArgs(k, args); got != want {
			t.Errorf("nt_hashC_%s: C hashed %#x, want %#x", name, got, want)
		}
		mk, err := ffi.Func1[T, int32](clibSym(t, "nt_make_"+name))
		if err != nil {
			t.Fatal(err)
		}
		r := mk(4321)
		if err := sameMembers(k, asBytes(&r), makeStruct(k, 4321)); err != nil {
			t.Errorf("nt_make_%s: %v", name, err)
		}
		// C calls a typed Go callback with structs and hashes its result.
		cb, err := ffi.Callback15(func(a1, a2, a3, a4, a5 int64, d1, d2, d3, d4, d5, d6, d7 float64, s T, z int64, u T) T {
			if a1 != 1 || a5 != 5 || d1 != 0.5 || d7 != 6.5 || z != -7 {
				t.Errorf("callback scalars: %d %d %v %v %d", a1, a5, d1, d7, z)
			}
			if err := sameMembers(k, asBytes(&s), makeStruct(k, 55)); err != nil {
				t.Errorf("callback struct argument s: %v", err)
			}
			if err := sameMembers(k, asBytes(&u), makeStruct(k, 56)); err != nil {
				t.Errorf("callback struct argument t: %v", err)
			}
			return fromBytes[T](makeStruct(k, 57))
		})
		if ffi.HandoffMode {
			wantErr(t, err, "not supported in nocgo_handoff mode")
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		defer cb.Free()
		call, err := ffi.Func2[uint64, uintptr, int32](clibSym(t, "nt_callback_"+name))
		if err != nil {
			t.Fatal(err)
		}
		if got, want := call(cb.Ptr(), 55), hashStruct(0, k, makeStruct(k, 57)); got != want {
			t.Errorf("nt_callback_%s: C hashed the callback's result as %#x, want %#x", name, got, want)
		}
	})
}

func kindOfShape(t *testing.T, name string) ffi.Kind {
	for _, s := range shapes(t) {
		if s.name == name {
			return s.kind
		}
	}
	t.Fatalf("no shape %s", name)
	return 0
}

func TestTypedStructs(t *testing.T) {
	typedShape[Rect](t, "nt_rect", layoutDiffers("nt_rect"))
	typedShape[FRect](t, "nt_frect", layoutDiffers("nt_frect"))
	typedShape[Color](t, "nt_color", layoutDiffers("nt_color"))
	typedShape[DL](t, "nt_dl", layoutDiffers("nt_dl"))
	typedShape[Arr](t, "nt_arr", layoutDiffers("nt_arr"))
	typedShape[D8](t, "nt_d8", layoutDiffers("nt_d8"))
	typedShape[L8](t, "nt_l8", layoutDiffers("nt_l8"))
	typedShape[F2](t, "nt_f2", layoutDiffers("nt_f2"))
	typedShape[FD](t, "nt_fd", layoutDiffers("nt_fd"))
	typedShape[Pad](t, "nt_pad", layoutDiffers("nt_pad"))
}

func TestTypedStructBadTypes(t *testing.T) {
	strlen := sym(t, "libc.so.6", "strlen")
	_, err := ffi.Func1[int32, struct{ S string }](strlen)
	wantErr(t, err, "unsupported type string")
	_, err = ffi.Func1[int32, struct{}](strlen)
	wantErr(t, err, "has no fields")
	_, err = ffi.Func1[int32, struct{ _ int32 }](strlen)
	wantErr(t, err, "has no fields")
	_, err = ffi.Func1[int32, [4]int32](strlen)
	wantErr(t, err, "C passes arrays as pointers")
	_, err = ffi.Func0[[4]int32](strlen)
	wantErr(t, err, "cannot return arrays")
	_, err = ffi.Func1[int32, struct{ A [300]byte }](strlen)
	wantErr(t, err, "larger than MaxStructSize")
	_, err = ffi.Func1[int32, string](strlen)
	wantErr(t, err, "unsupported type string")
	wantErr(t, err, "(parameter 0)")
	_, err = ffi.Callback1(func(struct{ C complex128 }) int32 { return 0 })
	wantErr(t, err, "unsupported type complex128")
	_, err = ffi.NewCallbackFunc(func(Rect) int32 { return 0 })
	wantErr(t, err, "NewCallbackFunc does not take structs by value")
}

// A typed call with structs by value does not allocate.
func TestTypedStructCallsDoNotAllocate(t *testing.T) {
	hash, err := ffi.Func1[uint64, Rect](clibSym(t, "nt_hash_nt_rect"))
	if err != nil {
		t.Fatal(err)
	}
	mk, err := ffi.Func1[D8, int32](clibSym(t, "nt_make_nt_d8"))
	if err != nil {
		t.Fatal(err)
	}
	echo, err := ffi.Func13[L8, int64, int64, int64, int64, int64, float64, float64, float64, float64, float64, float64, float64, L8](clibSym(t, "nt_echoA_nt_l8"))
	if err != nil {
		t.Fatal(err)
	}
	r := Rect{1, 2, 3, 4}
	var l L8
	if n := testing.AllocsPerRun(200, func() {
		hash(r)
		mk(5)
		l = echo(1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 6, 7, l)
	}); n != 0 {
		t.Errorf("%v allocations per typed struct call", n)
	}
}
