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
// CallbackSlots entries; Free returns one. A panic in a callback called
// on the goroutine that called C unwinds into that Go caller, where it
// can be recovered, as with cgo; on a thread C created it ends the
// program. (Built with the nocgo_handoff tag, callbacks behave
// differently: see Handoff mode below.)
//
// # Memory
//
// Go memory passed to C as an unsafe.Pointer argument (typed bindings and
// Call) stays alive until the C function returns, even if C calls back
// into Go and the collector runs meanwhile. CallRaw takes integers, which
// keep nothing alive. If C keeps a pointer after it returns, pin the
// memory (runtime.Pinner) for as long as C uses it, and never pass Go
// memory that itself holds Go pointers unless they are pinned too: the
// same rules as cgo's.
//
// A Callback handle may be copied: every copy names one callback, and the
// first Free of any copy releases it; more Frees, and Free of the zero
// Callback, do nothing. Freed slots are given to new callbacks last and
// oldest first, and until a slot is reused, C calling its old pointer
// ends the program with a message naming the slot instead of running
// another callback.
//
// # Variadic functions
//
// A variadic C function is bound with its number of fixed parameters, and
// the types of one call's variable arguments after them:
//
//	sym, err := libc.Sym("snprintf")
//	snprintf, err := ffi.Func5[int32, unsafe.Pointer, uintptr, unsafe.Pointer, float64, int64](ffi.Variadic(sym, 3))
//	n := snprintf(buf, size, format, 2.5, 42) // format: "%g %lld"
//
// or Signature.NumFixed in the dynamic form. Each ABI's rule for variable
// arguments is applied (amd64's AL count, arm's base standard, floats in
// integer registers on riscv64 and loong64, ppc64le's parameter save
// area), after C's default argument promotions: float32 is passed as
// double, integers narrower than int as int. Callbacks cannot be variadic.
//
// # Structs by value
//
// A Go struct type whose layout is C's can be a parameter or result of
// the typed bindings, in calls and callbacks:
//
//	type Rect struct{ X, Y, W, H int32 } // SDL_Rect
//	union, err := ffi.Func2[Rect, Rect, Rect](sym) // Rect r = union_rect(Rect a, Rect b)
//	r := union(Rect{0, 0, 10, 10}, Rect{5, 5, 10, 10})
//
// Its C layout is derived at bind time, by reflection done once; calling
// reflects on nothing and allocates nothing. Fields may be integers,
// bool, uintptr, pointers, float32, float64, arrays of those and nested
// structs of those; blank fields (_) are padding, not C members. Where Go
// lays a struct out differently from C, binding fails and says where: on
// arm, C aligns int64, uint64 and float64 fields to 8 bytes and Go to 4,
// so struct{ A int32; B float64 } is an error there, and
// struct{ A int32; _ [4]byte; B float64 } works everywhere.
//
// The dynamic form builds the same kinds from field kinds, nested structs
// and fixed arrays (ArrayOf); a struct value is its bytes in C layout
// (Kind.Size, Kind.Offset):
//
//	rect, err := ffi.StructOf(ffi.Int32, ffi.Int32, ffi.Int32, ffi.Int32)
//	f, err := sym.Bind(ffi.Signature{Return: rect, Params: []ffi.Kind{rect, rect}})
//	r, err := f.Call(aBytes, bBytes) // []byte or unsafe.Pointer in, []byte out (or CallInto)
//
// Every ABI's rules for aggregates are followed as its C compiler applies
// them (abi_GOARCH.go says how, next to the code): registers by class,
// homogeneous float aggregates, splits between registers and stack,
// copies passed by reference and hidden result pointers.
//
// C types that no Kind or Go type expresses cannot be passed: unions,
// bitfields, long double, _Complex, vector types, flexible array members,
// packed or over-aligned structs. Rejected with an error at StructOf,
// ArrayOf or bind time: a struct with no fields (or only blank ones: C has
// no empty structs), one larger than MaxStructSize (256) bytes, an array
// as a parameter or result (C passes a pointer), a Go field of another
// type (string, slice, map, interface, complex, ...), a Go layout that
// differs from C's, and arguments that need more than the stack words a
// call has. NewCallbackFunc and CallRaw's results take no structs.
//
// # errno
//
// CaptureErrno runs a function that calls C and returns C's errno as that
// call left it, read on the thread that made the call:
//
//	err := ffi.CaptureErrno(func() { r = closeFd(fd) }) // e.g. syscall.EBADF
//
// # Types and bad input
//
// Supported types are the Kinds: integers of every width, uintptr,
// unsafe.Pointer, float32, float64 and bool (C's _Bool, read from the low
// byte: a Go bool never holds anything but 0 or 1), and structs of them
// (see above). Binding never crashes on bad input: an
// unknown library or symbol, a name with a NUL byte, a nil pointer, an
// unsupported type, more than MaxArgs arguments, a nil callback function
// or a full callback table are errors, and so is a Call argument that its
// kind cannot hold (300 as Uint8): nothing is silently truncated.
// Library.Close is safe to call from many goroutines and more than once;
// Sym on a closed Library is an error.
//
// # Handoff mode
//
// (Callbacks with structs by value are not supported in this mode yet:
// binding one is an error.)
//
// Built with -tags nocgo_handoff, callbacks reach Go without any
// reference to a runtime symbol from fakecgo's or ffi's assembly (no
// runtime·cgocallback, no runtime·load_g) and without any linker flag, on
// every SDK: also on one where runtime.cgocallback is std-only, such as
// 1.27.3-strict, where the default mode needs
// -asmflags=<fakecgo>=-std. The API is the same; what changes is where a
// callback runs. A C call into a callback goes like this:
//
//	step  C caller's thread                       Go side
//	1     callback entry: C argument registers    a server goroutine sleeps in
//	      and the stack-argument address saved    futex_wait on the pool's "posted"
//	      in a frame on this thread's own stack   word (a blocking system call)
//	2     crosscall2 saves C's callee-saved
//	      registers and calls handoffEnter
//	      (nosplit Go, needs no g or M)
//	3     claims a free request record (CAS),
//	      stores the frame's address in it,
//	      marks it posted, futex_wake(posted)
//	4     futex_wait on the record: parked        a server wakes and takes the record;
//	                                              if that leaves no server idle, it
//	                                              starts another
//	5                                             reads the arguments from the frame,
//	                                              runs the Go function, writes the
//	                                              result registers into the frame
//	6                                             marks the record done,
//	                                              futex_wake(record)
//	7     wakes, frees the record, returns the    the server waits again (it exits
//	      result registers to C                   if two others already wait)
//
// Which thread: a callback always runs on a server goroutine, on an OS
// thread Go owns, never on the thread of the C code that called it — also
// when that C code was called from Go (the default mode runs it on the
// caller's thread). C thread-local state the callback sees (errno,
// __thread variables, gettid, pthread_self) is the server thread's.
//
// runtime.LockOSThread: in the Go code that calls C it keeps that code
// and the C it calls on one thread, but callbacks still run elsewhere, so
// a library that needs its callbacks on its own thread (many GUI and GL
// toolkits) needs the default mode. Inside a callback it locks the server
// goroutine to the server's thread; left locked, that server keeps the
// thread for its later callbacks, and the thread ends when the server
// does.
//
// Re-entrancy: a callback may call C that calls back again (C -> Go -> C
// -> Go ...), and many C threads may call back at once. Each callback in
// flight holds a request record and parks its C thread; a server that
// takes a record and leaves no other server idle starts one more, so a
// nested call always finds a server. At most 256 callbacks may be in
// flight at once, nested and concurrent together: one more ends the
// program with "ffi: nocgo_handoff: too many callbacks in flight at once"
// (waiting instead could deadlock a nested call). Each level in flight
// holds an OS thread, which on 386 and arm (4 GiB address space, 8 MiB
// thread stacks) bounds deep nesting further.
//
// GOMAXPROCS=1 works: the goroutine that called C is inside
// runtime.cgocall, which puts it in the system call state, so its P can
// be handed to the server that runs the callback (and a thread C created
// holds no P at all). A server waits for work in a blocking system call
// for the same reason.
//
// Panics: a panic in a callback ends the program, since the server
// goroutine has no Go caller to unwind into. Recover inside the callback
// to keep going.
//
// Memory: the arguments and the result travel through the frame on the C
// caller's stack, which stays put while that thread is parked; a record
// holds only the frame's address. No Go pointer is stored in C memory.
//
// Cost: two futex wake-ups and two thread switches per callback, tens of
// microseconds against well under one in the default mode (tools/bench
// measures both; README.md, Benchmarks).
//
// How each ABI is followed is written next to its code, in abi_GOARCH.go
// (where arguments go) and asm_GOARCH.s (loading and saving registers).
package ffi
