//go:build !cgo && linux

#include "textflag.h"
#include "go_asm.h"	// const_handoffCallbacks: handoff_linux.go

// 64-bit ELF V2 ABI, as used by C on linux/ppc64le (OpenPOWER "64-Bit ELF
// V2 ABI Specification" 1.5, section 2.2 "Function Calling Sequence"):
//   integer arguments  R3-R10, result R3
//   callee-saved       R14-R31, F14-F31, V20-V31, CR2-CR4 and R1; R2 (TOC)
//                      across a local call; R13 is the thread pointer and
//                      is never written here
//   stack frame        R1 16-byte aligned; 0(R1) back chain, 8(R1) CR
//                      save, 16(R1) LR save, 24(R1) TOC save, parameter
//                      save area from 32(R1). A callee stores LR and CR
//                      into its caller's frame at 16(R1) and 8(R1), and
//                      opens its own frame with a store-with-update of
//                      R1, so that 0(R1) always links to the caller.
//   a global entry point derives its TOC pointer from R12, which must
//   hold its address; C clobbers R2, so callers reload their own.
// Go ABI0 saves no register across a call, needs R0 = 0 and g in R30,
// and uses R31 as REGTMP; so each C -> Go transition below saves all of
// C's callee-saved registers itself, and these functions have no Go
// prologue (NOFRAME): that one would write LR to 0(R1) and clobber R31.

// The frame of a C -> Go transition (crosscall2, cToGo): the fixed part,
// 3 argument words for the ABI0 callee at 32(R1) (Go's FIXED_FRAME is
// also 32), then the callee-saved registers. V20-V31 need 16-byte
// aligned slots.
#define GO_ARGS	32
#define SAVE_GPR	64
#define SAVE_FPR	(SAVE_GPR+18*8)
#define SAVE_VR	(SAVE_FPR+18*8)
#define GO_FRAME	(SAVE_VR+12*16)

#define STVR(n, off) MOVD $(SAVE_VR+off), R10; STVX n, (R10)(R1)
#define LDVR(n, off) MOVD $(SAVE_VR+off), R10; LVX (R10)(R1), n

// ENTER_GO opens a GO_FRAME frame and saves everything C expects to
// survive; it leaves R0 = 0, as Go requires. It uses R0 and R10.
#define ENTER_GO \
	MOVD	LR, R0; \
	MOVD	R0, 16(R1); \
	MOVW	CR, R0; \
	MOVD	R0, 8(R1); \
	MOVDU	R1, -GO_FRAME(R1); \
	MOVD	R2, 24(R1); \
	MOVD	R14, (SAVE_GPR+0*8)(R1); \
	MOVD	R15, (SAVE_GPR+1*8)(R1); \
	MOVD	R16, (SAVE_GPR+2*8)(R1); \
	MOVD	R17, (SAVE_GPR+3*8)(R1); \
	MOVD	R18, (SAVE_GPR+4*8)(R1); \
	MOVD	R19, (SAVE_GPR+5*8)(R1); \
	MOVD	R20, (SAVE_GPR+6*8)(R1); \
	MOVD	R21, (SAVE_GPR+7*8)(R1); \
	MOVD	R22, (SAVE_GPR+8*8)(R1); \
	MOVD	R23, (SAVE_GPR+9*8)(R1); \
	MOVD	R24, (SAVE_GPR+10*8)(R1); \
	MOVD	R25, (SAVE_GPR+11*8)(R1); \
	MOVD	R26, (SAVE_GPR+12*8)(R1); \
	MOVD	R27, (SAVE_GPR+13*8)(R1); \
	MOVD	R28, (SAVE_GPR+14*8)(R1); \
	MOVD	R29, (SAVE_GPR+15*8)(R1); \
	MOVD	g, (SAVE_GPR+16*8)(R1); \
	MOVD	R31, (SAVE_GPR+17*8)(R1); \
	FMOVD	F14, (SAVE_FPR+0*8)(R1); \
	FMOVD	F15, (SAVE_FPR+1*8)(R1); \
	FMOVD	F16, (SAVE_FPR+2*8)(R1); \
	FMOVD	F17, (SAVE_FPR+3*8)(R1); \
	FMOVD	F18, (SAVE_FPR+4*8)(R1); \
	FMOVD	F19, (SAVE_FPR+5*8)(R1); \
	FMOVD	F20, (SAVE_FPR+6*8)(R1); \
	FMOVD	F21, (SAVE_FPR+7*8)(R1); \
	FMOVD	F22, (SAVE_FPR+8*8)(R1); \
	FMOVD	F23, (SAVE_FPR+9*8)(R1); \
	FMOVD	F24, (SAVE_FPR+10*8)(R1); \
	FMOVD	F25, (SAVE_FPR+11*8)(R1); \
	FMOVD	F26, (SAVE_FPR+12*8)(R1); \
	FMOVD	F27, (SAVE_FPR+13*8)(R1); \
	FMOVD	F28, (SAVE_FPR+14*8)(R1); \
	FMOVD	F29, (SAVE_FPR+15*8)(R1); \
	FMOVD	F30, (SAVE_FPR+16*8)(R1); \
	FMOVD	F31, (SAVE_FPR+17*8)(R1); \
	STVR(V20, 0*16); \
	STVR(V21, 1*16); \
	STVR(V22, 2*16); \
	STVR(V23, 3*16); \
	STVR(V24, 4*16); \
	STVR(V25, 5*16); \
	STVR(V26, 6*16); \
	STVR(V27, 7*16); \
	STVR(V28, 8*16); \
	STVR(V29, 9*16); \
	STVR(V30, 10*16); \
	STVR(V31, 11*16); \
	MOVD	$0, R0

