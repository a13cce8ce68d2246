//go:build !cgo && linux

#include "textflag.h"
#include "go_asm.h"	// const_handoffCallbacks: handoff_linux.go

// System V i386 ABI, as used by C on linux/386 (System V Application
// Binary Interface, Intel386 Architecture Processor Supplement, version
// 1.1, section 2.2 "Function Calling Sequence"):
//   every argument on the stack, 4-byte words, first argument lowest, at
//   4(SP) on entry (0(SP) is the return address); the caller pops them
//   result in AX (DX:AX for 64 bits)
//   callee-saved       BX SI DI BP (and SP)
//   AX CX DX are scratch; DF is clear at calls and returns
//   SP+4 is 16-byte aligned at function entry, i.e. SP is 16-byte aligned
//   at the CALL (gcc on linux compiles code that relies on it).
// Go ABI0 on 386 also passes everything on the stack, at 0(SP) just
// before the CALL, but saves no register across a call: each C -> Go
// transition below saves the four callee-saved registers itself.
// There are no ABI wrappers on 386: ABI0 and ABIInternal are the same.

// crosscall2(fn, a unsafe.Pointer, n int32, ctxt uintptr)
//
// Called from C (callback entries of the packages above, and the pthread key
// destructor) to run Go code: it saves what C expects to survive and calls
// runtime·cgocallback(fn, a, ctxt), which finds or borrows an M and g for
// this thread (g comes from TLS: no load_g here) and calls fn(a) on the
// goroutine stack. fn == nil with a == g means "the thread is exiting:
// drop its M".
TEXT crosscall2(SB), NOSPLIT|NOFRAME, $0-0
	PUSHL	BP
	PUSHL	BX
	PUSHL	SI
	PUSHL	DI
	// 4 pushes + the return address = 20 bytes; 12 more keep SP 16-aligned
	// and hold the three arguments. The C arguments are now at 32(SP).
	SUBL	$12, SP
	MOVL	32(SP), AX
	MOVL	AX, 0(SP)	// fn
	MOVL	36(SP), AX
	MOVL	AX, 4(SP)	// a (n, at 40(SP), is not passed on)
	MOVL	44(SP), AX
	MOVL	AX, 8(SP)	// ctxt
#ifdef const_handoffCallbacks
	MOVL	0(SP), AX
	CALL	AX	// fn(fn, a, ctxt), ABI0, on this C stack
#else
	CALL	runtime·cgocallback(SB)
#endif
	ADDL	$12, SP
	POPL	DI
	POPL	SI
	POPL	BX
	POPL	BP
	RET

// cToGo runs a Go (ABI0) function in AX with the first two C arguments as
// its arguments, for the runtime hooks below. It may run with no g at all
// (a thread that has just started): the Go side is nosplit and never
// allocates.
TEXT cToGo<>(SB), NOSPLIT|NOFRAME, $0-0
	PUSHL	BP
	PUSHL	BX
	PUSHL	SI
	PUSHL	DI
	SUBL	$12, SP	// as in crosscall2: C arguments at 32(SP)
	MOVL	32(SP), CX
	MOVL	CX, 0(SP)	// first argument
	MOVL	36(SP), CX
	MOVL	CX, 4(SP)	// second argument
	CALL	AX
	ADDL	$12, SP
	POPL	DI
	POPL	SI
	POPL	BX
	POPL	BP
	XORL	AX, AX	// the hooks return void; a pthread start routine returns NULL
	RET

// The C-callable runtime hooks (see hooks_linux.go).

// The hooks that run a Go function through cToGo: zhooks.h lists them,
// generated with zhooks_linux.go by internal/cmd/libcgen.
#define HOOK(entry, fn) \
	TEXT entry(SB), NOSPLIT|NOFRAME, $0-0; \
	MOVL	$fn(SB), AX; \
	JMP	cToGo<>(SB)
#include "zhooks.h"

// nocgo_key_destructor(g) runs when a thread holding a bound M exits:
// crosscall2(nil, g, 0, 0) makes cgocallback drop the M. Arguments live
// in the caller's frame, which only has room for one, so this is a real
// call with a frame of its own, not a tail call.
TEXT nocgo_key_destructor(SB), NOSPLIT|NOFRAME, $0-0
#ifdef const_handoffCallbacks
	RET	// handoff mode binds no M to a C thread: nothing to drop
#endif
	MOVL	4(SP), AX	// g
	SUBL	$28, SP	// + the return address = 32: SP stays 16-aligned
	MOVL	$0, 0(SP)	// fn = nil
	MOVL	AX, 4(SP)	// a = g
	MOVL	$0, 8(SP)	// n
	MOVL	$0, 12(SP)	// ctxt
	CALL	crosscall2(SB)
	ADDL	$28, SP
	RET

// func call6(fn *byte, a1, a2, a3, a4, a5, a6 uintptr) uintptr
TEXT ·call6(SB), NOSPLIT, $0-32
	// Build the C frame below an aligned SP: six argument words at
	// 0(DX)..20(DX), then the old SP at 24(DX). The old SP stays on the
	// stack, not in a callee-saved register: fn may be Go code (setg_gcc,
	// mstart), which does not preserve registers.
	MOVL	SP, DX
	SUBL	$32, DX
	ANDL	$~15, DX
	MOVL	a1+4(FP), AX
	MOVL	AX, 0(DX)	// a1
	MOVL	a2+8(FP), AX
	MOVL	AX, 4(DX)	// a2
	MOVL	a3+12(FP), AX
	MOVL	AX, 8(DX)	// a3
	MOVL	a4+16(FP), AX
	MOVL	AX, 12(DX)	// a4
	MOVL	a5+20(FP), AX
	MOVL	AX, 16(DX)	// a5
	MOVL	a6+24(FP), AX
	MOVL	AX, 20(DX)	// a6
	MOVL	SP, 24(DX)	// old SP
	MOVL	fn+0(FP), AX
	MOVL	DX, SP
	CALL	AX
	MOVL	24(SP), SP
	MOVL	AX, ret+28(FP)
	RET
