//go:build !cgo && linux

#include "textflag.h"
#include "go_asm.h"	// const_handoffCallbacks: handoff_linux.go

// AAPCS32 with the VFP (hard-float) variant, as used by C on linux/arm
// gnueabihf (IHI 0042, "Procedure Call Standard for the Arm
// Architecture", sections 6.1 and 6.5):
//   integer arguments  r0-r3, then the stack from [sp] up; result r0
//   callee-saved       r4-r11 and d8-d15 (and sp); r12 (ip), lr and
//                      d0-d7, d16-d31 are scratch
//   sp is 8-byte aligned at every call across a public interface; there
//   is no red zone.
// Go ABI0 on arm passes arguments on the stack: at a BL, 0(R13) is the
// slot where the callee saves lr and the arguments start at 4(R13). Go
// code saves no register across a call and keeps g in R10, so each
// C -> Go transition below saves r4-r11 and d8-d15 itself. In Go
// assembly R11 is REGTMP, F<n> is d<n>.

// crosscall2(fn, a unsafe.Pointer, n int32, ctxt uintptr)
//
// Called from C (callback entries of the packages above, and the pthread key
// destructor) to run Go code: it saves what C expects to survive and calls
// runtime·cgocallback(fn, a, ctxt), which finds or borrows an M and g for
// this thread (with iscgo set it loads g from TLS itself, so R10 may hold
// anything on entry: no load_g here) and calls fn(a) on the goroutine
// stack. fn == nil with a == g means "the thread is exiting: drop its M"
// (cgocallback then takes g from a, not from TLS).
//
// Frame, 120 bytes from the new sp (8-byte aligned again, as it is on
// entry):
//   0       lr slot of cgocallback's caller (Go ABI0)
//   4..15   fn, a, ctxt: cgocallback's arguments
//   16..79  d8-d15
//   80..83  padding
//   84..119 r4-r11, lr (pushed first)
TEXT crosscall2(SB), NOSPLIT|NOFRAME, $0-0
	MOVM.DB.W	[R4-R11, R14], (R13)	// C callee-saved registers, return address
	SUB	$84, R13
	MOVW	R0, 4(R13)	// fn
	MOVW	R1, 8(R13)	// a (n, in r2, is not passed on)
	MOVW	R3, 12(R13)	// ctxt
	MOVD	F8, 16(R13)	// d8-d15: callee-saved in C, scratch in Go
	MOVD	F9, 24(R13)
	MOVD	F10, 32(R13)
	MOVD	F11, 40(R13)
	MOVD	F12, 48(R13)
	MOVD	F13, 56(R13)
	MOVD	F14, 64(R13)
	MOVD	F15, 72(R13)
#ifdef const_handoffCallbacks
	BL	(R0)	// fn(fn, a, ctxt), ABI0, on this C stack
#else
	BL	runtime·cgocallback(SB)
#endif
	MOVD	16(R13), F8
	MOVD	24(R13), F9
	MOVD	32(R13), F10
	MOVD	40(R13), F11
	MOVD	48(R13), F12
	MOVD	56(R13), F13
	MOVD	64(R13), F14
	MOVD	72(R13), F15
	ADD	$84, R13
	// Popping the return address into pc returns in the caller's
	// instruction set (ARM or Thumb).
	MOVM.IA.W	(R13), [R4-R11, R15]

// cToGo runs a Go (ABI0) function in R12 with the first two C arguments,
// r0 and r1, as its arguments, for the runtime hooks below. It may run
// with no g at all (a thread that has just started): the Go side is
// nosplit, never allocates and does not use g.
//
// Frame, 112 bytes (8-byte aligned):
//   0       lr slot of the Go function's caller
//   4..11   the two arguments
//   12..75  d8-d15
//   76..111 r4-r11, lr (pushed first)
TEXT cToGo<>(SB), NOSPLIT|NOFRAME, $0-0
	MOVM.DB.W	[R4-R11, R14], (R13)	// C callee-saved registers, return address
	SUB	$76, R13
	MOVW	R0, 4(R13)	// first argument
	MOVW	R1, 8(R13)	// second argument
	MOVD	F8, 12(R13)	// d8-d15
	MOVD	F9, 20(R13)
	MOVD	F10, 28(R13)
	MOVD	F11, 36(R13)
	MOVD	F12, 44(R13)
	MOVD	F13, 52(R13)
	MOVD	F14, 60(R13)
	MOVD	F15, 68(R13)
	BL	(R12)
	MOVD	12(R13), F8
	MOVD	20(R13), F9
	MOVD	28(R13), F10
	MOVD	36(R13), F11
	MOVD	44(R13), F12
	MOVD	52(R13), F13
	MOVD	60(R13), F14
	MOVD	68(R13), F15
	ADD	$76, R13
	MOVW	$0, R0	// the hooks return void; a pthread start routine returns NULL
	MOVM.IA.W	(R13), [R4-R11, R15]

// The C-callable runtime hooks (see hooks_linux.go). R12 (ip) is scratch
// at a C call, so it can carry the Go function to cToGo.

// The hooks that run a Go function through cToGo: zhooks.h lists them,
// generated with zhooks_linux.go by internal/cmd/libcgen.
#define HOOK(entry, fn) \
	TEXT entry(SB), NOSPLIT|NOFRAME, $0-0; \
	MOVW	$fn(SB), R12; \
	B	cToGo<>(SB)
#include "zhooks.h"

// nocgo_key_destructor(g) runs when a thread holding a bound M exits:
// crosscall2(nil, g, 0, 0) makes cgocallback drop the M.
TEXT nocgo_key_destructor(SB), NOSPLIT|NOFRAME, $0-0
#ifdef const_handoffCallbacks
	RET	// handoff mode binds no M to a C thread: nothing to drop
#endif
	MOVW	R0, R1	// a = g
	MOVW	$0, R0	// fn = nil
	MOVW	$0, R2	// n
	MOVW	$0, R3	// ctxt
	B	crosscall2(SB)

// func call6(fn *byte, a1, a2, a3, a4, a5, a6 uintptr) uintptr
//
// a1-a4 go in r0-r3, a5 and a6 in the first two stack words at [sp].
TEXT ·call6(SB), NOSPLIT|NOFRAME, $0-32
	MOVW	fn+0(FP), R12
	MOVW	a5+20(FP), R4
	MOVW	a6+24(FP), R5
	MOVW	a1+4(FP), R0
	MOVW	a2+8(FP), R1
	MOVW	a3+12(FP), R2
	MOVW	a4+16(FP), R3
	// Align sp for C and keep the old sp and lr on the stack, not in
	// callee-saved registers: fn may be Go code (setg_gcc, mstart),
	// which does not preserve registers.
	MOVW	R13, R6
	SUB	$16, R13
	BIC	$7, R13
	MOVW	R4, 0(R13)	// a5
	MOVW	R5, 4(R13)	// a6
	MOVW	R6, 8(R13)	// old sp
	MOVW	R14, 12(R13)	// return address
	BL	(R12)	// BLX: fn may be Thumb code
	MOVW	12(R13), R14
	MOVW	8(R13), R13
	MOVW	R0, ret+28(FP)
	RET
