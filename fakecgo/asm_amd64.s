//go:build !cgo && linux

#include "textflag.h"
#include "go_asm.h"	// const_handoffCallbacks: handoff_linux.go

// System V AMD64 ABI, as used by C on linux/amd64:
//   integer arguments  DI SI DX CX R8 R9, result AX
//   callee-saved       BX BP R12 R13 R14 R15 (and SP)
//   every XMM register is caller-saved; DF is clear at calls and returns
//   RSP is 16-byte aligned at a CALL, so RSP+8 is at function entry.
// Go ABI0 saves no register across a call, so each C -> Go transition
// below saves the six callee-saved registers itself.

// crosscall2(fn, a unsafe.Pointer, n int32, ctxt uintptr)
//
// Called from C (callback entries of the packages above, and the pthread key
// destructor) to run Go code: it saves what C expects to survive and calls
// runtime·cgocallback(fn, a, ctxt), which finds or borrows an M and g for
// this thread (g comes from TLS: no load_g here) and calls fn(a) on the
// goroutine stack. fn == nil with a == g means "the thread is exiting:
// drop its M".
TEXT crosscall2(SB), NOSPLIT|NOFRAME, $0-0
	PUSHQ	BX
	PUSHQ	BP
	PUSHQ	R12
	PUSHQ	R13
	PUSHQ	R14
	PUSHQ	R15
	// 6 pushes + the return address = 56 bytes; 24 more keep SP 16-aligned.
	SUBQ	$24, SP
	MOVQ	DI, 0(SP)	// fn
	MOVQ	SI, 8(SP)	// a (n, in DX, is not passed on)
	MOVQ	CX, 16(SP)	// ctxt
#ifdef const_handoffCallbacks
	CALL	DI	// fn(fn, a, ctxt), ABI0, on this C stack
#else
	CALL	runtime·cgocallback(SB)
#endif
	ADDQ	$24, SP
	POPQ	R15
	POPQ	R14
	POPQ	R13
	POPQ	R12
	POPQ	BP
	POPQ	BX
	RET

// cToGo runs a Go (ABI0) function in AX with the first two C arguments,
// DI and SI, as its arguments, for the runtime hooks below. It may run
// with no g at all (a thread that has just started): the Go side is
// nosplit and never allocates.
TEXT cToGo<>(SB), NOSPLIT|NOFRAME, $0-0
	PUSHQ	BX
	PUSHQ	BP
	PUSHQ	R12
	PUSHQ	R13
	PUSHQ	R14
	PUSHQ	R15
	SUBQ	$24, SP
	MOVQ	DI, 0(SP)	// first argument
	MOVQ	SI, 8(SP)	// second argument
	CALL	AX
	ADDQ	$24, SP
	POPQ	R15
	POPQ	R14
	POPQ	R13
	POPQ	R12
	POPQ	BP
	POPQ	BX
	XORL	AX, AX	// the hooks return void; a pthread start routine returns NULL
	RET

// The C-callable runtime hooks (see hooks_linux.go).

// The hooks that run a Go function through cToGo: zhooks.h lists them,
// generated with zhooks_linux.go by internal/cmd/libcgen.
#define HOOK(entry, fn) \
	TEXT entry(SB), NOSPLIT|NOFRAME, $0-0; \
	MOVQ	$fn(SB), AX; \
	JMP	cToGo<>(SB)
#include "zhooks.h"

// nocgo_key_destructor(g) runs when a thread holding a bound M exits:
// crosscall2(nil, g, 0, 0) makes cgocallback drop the M.
TEXT nocgo_key_destructor(SB), NOSPLIT|NOFRAME, $0-0
#ifdef const_handoffCallbacks
	RET	// handoff mode binds no M to a C thread: nothing to drop
#endif
	MOVQ	DI, SI	// a = g
	XORL	DI, DI	// fn = nil
	XORL	DX, DX
	XORL	CX, CX
	JMP	crosscall2(SB)

// func call6(fn *byte, a1, a2, a3, a4, a5, a6 uintptr) uintptr
TEXT ·call6(SB), NOSPLIT, $0-64
	MOVQ	fn+0(FP), R10
	MOVQ	a1+8(FP), DI
	MOVQ	a2+16(FP), SI
	MOVQ	a3+24(FP), DX
	MOVQ	a4+32(FP), CX
	MOVQ	a5+40(FP), R8
	MOVQ	a6+48(FP), R9
	// Align SP for C and keep the old SP on the stack, not in a
	// callee-saved register: fn may be Go code (setg_gcc, mstart), which
	// does not preserve registers.
	MOVQ	SP, R12
	SUBQ	$16, SP
	ANDQ	$~15, SP
	MOVQ	R12, 8(SP)
	XORL	AX, AX	// AL: no vector registers, should fn be variadic
	CALL	R10
	MOVQ	8(SP), SP
	MOVQ	AX, ret+56(FP)
	RET