// LEAVE_GO undoes ENTER_GO, up to but not including the return.
#define LEAVE_GO \
	LDVR(V20, 0*16); \
	LDVR(V21, 1*16); \
	LDVR(V22, 2*16); \
	LDVR(V23, 3*16); \
	LDVR(V24, 4*16); \
	LDVR(V25, 5*16); \
	LDVR(V26, 6*16); \
	LDVR(V27, 7*16); \
	LDVR(V28, 8*16); \
	LDVR(V29, 9*16); \
	LDVR(V30, 10*16); \
	LDVR(V31, 11*16); \
	FMOVD	(SAVE_FPR+0*8)(R1), F14; \
	FMOVD	(SAVE_FPR+1*8)(R1), F15; \
	FMOVD	(SAVE_FPR+2*8)(R1), F16; \
	FMOVD	(SAVE_FPR+3*8)(R1), F17; \
	FMOVD	(SAVE_FPR+4*8)(R1), F18; \
	FMOVD	(SAVE_FPR+5*8)(R1), F19; \
	FMOVD	(SAVE_FPR+6*8)(R1), F20; \
	FMOVD	(SAVE_FPR+7*8)(R1), F21; \
	FMOVD	(SAVE_FPR+8*8)(R1), F22; \
	FMOVD	(SAVE_FPR+9*8)(R1), F23; \
	FMOVD	(SAVE_FPR+10*8)(R1), F24; \
	FMOVD	(SAVE_FPR+11*8)(R1), F25; \
	FMOVD	(SAVE_FPR+12*8)(R1), F26; \
	FMOVD	(SAVE_FPR+13*8)(R1), F27; \
	FMOVD	(SAVE_FPR+14*8)(R1), F28; \
	FMOVD	(SAVE_FPR+15*8)(R1), F29; \
	FMOVD	(SAVE_FPR+16*8)(R1), F30; \
	FMOVD	(SAVE_FPR+17*8)(R1), F31; \
	MOVD	(SAVE_GPR+0*8)(R1), R14; \
	MOVD	(SAVE_GPR+1*8)(R1), R15; \
	MOVD	(SAVE_GPR+2*8)(R1), R16; \
	MOVD	(SAVE_GPR+3*8)(R1), R17; \
	MOVD	(SAVE_GPR+4*8)(R1), R18; \
	MOVD	(SAVE_GPR+5*8)(R1), R19; \
	MOVD	(SAVE_GPR+6*8)(R1), R20; \
	MOVD	(SAVE_GPR+7*8)(R1), R21; \
	MOVD	(SAVE_GPR+8*8)(R1), R22; \
	MOVD	(SAVE_GPR+9*8)(R1), R23; \
	MOVD	(SAVE_GPR+10*8)(R1), R24; \
	MOVD	(SAVE_GPR+11*8)(R1), R25; \
	MOVD	(SAVE_GPR+12*8)(R1), R26; \
	MOVD	(SAVE_GPR+13*8)(R1), R27; \
	MOVD	(SAVE_GPR+14*8)(R1), R28; \
	MOVD	(SAVE_GPR+15*8)(R1), R29; \
	MOVD	(SAVE_GPR+16*8)(R1), g; \
	MOVD	(SAVE_GPR+17*8)(R1), R31; \
	MOVD	24(R1), R2; \
	ADD	$GO_FRAME, R1; \
	MOVD	16(R1), R0; \
	MOVD	R0, LR; \
	MOVD	8(R1), R0; \
	MOVW	R0, CR

