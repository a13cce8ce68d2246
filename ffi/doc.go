// Package ffi calls C functions from Go programs built with
// CGO_ENABLED=0, and lets C call Go functions back, on linux amd64, 386,
// arm, arm64, loong64, ppc64le, riscv64 and s390x.
//
// Load a library and bind a function with a typed signature:
//
//	lib, err := ffi.Dlopen("libm.so.6", ffi.RTLD_NOW)
//	sym, err := lib.Sym("ldexp")
//	ldexp, err := ffi.Func2[float64, float64, int32](sym)
//	fmt.Println(ldexp(1.5, 4)) // 24
//
// FuncN and VoidFuncN (N = 0..16) return ordinary Go functions. Calling
// one does no reflection and allocates nothing: arguments are placed
// where the platform's C ABI wants them (registers, stack slots, register
// pairs) by a plan computed once at bind time.
//
// Signatures only known at run time use the dynamic form:
//
//	f, err := sym.Bind(ffi.Signature{Return: ffi.Float64, Params: []ffi.Kind{ffi.Float64, ffi.Int32}})
//	r, err := f.Call(1.5, int32(4)) // r.(float64) == 24
//
// Callbacks turn Go functions into C function pointers:
//
//	cmp, err := ffi.Callback2[int32, unsafe.Pointer, unsafe.Pointer](func(a, b unsafe.Pointer) int32 { ... })
//	defer cmp.Free()
//	qsort(base, n, size, cmp.Ptr())
//
// A callback may be called from the goroutine that called into C, from
// any other thread C creates, and from many threads at once. There are
// CallbackSlots entries; Free returns one.
//
// Supported types are the Kinds: integers of every width, uintptr,
// unsafe.Pointer, float32 and float64 (structs by value and variadic
// arguments are not). Binding never crashes on bad input: an unknown
// library or symbol, a nil pointer, an unsupported type, more than
// MaxArgs arguments, a nil callback function or a full callback table
// are errors.
//
// How each ABI is followed is written next to its code, in abi_GOARCH.go
// (where arguments go) and asm_GOARCH.s (loading and saving registers).
package ffi
