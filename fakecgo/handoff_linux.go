//go:build !cgo && linux && nocgo_handoff

// Handoff mode (build tag nocgo_handoff): no assembly here references the
// runtime. crosscall2 calls its fn argument itself, as an ABI0 function
// fn(fn, a, ctxt), on the C caller's stack and with no g, instead of
// runtime·cgocallback. Package ffi passes a nosplit function that hands
// the call to a Go-owned thread and parks the C thread until the result is
// back (ffi/handoff_linux.go), so no C thread ever gets an M: the pthread
// key destructor has nothing to drop and returns at once.

package fakecgo

// handoffCallbacks reaches asm_GOARCH.s through go_asm.h as
// const_handoffCallbacks: where it is defined, crosscall2 calls fn
// directly and nocgo_key_destructor returns.
const handoffCallbacks = 1
