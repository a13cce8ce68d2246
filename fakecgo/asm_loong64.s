//go:build !cgo && linux

#include "textflag.h"
#include "go_asm.h"	// const_handoffCallbacks: handoff_linux.go

// LoongArch LP64D procedure call standard (LoongArch ELF ABI, "Procedure
// Call Standard for the LoongArch Architecture"), as used by C on
// linux/loong64:
//   integer arguments  R4-R11 (a0-a7), result R4
//   return address     R1 (ra); RET jumps through it
//   callee-saved       R22 (fp/s9), R23-R31 (s0-s8), F24-F31 (fs0-fs7),
//                      and R3 (sp)
//   R2 (tp, the thread pointer) and R21 (reserved) are never touched here
//   sp is 16-byte aligned at every call; there is no red zone.
// Go: g lives in R22 (C's callee-saved fp), R29 is the closure context
// and R30 the assembler's temporary (REGTMP), both callee-saved in C.
// Go keeps R3 only 8-byte aligned. Go code may change any register C
// expects preserved (setg_gcc sets R22; mstart runs a whole M), so each
// C -> Go transition below saves all of them itself (and R1). An ABI0
// callee finds its arguments at 8(R3) upwards; 0(R3) is the caller's LR
// slot.

// A C -> Go frame (192 bytes, a multiple of 16): the LR slot and up to
// three ABI0 arguments at 0-31, then C's callee-saved registers (R22,
// written g, R23-R31, F24-F31) and R1, each at its own offset.
#define C_TO_GO_FRAME 192

#define SAVE_C_REGS \
	MOVV	g, 32(R3); \
	MOVV	R23, 40(R3); \
	MOVV	R24, 48(R3); \
	MOVV	R25, 56(R3); \
	MOVV	R26, 64(R3); \
	MOVV	R27, 72(R3); \
	MOVV	R28, 80(R3); \
	MOVV	R29, 88(R3); \
	MOVV	R30, 96(R3); \
	MOVV	R31, 104(R3); \
	MOVV	R1, 112(R3); \
	MOVD	F24, 120(R3); \
	MOVD	F25, 128(R3); \
	MOVD	F26, 136(R3); \
	MOVD	F27, 144(R3); \
	MOVD	F28, 152(R3); \
	MOVD	F29, 160(R3); \
	MOVD	F30, 168(R3); \
	MOVD	F31, 176(R3)

#define RESTORE_C_REGS \
	MOVV	32(R3), g; \
	MOVV	40(R3), R23; \
	MOVV	48(R3), R24; \
	MOVV	56(R3), R25; \
	MOVV	64(R3), R26; \
	MOVV	72(R3), R27; \
	MOVV	80(R3), R28; \
	MOVV	88(R3), R29; \
	MOVV	96(R3), R30; \
	MOVV	104(R3), R31; \
	MOVV	112(R3), R1; \
	MOVD	120(R3), F24; \
	MOVD	128(R3), F25; \
	MOVD	136(R3), F26; \
	MOVD	144(R3), F27; \
	MOVD	152(R3), F28; \
	MOVD	160(R3), F29; \
	MOVD	168(R3), F30; \
	MOVD	176(R3), F31

// crosscall2(fn, a unsafe.Pointer, n int32, ctxt uintptr)
//
// Called from C (callback entries of the packages above, and the pthread key
// destructor) to run Go code: it saves what C expects to survive and calls
// runtime·cgocallback(fn, a, ctxt), which finds or borrows an M and g for
// this thread (g comes from TLS: no load_g here) and calls fn(a) on the
// goroutine stack. fn == nil with a == g means "the thread is exiting:
// drop its M".
TEXT crosscall2(SB), NOSPLIT|NOFRAME, $0-0
	ADDV	$-C_TO_GO_FRAME, R3
	SAVE_C_REGS
	MOVV	R4, 8(R3)	// fn
	MOVV	R5, 16(R3)	// a (n, in R6, is not passed on)
	MOVV	R7, 24(R3)	// ctxt
#ifdef const_handoffCallbacks
	JAL	(R4)	// fn(fn, a, ctxt), ABI0, on this C stack
#else
	JAL	runtime·cgocallback(SB)
#endif
	RESTORE_C_REGS
	ADDV	$C_TO_GO_FRAME, R3
	RET

// cToGo runs a Go (ABI0) function whose address is in R12 with the first
// two C arguments, R4 and R5, as its arguments, for the runtime hooks
// below. It may run with no g at all (a thread that has just started):
// the Go side is nosplit and never allocates.
TEXT cToGo<>(SB), NOSPLIT|NOFRAME, $0-0
	ADDV	$-C_TO_GO_FRAME, R3
	SAVE_C_REGS
	MOVV	R4, 8(R3)	// first argument
	MOVV	R5, 16(R3)	// second argument
	JAL	(R12)
	RESTORE_C_REGS
	ADDV	$C_TO_GO_FRAME, R3
	MOVV	R0, R4	// the hooks return void; a pthread start routine returns NULL
	RET

// The C-callable runtime hooks (see hooks_linux.go). MOVV $sym(SB), R12
// is PCALAU12I+ADDI into R12 itself: it leaves R30 (REGTMP, callee-saved
// in C) alone.

// The hooks that run a Go function through cToGo: zhooks.h lists them,
// generated with zhooks_linux.go by internal/cmd/libcgen.
#define HOOK(entry, fn) \
	TEXT entry(SB), NOSPLIT|NOFRAME, $0-0; \
	MOVV	$fn(SB), R12; \
	JMP	cToGo<>(SB)
#include "zhooks.h"

// nocgo_key_destructor(g) runs when a thread holding a bound M exits:
// crosscall2(nil, g, 0, 0) makes cgocallback drop the M.
TEXT nocgo_key_destructor(SB), NOSPLIT|NOFRAME, $0-0
#ifdef const_handoffCallbacks
	RET	// handoff mode binds no M to a C thread: nothing to drop
#endif
	MOVV	R4, R5	// a = g
	MOVV	R0, R4	// fn = nil
	MOVV	R0, R6
	MOVV	R0, R7
	JMP	crosscall2(SB)

// func call6(fn *byte, a1, a2, a3, a4, a5, a6 uintptr) uintptr
//
// The frame ($8) makes the assembler save R1 (at 0(R3)), which the call
// below overwrites.
TEXT ·call6(SB), NOSPLIT, $8-64
	MOVV	fn+0(FP), R12
	MOVV	a1+8(FP), R4
	MOVV	a2+16(FP), R5
	MOVV	a3+24(FP), R6
	MOVV	a4+32(FP), R7
	MOVV	a5+40(FP), R8
	MOVV	a6+48(FP), R9
	// Align R3 to 16 bytes for C (Go keeps it only 8-byte aligned) and
	// keep the old R3 on the stack, not in a callee-saved register: fn
	// may be Go code (setg_gcc, mstart), which does not preserve
	// registers. The stack pointer is switched through R13 so that the
	// assembler's idea of the frame (used for fn+0(FP) and ret+56(FP))
	// stays that of R3 on entry.
	MOVV	R3, R13
	ADDV	$-16, R13, R14
	MOVV	$~15, R15
	AND	R15, R14
	MOVV	R14, R3
	MOVV	R13, 8(R3)	// old R3
	JAL	(R12)
	MOVV	8(R3), R13
	MOVV	R13, R3
	MOVV	R4, ret+56(FP)
	RET