// crosscall2(fn, a unsafe.Pointer, n int32, ctxt uintptr)
//
// Called from C (callback entries of the packages above, and the pthread key
// destructor) to run Go code: it saves what C expects to survive and calls
// runtime·cgocallback(fn, a, ctxt), which finds or borrows an M and g for
// this thread (g comes from TLS: no load_g here) and calls fn(a) on the
// goroutine stack. fn == nil with a == g means "the thread is exiting:
// drop its M".
TEXT crosscall2(SB), NOSPLIT|NOFRAME, $0-0
	ENTER_GO
	MOVD	R3, (GO_ARGS+0)(R1)	// fn
	MOVD	R4, (GO_ARGS+8)(R1)	// a (n, in R5, is not passed on)
	MOVD	R6, (GO_ARGS+16)(R1)	// ctxt
#ifdef const_handoffCallbacks
	MOVD	R3, R12	// a function's global entry expects its address in R12
	MOVD	R12, CTR
	BL	(CTR)	// fn(fn, a, ctxt), ABI0, on this C stack
#else
	BL	runtime·cgocallback(SB)
#endif
	LEAVE_GO
	RET

// cToGo runs a Go (ABI0) function in R12 with the first two C arguments,
// R3 and R4, as its arguments and with g = R11, for the runtime hooks
// below. On a thread that has just started, that g is not installed yet
// (not in TLS, no stack bounds checked): the Go side is nosplit and
// never allocates.
TEXT cToGo<>(SB), NOSPLIT|NOFRAME, $0-0
	ENTER_GO
	MOVD	R11, g	// after ENTER_GO saved the caller's R30
	MOVD	R3, (GO_ARGS+0)(R1)	// first argument
	MOVD	R4, (GO_ARGS+8)(R1)	// second argument
	MOVD	R12, CTR
	BL	(CTR)
	LEAVE_GO
	MOVD	$0, R3	// the hooks return void; a pthread start routine returns NULL
	RET

// The C-callable runtime hooks (see hooks_linux.go). The runtime calls
// them (through asmcgocall) with its own g in R30, which the Go side
// keeps.

// The hooks that run a Go function through cToGo: zhooks.h lists them,
// generated with zhooks_linux.go by internal/cmd/libcgen.
#define HOOK(entry, fn) \
	TEXT entry(SB), NOSPLIT|NOFRAME, $0-0; \
	MOVD	$fn(SB), R12; \
	MOVD	g, R11; \
	JMP	cToGo<>(SB)
#define HOOK_BY_HAND_nocgo_threadentry
#include "zhooks.h"

// A new thread starts with no g in R30. runtime.mstart, which threadEntry
// runs, reads g from R30 rather than TLS (setg_gcc sets only TLS and
// keeps R30, which C expects preserved), so the thread runs with
// R30 = ts.g, the M's g0, from the start.
TEXT nocgo_threadentry(SB), NOSPLIT|NOFRAME, $0-0
	MOVD	$·threadEntry(SB), R12
	MOVD	0(R3), R11	// ts.g
	JMP	cToGo<>(SB)

// nocgo_key_destructor(g) runs when a thread holding a bound M exits:
// crosscall2(nil, g, 0, 0) makes cgocallback drop the M.
TEXT nocgo_key_destructor(SB), NOSPLIT|NOFRAME, $0-0
#ifdef const_handoffCallbacks
	RET	// handoff mode binds no M to a C thread: nothing to drop
#endif
	MOVD	R3, R4	// a = g
	MOVD	$0, R3	// fn = nil
	MOVD	$0, R5
	MOVD	$0, R6
	JMP	crosscall2(SB)

// call6's C frame: the fixed part and a parameter save area for 8
// doublewords, which a variadic callee may spill its registers into.
#define C_FRAME	(32+8*8)

// func call6(fn *byte, a1, a2, a3, a4, a5, a6 uintptr) uintptr
TEXT ·call6(SB), NOSPLIT, $0-64
	MOVD	fn+0(FP), R12	// a global entry point wants its own address in R12
	MOVD	a1+8(FP), R3
	MOVD	a2+16(FP), R4
	MOVD	a3+24(FP), R5
	MOVD	a4+32(FP), R6
	MOVD	a5+40(FP), R7
	MOVD	a6+48(FP), R8
	// Open a 16-byte aligned C frame below ours. Its back chain word
	// keeps our SP: not a callee-saved register, because fn may be Go
	// code (setg_gcc, runtime.mstart), which preserves none. (The
	// arithmetic goes through R10 so that R1 is written only once.)
	MOVD	R1, R9
	ADD	$-C_FRAME, R1, R10
	RLDCR	$0, R10, $~15, R1
	MOVD	R9, 0(R1)	// back chain = our SP
	MOVD	R2, 24(R1)	// TOC save: C may change R2
	MOVD	R12, CTR
	BL	(CTR)
	MOVD	24(R1), R2
	MOVD	0(R1), R1
	MOVD	$0, R0	// C may have used R0; Go needs it zero
	MOVD	R3, ret+56(FP)
	RET
