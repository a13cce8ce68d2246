//go:build linux

#include "textflag.h"
#include "go_asm.h"

// System V AMD64 ABI; abi_amd64.go says where each argument goes.
// Callee-saved: BX BP R12-R15. RSP is 16-byte aligned at every CALL.

// nocgo_ffi_call(fr *callFrame) performs one C call. It is itself called
// with the C convention (DI = fr) by runtime·asmcgocall, on the g0 stack.
// fr is on the goroutine stack, which a callback may move during the
// call: everything is read from it before the call, including res, the
// results' destination, kept in R12. AX is left holding the result, which
// asmcgocall passes back (its low 32 bits) as cgocall's return value.
TEXT nocgo_ffi_call(SB), NOSPLIT|NOFRAME, $0-0
	PUSHQ	BP
	MOVQ	SP, BP
	PUSHQ	BX	// fr, while the arguments are loaded
	PUSHQ	R12	// res, across the call (two pushes keep SP 16-byte aligned)
	MOVQ	DI, BX
	MOVQ	callFrame_res(BX), R12

	// Outgoing stack arguments: nstack words at 0(SP) upwards, the
	// area rounded up to 16 bytes to keep the alignment.
	MOVQ	callFrame_nstack(BX), CX
	LEAQ	15(CX*8), AX
	ANDQ	$~15, AX
	SUBQ	AX, SP
	XORL	DX, DX
copy:
	CMPQ	DX, CX
	JGE	regs
	MOVQ	callFrame_stack(BX)(DX*8), AX
	MOVQ	AX, (SP)(DX*8)
	INCQ	DX
	JMP	copy

regs:
	MOVQ	(callFrame_gpr+0*8)(BX), DI
	MOVQ	(callFrame_gpr+1*8)(BX), SI
	MOVQ	(callFrame_gpr+2*8)(BX), DX
	MOVQ	(callFrame_gpr+3*8)(BX), CX
	MOVQ	(callFrame_gpr+4*8)(BX), R8
	MOVQ	(callFrame_gpr+5*8)(BX), R9
	MOVSD	(callFrame_fpr+0*8)(BX), X0
	MOVSD	(callFrame_fpr+1*8)(BX), X1
	MOVSD	(callFrame_fpr+2*8)(BX), X2
	MOVSD	(callFrame_fpr+3*8)(BX), X3
	MOVSD	(callFrame_fpr+4*8)(BX), X4
	MOVSD	(callFrame_fpr+5*8)(BX), X5
	MOVSD	(callFrame_fpr+6*8)(BX), X6
	MOVSD	(callFrame_fpr+7*8)(BX), X7
	MOVQ	callFrame_flags(BX), AX	// AL: vector registers used, for variadic callees
	MOVQ	callFrame_fn(BX), R10
	CALL	R10

	MOVQ	AX, callResult_r0(R12)
	MOVQ	DX, callResult_r1(R12)
	MOVSD	X0, callResult_f0(R12)
	MOVSD	X1, callResult_fhi(R12)	// second SSE eightbyte of a struct result
	LEAQ	-16(BP), SP
	POPQ	R12
	POPQ	BX
	POPQ	BP
	RET

// nocgo_callback_common is entered from a callback entry point
// (zcallback_amd64.s) with the slot number in R11 and the C caller's
// arguments untouched. It records them in a cbFrame on the C stack and
// runs callbackDispatch through crosscall2, which saves the callee-saved
// registers. Then it returns the result in AX (DX) and X0.
TEXT nocgo_callback_common(SB), NOSPLIT|NOFRAME, $0-0
	PUSHQ	BP
	MOVQ	SP, BP
	SUBQ	$cbFrame__size, SP
	ANDQ	$~15, SP	// aligned, so crosscall2 is entered as C code expects
	MOVQ	R11, cbFrame_index(SP)
	LEAQ	16(BP), AX	// above the saved BP and the return address
	MOVQ	AX, cbFrame_stack(SP)
	MOVQ	DI, (cbFrame_gpr+0*8)(SP)
	MOVQ	SI, (cbFrame_gpr+1*8)(SP)
	MOVQ	DX, (cbFrame_gpr+2*8)(SP)
	MOVQ	CX, (cbFrame_gpr+3*8)(SP)
	MOVQ	R8, (cbFrame_gpr+4*8)(SP)
	MOVQ	R9, (cbFrame_gpr+5*8)(SP)
	MOVSD	X0, (cbFrame_fpr+0*8)(SP)
	MOVSD	X1, (cbFrame_fpr+1*8)(SP)
	MOVSD	X2, (cbFrame_fpr+2*8)(SP)
	MOVSD	X3, (cbFrame_fpr+3*8)(SP)
	MOVSD	X4, (cbFrame_fpr+4*8)(SP)
	MOVSD	X5, (cbFrame_fpr+5*8)(SP)
	MOVSD	X6, (cbFrame_fpr+6*8)(SP)
	MOVSD	X7, (cbFrame_fpr+7*8)(SP)

	MOVQ	·callbackDispatchPC(SB), DI	// fn
	MOVQ	SP, SI	// a = the cbFrame
	XORL	DX, DX	// n (unused)
	XORL	CX, CX	// ctxt
	CALL	crosscall2(SB)

	MOVQ	cbFrame_r0(SP), AX
	MOVQ	cbFrame_r1(SP), DX
	MOVSD	cbFrame_f0(SP), X0
	MOVSD	cbFrame_fhi(SP), X1	// second SSE eightbyte of a struct result
	MOVQ	BP, SP
	POPQ	BP
	RET
