//go:build !cgo && linux

#include "textflag.h"
#include "go_asm.h"	// const_handoffCallbacks: handoff_linux.go

// s390x ELF ABI, as used by C on linux/s390x (ELF Application Binary
// Interface s390x Supplement, "Function Calling Sequence"):
//   integer arguments  R2-R6, result R2
//   float arguments    F0 F2 F4 F6, result F0
//   return address     R14; a call pushes nothing
//   callee-saved       R6-R13, R15 (SP), F8-F15; R6 carries the fifth
//                      integer argument and must still be restored
//   the caller provides the callee a 160-byte register save area at
//   0(R15) (back chain at 0, R6-R15 at 48-127, F0-F6 at 128-159), so
//   stack arguments start at 160(R15); SP is 8-byte aligned; there is no
//   red zone, nothing may be stored below SP.
// Go ABI0 saves no register across a call and keeps g in R13, which C
// treats as an ordinary callee-saved register; its arguments start at
// 8(R15), 0(R15) being the slot for the caller's own return address. Go
// code also expects R0 to be zero where assembly uses it as a constant
// (the runtime clears it after every C call), so each C -> Go transition
// below saves R6-R15 and F8-F15 itself and clears R0.

// Frame of crosscall2 and cToGo, 96 bytes, below the caller's save area
// (R6-R15 go into that area, at 48(R15) on entry):
//   0      unused (a Go caller's return-address slot)
//   8-24   the ABI0 arguments of the Go function called
//   32-88  F8-F15
#define FRAME	96

#define SAVE_C_REGS \
	STMG	R6, R15, 48(R15); \
	MOVD	$-FRAME(R15), R15; \
	FMOVD	F8, 32(R15); \
	FMOVD	F9, 40(R15); \
	FMOVD	F10, 48(R15); \
	FMOVD	F11, 56(R15); \
	FMOVD	F12, 64(R15); \
	FMOVD	F13, 72(R15); \
	FMOVD	F14, 80(R15); \
	FMOVD	F15, 88(R15)

// LMG reloads R14 and R15 too: afterwards SP and the return address are
// the caller's again.
#define RESTORE_C_REGS \
	FMOVD	32(R15), F8; \
	FMOVD	40(R15), F9; \
	FMOVD	48(R15), F10; \
	FMOVD	56(R15), F11; \
	FMOVD	64(R15), F12; \
	FMOVD	72(R15), F13; \
	FMOVD	80(R15), F14; \
	FMOVD	88(R15), F15; \
	MOVD	$FRAME(R15), R15; \
	LMG	48(R15), R6, R15

// crosscall2(fn, a unsafe.Pointer, n int32, ctxt uintptr)
//
// Called from C (callback entries of the packages above, and the pthread key
// destructor) to run Go code: it saves what C expects to survive and calls
// runtime·cgocallback(fn, a, ctxt), which finds or borrows an M and g for
// this thread (g comes from TLS: no load_g here) and calls fn(a) on the
// goroutine stack. fn == nil with a == g means "the thread is exiting:
// drop its M".
TEXT crosscall2(SB), NOSPLIT|NOFRAME, $0-0
	SAVE_C_REGS
	XOR	R0, R0
	MOVD	R2, 8(R15)	// fn
	MOVD	R3, 16(R15)	// a (n, in R4, is not passed on)
	MOVD	R5, 24(R15)	// ctxt
#ifdef const_handoffCallbacks
	BL	(R2)	// fn(fn, a, ctxt), ABI0, on this C stack
#else
	BL	runtime·cgocallback(SB)
#endif
	RESTORE_C_REGS
	RET

// cToGo runs a Go (ABI0) function in R1 with the first two C arguments,
// R2 and R3, as its arguments, for the runtime hooks below. It may run
// with no g at all (a thread that has just started): the Go side is
// nosplit and never allocates.
TEXT cToGo<>(SB), NOSPLIT|NOFRAME, $0-0
	SAVE_C_REGS
	XOR	R0, R0
	MOVD	R2, 8(R15)	// first argument
	MOVD	R3, 16(R15)	// second argument
	BL	(R1)
	RESTORE_C_REGS
	MOVD	$0, R2	// the hooks return void; a pthread start routine returns NULL
	RET

