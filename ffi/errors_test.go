package ffi_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/nocgo/rules_nocgo/ffi"
)

func wantErr(t *testing.T, err error, substr string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want one containing %q", substr)
	}
	if !strings.Contains(err.Error(), substr) {
		t.Fatalf("error %q does not contain %q", err, substr)
	}
}

func TestUnknownLibraryAndSymbol(t *testing.T) {
	_, err := ffi.Dlopen("libdoes-not-exist.so.7", ffi.RTLD_NOW)
	wantErr(t, err, "libdoes-not-exist.so.7: cannot open shared object file") // dlerror's text
	lib, err := ffi.Dlopen("libc.so.6", ffi.RTLD_NOW)
	if err != nil {
		t.Fatal(err)
	}
	_, err = lib.Sym("no_such_function_here")
	wantErr(t, err, "undefined symbol: no_such_function_here")
	var nilLib *ffi.Library
	_, err = nilLib.Sym("strlen")
	wantErr(t, err, "nil Library")
}

func TestBadSignatures(t *testing.T) {
	_, err := ffi.Func1[int32, int32](ffi.Symbol(0))
	wantErr(t, err, "nil function pointer")
	_, err = ffi.Func1[int32, int32](nil)
	wantErr(t, err, "nil function pointer")
	_, err = ffi.Func1[int32, int32](ffi.Variadic(ffi.Symbol(0), 1))
	wantErr(t, err, "nil function pointer")
	_, err = ffi.Symbol(0).Bind(ffi.Signature{Return: ffi.Int32})
	wantErr(t, err, "nil function pointer")

	strlen := sym(t, "libc.so.6", "strlen")
	tooMany := make([]ffi.Kind, ffi.MaxArgs+1)
	for i := range tooMany {
		tooMany[i] = ffi.Int32
	}
	_, err = strlen.Bind(ffi.Signature{Return: ffi.Int32, Params: tooMany})
	wantErr(t, err, "17 parameters: at most 16")
	_, err = strlen.Bind(ffi.Signature{Return: ffi.Int32, Params: []ffi.Kind{ffi.Void}})
	wantErr(t, err, "parameter 0: unsupported kind void")
	_, err = strlen.Bind(ffi.Signature{Return: ffi.Kind(99)})
	wantErr(t, err, "unsupported result kind Kind(99)")

	f, err := strlen.Bind(ffi.Signature{Return: ffi.Uintptr, Params: []ffi.Kind{ffi.Pointer}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.Call()
	wantErr(t, err, "called with 0 arguments")
	_, err = f.Call("a Go string")
	wantErr(t, err, "unsupported Go type string")
	_, err = f.Call(1.5)
	wantErr(t, err, "float for pointer parameter")
}

func TestBadCallbacks(t *testing.T) {
	_, err := ffi.Callback1[int32, int32](nil)
	wantErr(t, err, "nil callback function")
	_, err = ffi.NewCallback(ffi.Signature{Return: ffi.Int32}, nil)
	wantErr(t, err, "nil callback function")
	_, err = ffi.NewCallbackFunc(nil)
	wantErr(t, err, "nil callback function")
	_, err = ffi.NewCallbackFunc(42)
	wantErr(t, err, "nil callback function")
	_, err = ffi.NewCallbackFunc(func(s string) {})
	wantErr(t, err, "unsupported type string")
	_, err = ffi.NewCallbackFunc(func() (int32, int32) { return 0, 0 })
	wantErr(t, err, "has 2 results")
	_, err = ffi.NewCallbackFunc(func(...int32) {})
	wantErr(t, err, "variadic")
}

func TestCallbackTableFull(t *testing.T) {
	var cbs []*ffi.Callback
	defer func() {
		for _, cb := range cbs {
			cb.Free()
		}
	}()
	free := ffi.CallbackSlots - ffi.LiveCallbacks()
	var err error
	for len(cbs) <= ffi.CallbackSlots {
		var cb *ffi.Callback
		cb, err = ffi.VoidCallback0(func() {})
		if err != nil {
			break
		}
		cbs = append(cbs, cb)
	}
	if !errors.Is(err, ffi.ErrCallbackTableFull) {
		t.Fatalf("after %d callbacks: err = %v, want ErrCallbackTableFull", len(cbs), err)
	}
	if len(cbs) != free {
		t.Fatalf("table full after %d callbacks, want exactly the %d free slots", len(cbs), free)
	}
	// Freeing one makes room again, and the freed slot's entry works.
	cbs[7].Free()
	called := false
	cb, err := ffi.Callback1(func(x int32) int32 { called = true; return x * 2 })
	if err != nil {
		t.Fatalf("after Free: %v", err)
	}
	cbs[7] = cb
	call, err := ffi.Func2[int32, uintptr, int32](clibSym(t, "nt_call_noop"))
	if err != nil {
		t.Fatal(err)
	}
	// nt_call_noop(f, 3) = f(0) + f(1) + f(2)
	if got := call(cb.Ptr(), 3); got != 6 || !called {
		t.Fatalf("reused slot: got %d (called %v), want 6", got, called)
	}
}
