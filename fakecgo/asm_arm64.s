//go:build !cgo && linux

#include "textflag.h"
#include "go_asm.h"	// const_handoffCallbacks: handoff_linux.go

// Procedure Call Standard for the Arm 64-bit Architecture (AAPCS64,
// Arm IHI 0055), as used by C on linux/arm64:
//   integer arguments  R0-R7, result R0
//   FP arguments       F0-F7 (the low 64 bits of V0-V7), result F0
//   callee-saved       R19-R28, R29 (frame pointer), the low 64 bits of
//                      V8-V15 (F8-F15), and RSP; R30 (LR) holds the
//                      return address, so whoever calls out saves it too
//   R18 is the platform register: never touched here
//   RSP is 16-byte aligned whenever it is used to address memory (Linux
//   enables the hardware check); there is no red zone below it.
// Go: g lives in R28 (C's callee-saved x28; the assembler only accepts
// the name g for it), R27 is the assembler's temporary (REGTMP) and R26
// the closure context. Go code may change any register C expects
// preserved (setg_gcc sets R28; mstart runs a whole M), so each C -> Go
// transition below saves all of them itself. An ABI0 callee finds its
// arguments at 8(RSP) upwards; 0(RSP) is the caller's LR slot.

// A C -> Go frame (192 bytes, a multiple of 16): the LR slot and up to
// three ABI0 arguments at 0-31, then C's callee-saved registers (R19-R30,
// F8-F15), each pair stored at its own offset.
#define C_TO_GO_FRAME 192

#define SAVE_C_REGS \
	STP	(R19, R20), 32(RSP); \
	STP	(R21, R22), 48(RSP); \
	STP	(R23, R24), 64(RSP); \
	STP	(R25, R26), 80(RSP); \
	STP	(R27, g), 96(RSP); \
	STP	(R29, R30), 112(RSP); \
	FSTPD	(F8, F9), 128(RSP); \
	FSTPD	(F10, F11), 144(RSP); \
	FSTPD	(F12, F13), 160(RSP); \
	FSTPD	(F14, F15), 176(RSP)

#define RESTORE_C_REGS \
	LDP	32(RSP), (R19, R20); \
	LDP	48(RSP), (R21, R22); \
	LDP	64(RSP), (R23, R24); \
	LDP	80(RSP), (R25, R26); \
	LDP	96(RSP), (R27, g); \
	LDP	112(RSP), (R29, R30); \
	FLDPD	128(RSP), (F8, F9); \
	FLDPD	144(RSP), (F10, F11); \
	FLDPD	160(RSP), (F12, F13); \
	FLDPD	176(RSP), (F14, F15)

// crosscall2(fn, a unsafe.Pointer, n int32, ctxt uintptr)
//
// Called from C (callback entries of the packages above, and the pthread key
// destructor) to run Go code: it saves what C expects to survive and calls
// runtime·cgocallback(fn, a, ctxt), which finds or borrows an M and g for
// this thread (g comes from TLS: no load_g here) and calls fn(a) on the
// goroutine stack. fn == nil with a == g means "the thread is exiting:
// drop its M".
TEXT crosscall2(SB), NOSPLIT|NOFRAME, $0-0
	SUB	$C_TO_GO_FRAME, RSP
	SAVE_C_REGS
	MOVD	R0, 8(RSP)	// fn
	MOVD	R1, 16(RSP)	// a (n, in R2, is not passed on)
	MOVD	R3, 24(RSP)	// ctxt
#ifdef const_handoffCallbacks
	BL	(R0)	// fn(fn, a, ctxt), ABI0, on this C stack
#else
	BL	runtime·cgocallback(SB)
#endif
	RESTORE_C_REGS
	ADD	$C_TO_GO_FRAME, RSP
	RET

// cToGo runs a Go (ABI0) function whose address is in R9 with the first
// two C arguments, R0 and R1, as its arguments, for the runtime hooks
// below. It may run with no g at all (a thread that has just started):
// the Go side is nosplit and never allocates.
TEXT cToGo<>(SB), NOSPLIT|NOFRAME, $0-0
	SUB	$C_TO_GO_FRAME, RSP
	SAVE_C_REGS
	MOVD	R0, 8(RSP)	// first argument
	MOVD	R1, 16(RSP)	// second argument
	BL	(R9)
	RESTORE_C_REGS
	ADD	$C_TO_GO_FRAME, RSP
	MOVD	ZR, R0	// the hooks return void; a pthread start routine returns NULL
	RET

// The C-callable runtime hooks (see hooks_linux.go). MOVD $sym(SB), R9
// is ADRP+ADD into R9 itself: it leaves R27 (REGTMP, callee-saved in C)
// alone.

// The hooks that run a Go function through cToGo: zhooks.h lists them,
// generated with zhooks_linux.go by internal/cmd/libcgen.
#define HOOK(entry, fn) \
	TEXT entry(SB), NOSPLIT|NOFRAME, $0-0; \
	MOVD	$fn(SB), R9; \
	JMP	cToGo<>(SB)
#include "zhooks.h"

// nocgo_key_destructor(g) runs when a thread holding a bound M exits:
// crosscall2(nil, g, 0, 0) makes cgocallback drop the M.
TEXT nocgo_key_destructor(SB), NOSPLIT|NOFRAME, $0-0
#ifdef const_handoffCallbacks
	RET	// handoff mode binds no M to a C thread: nothing to drop
#endif
	MOVD	R0, R1	// a = g
	MOVD	ZR, R0	// fn = nil
	MOVD	ZR, R2
	MOVD	ZR, R3
	JMP	crosscall2(SB)

// func call6(fn *byte, a1, a2, a3, a4, a5, a6 uintptr) uintptr
//
// The frame ($16) makes the assembler save LR (at 0(RSP)) and Go's frame
// pointer R29, which it stores at -8(RSP), BELOW this frame: the new
// stack for C starts under that word, or C's first local would overwrite it.
TEXT ·call6(SB), NOSPLIT, $16-64
	MOVD	fn+0(FP), R9
	MOVD	a1+8(FP), R0
	MOVD	a2+16(FP), R1
	MOVD	a3+24(FP), R2
	MOVD	a4+32(FP), R3
	MOVD	a5+40(FP), R4
	MOVD	a6+48(FP), R5
	// Align RSP for C (Go already keeps it 16-byte aligned on arm64; this
	// costs two instructions and assumes nothing) and keep the old RSP on
	// the stack, not in a callee-saved register: fn may be Go code
	// (setg_gcc, mstart), which does not preserve registers. The stack
	// pointer is switched through R11 so that the assembler's idea of the
	// frame (used for fn+0(FP) and ret+56(FP)) stays that of RSP on entry.
	MOVD	RSP, R10
	SUB	$32, R10, R11
	AND	$~15, R11
	MOVD	R11, RSP
	MOVD	R10, 8(RSP)	// old RSP
	BL	(R9)
	MOVD	8(RSP), R10
	MOVD	R10, RSP
	MOVD	R0, ret+56(FP)
	RET