// The C-callable runtime hooks (see hooks_linux.go). R1 is a scratch
// register in both conventions and carries no C argument.

TEXT nocgo_init(SB), NOSPLIT|NOFRAME, $0-0
	MOVD	R3, runtimeSetg<>(SB)	// the runtime's setg_gcc
	MOVD	$setgAndLoad<>(SB), R3	// what cgoInit records as setg instead
	MOVD	$·cgoInitS390x(SB), R1	// (g0, setg)
	BR	cToGo<>(SB)

// setgAndLoad(g) is the setg that new threads call (threadEntry) before
// runtime.mstart. The runtime's setg_gcc on s390x only stores g in TLS: it
// puts the old R13 back, as the C ABI says, while mstart expects g in R13
// already (runtime/cgo loads R13 itself before it calls setg_gcc). So
// this wrapper calls setg_gcc and then, on purpose, returns with R13 = g,
// like setg_gcc does for the g register on other GOARCHes. Its caller is
// Go code (call6), which does not expect R13 preserved.
TEXT setgAndLoad<>(SB), NOSPLIT|NOFRAME, $0-0
	MOVD	R2, 16(R15)	// g, in the R2 slot of our caller's save area
	MOVD	R14, 112(R15)	// our return address, in the R14 slot
	MOVD	runtimeSetg<>(SB), R1
	BL	(R1)
	MOVD	112(R15), R14
	MOVD	16(R15), g	// R13 = g
	RET

GLOBL	runtimeSetg<>(SB), NOPTR, $8

// The hooks that run a Go function through cToGo: zhooks.h lists them,
// generated with zhooks_linux.go by internal/cmd/libcgen.
#define HOOK(entry, fn) \
	TEXT entry(SB), NOSPLIT|NOFRAME, $0-0; \
	MOVD	$fn(SB), R1; \
	BR	cToGo<>(SB)
#define HOOK_BY_HAND_nocgo_init
#include "zhooks.h"

// nocgo_key_destructor(g) runs when a thread holding a bound M exits:
// crosscall2(nil, g, 0, 0) makes cgocallback drop the M.
TEXT nocgo_key_destructor(SB), NOSPLIT|NOFRAME, $0-0
#ifdef const_handoffCallbacks
	RET	// handoff mode binds no M to a C thread: nothing to drop
#endif
	MOVD	R2, R3	// a = g
	MOVD	$0, R2	// fn = nil
	MOVD	$0, R4	// n
	MOVD	$0, R5	// ctxt
	BR	crosscall2(SB)

// func call6(fn *byte, a1, a2, a3, a4, a5, a6 uintptr) uintptr
//
// NOFRAME: the frame is built by hand, in C's layout. The old SP and R14
// are kept on the stack, not in callee-saved registers: fn may be Go code
// (setg_gcc, mstart), which does not preserve registers. With no frame,
// the arguments are at 8(R15) on entry, which is where x+0(FP) points.
//
// Frame, 184 bytes:
//   0-159  register save area for fn (0: back chain, cleared)
//   160    a6: C has only five integer argument registers
//   168    the caller's SP
//   176    our return address
TEXT ·call6(SB), NOSPLIT|NOFRAME, $0-64
	MOVD	fn+0(FP), R1
	MOVD	a1+8(FP), R2
	MOVD	a2+16(FP), R3
	MOVD	a3+24(FP), R4
	MOVD	a4+32(FP), R5
	MOVD	a5+40(FP), R6
	MOVD	a6+48(FP), R7
	MOVD	R15, R8
	MOVD	$-184(R15), R15	// Go keeps SP 8-byte aligned, as C wants
	MOVD	$0, 0(R15)	// back chain: end of the C stack walk
	MOVD	R7, 160(R15)	// a6, the first stack argument
	MOVD	R8, 168(R15)	// the caller's SP
	MOVD	R14, 176(R15)	// our return address
	BL	(R1)
	XOR	R0, R0
	MOVD	176(R15), R14
	MOVD	168(R15), R15	// back to the caller's SP: x+n(FP) is valid again
	MOVD	R2, ret+56(FP)
	RET
