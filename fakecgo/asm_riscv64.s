//go:build !cgo && linux

#include "textflag.h"
#include "go_asm.h"	// const_handoffCallbacks: handoff_linux.go

// RISC-V LP64D calling convention, as used by C on linux/riscv64 (RISC-V
// ELF psABI specification, "Procedure Calling Convention"):
//   integer arguments  A0-A7 (X10-X17), result A0 (A1)
//   float arguments    FA0-FA7 (F10-F17), result FA0
//   return address     RA (X1); nothing is pushed by a call
//   callee-saved       S0-S11 (X8 X9 X18-X27), FS0-FS11 (F8 F9 F18-F27), SP
//   SP is 16-byte aligned at every call; there is no red zone, and stack
//   arguments start at 0(SP) on entry.
// Go ABI0 saves no register across a call and keeps g in X27 (S11), which
// C treats as an ordinary callee-saved register; its arguments start at
// 8(SP), 0(SP) being the slot for the caller's own return address. So
// each C -> Go transition below saves all of S0-S11 and FS0-FS11 itself.

// Frame of crosscall2 and cToGo, 224 bytes (a multiple of 16):
//   0      RA
//   8-24   the ABI0 arguments of the Go function called
//   32-120 X8 X9 X18-X26 g
//   128-216 F8 F9 F18-F27
#define FRAME	224

#define SAVE_C_REGS \
	MOV	X8, 32(X2); \
	MOV	X9, 40(X2); \
	MOV	X18, 48(X2); \
	MOV	X19, 56(X2); \
	MOV	X20, 64(X2); \
	MOV	X21, 72(X2); \
	MOV	X22, 80(X2); \
	MOV	X23, 88(X2); \
	MOV	X24, 96(X2); \
	MOV	X25, 104(X2); \
	MOV	X26, 112(X2); \
	MOV	g, 120(X2); \
	MOVD	F8, 128(X2); \
	MOVD	F9, 136(X2); \
	MOVD	F18, 144(X2); \
	MOVD	F19, 152(X2); \
	MOVD	F20, 160(X2); \
	MOVD	F21, 168(X2); \
	MOVD	F22, 176(X2); \
	MOVD	F23, 184(X2); \
	MOVD	F24, 192(X2); \
	MOVD	F25, 200(X2); \
	MOVD	F26, 208(X2); \
	MOVD	F27, 216(X2)

#define RESTORE_C_REGS \
	MOV	32(X2), X8; \
	MOV	40(X2), X9; \
	MOV	48(X2), X18; \
	MOV	56(X2), X19; \
	MOV	64(X2), X20; \
	MOV	72(X2), X21; \
	MOV	80(X2), X22; \
	MOV	88(X2), X23; \
	MOV	96(X2), X24; \
	MOV	104(X2), X25; \
	MOV	112(X2), X26; \
	MOV	120(X2), g; \
	MOVD	128(X2), F8; \
	MOVD	136(X2), F9; \
	MOVD	144(X2), F18; \
	MOVD	152(X2), F19; \
	MOVD	160(X2), F20; \
	MOVD	168(X2), F21; \
	MOVD	176(X2), F22; \
	MOVD	184(X2), F23; \
	MOVD	192(X2), F24; \
	MOVD	200(X2), F25; \
	MOVD	208(X2), F26; \
	MOVD	216(X2), F27

// crosscall2(fn, a unsafe.Pointer, n int32, ctxt uintptr)
//
// Called from C (callback entries of the packages above, and the pthread key
// destructor) to run Go code: it saves what C expects to survive and calls
// runtime·cgocallback(fn, a, ctxt), which finds or borrows an M and g for
// this thread (g comes from TLS: no load_g here) and calls fn(a) on the
// goroutine stack. fn == nil with a == g means "the thread is exiting:
// drop its M".
TEXT crosscall2(SB), NOSPLIT|NOFRAME, $0-0
	ADD	$-FRAME, X2
	MOV	RA, 0(X2)	// return address into C
	MOV	A0, 8(X2)	// fn
	MOV	A1, 16(X2)	// a (n, in A2, is not passed on)
	MOV	A3, 24(X2)	// ctxt
	SAVE_C_REGS
#ifdef const_handoffCallbacks
	JALR	RA, (A0)	// fn(fn, a, ctxt), ABI0, on this C stack
#else
	CALL	runtime·cgocallback(SB)
#endif
	RESTORE_C_REGS
	MOV	0(X2), RA
	ADD	$FRAME, X2
	RET

// cToGo runs a Go (ABI0) function in X5 with the first two C arguments,
// A0 and A1, as its arguments, for the runtime hooks below. It may run
// with no g at all (a thread that has just started): the Go side is
// nosplit and never allocates.
TEXT cToGo<>(SB), NOSPLIT|NOFRAME, $0-0
	ADD	$-FRAME, X2
	MOV	RA, 0(X2)	// return address into C
	MOV	A0, 8(X2)	// first argument
	MOV	A1, 16(X2)	// second argument
	SAVE_C_REGS
	JALR	RA, (X5)
	RESTORE_C_REGS
	MOV	0(X2), RA
	ADD	$FRAME, X2
	MOV	ZERO, A0	// the hooks return void; a pthread start routine returns NULL
	RET

// The C-callable runtime hooks (see hooks_linux.go). X5 (T0) is a
// temporary in both conventions; a far JMP goes through X31, not X5.

// The hooks that run a Go function through cToGo: zhooks.h lists them,
// generated with zhooks_linux.go by internal/cmd/libcgen.
#define HOOK(entry, fn) \
	TEXT entry(SB), NOSPLIT|NOFRAME, $0-0; \
	MOV	$fn(SB), X5; \
	JMP	cToGo<>(SB)
#include "zhooks.h"

// nocgo_key_destructor(g) runs when a thread holding a bound M exits:
// crosscall2(nil, g, 0, 0) makes cgocallback drop the M.
TEXT nocgo_key_destructor(SB), NOSPLIT|NOFRAME, $0-0
#ifdef const_handoffCallbacks
	RET	// handoff mode binds no M to a C thread: nothing to drop
#endif
	MOV	A0, A1	// a = g
	MOV	ZERO, A0	// fn = nil
	MOV	ZERO, A2	// n
	MOV	ZERO, A3	// ctxt
	JMP	crosscall2(SB)

// func call6(fn *byte, a1, a2, a3, a4, a5, a6 uintptr) uintptr
//
// NOFRAME: the frame is built by hand, aligned for C. The old SP and RA
// are kept on the stack, not in callee-saved registers: fn may be Go code
// (setg_gcc, mstart), which does not preserve registers. With no frame,
// the arguments are at 8(SP) on entry, which is where x+0(FP) points.
TEXT ·call6(SB), NOSPLIT|NOFRAME, $0-64
	MOV	fn+0(FP), X5
	MOV	a1+8(FP), A0
	MOV	a2+16(FP), A1
	MOV	a3+24(FP), A2
	MOV	a4+32(FP), A3
	MOV	a5+40(FP), A4
	MOV	a6+48(FP), A5
	// Go keeps SP only 8-byte aligned; C wants 16 at the call.
	MOV	X2, X6
	ADD	$-16, X6, X7
	AND	$~15, X7
	MOV	X7, X2
	MOV	X6, 0(X2)	// the caller's SP
	MOV	RA, 8(X2)	// our return address
	JALR	RA, (X5)
	MOV	8(X2), RA
	MOV	0(X2), X2	// back to the caller's SP: x+n(FP) is valid again
	MOV	A0, ret+56(FP)
	RET
