//go:build linux

#include "textflag.h"
#include "go_asm.h"

// System V i386 ABI (Intel386 psABI 1.1, section 2.2); abi_386.go says
// where each argument goes: all of them on the stack, at 4(SP) on entry.
// Callee-saved: BX SI DI BP. SP is 16-byte aligned at every CALL.
// Results: AX, DX:AX for 64 bits, st(0) for float32 and float64. The x87
// register stack is empty at every call and return, except for st(0)
// holding a floating-point result; flags (flagResultFloat64) tells the
// code below when that is the case.

// nocgo_ffi_call(fr *callFrame) performs one C call. It is itself called
// with the C convention (fr at 4(SP)) by runtime·asmcgocall, on the g0
// stack. fr is on the goroutine stack, which a callback may move during
// the call: everything is read from it before the call, including res,
// the results' destination, kept in BX, and flags, kept in SI. AX is left
// holding the result, which asmcgocall passes back as cgocall's return
// value.
TEXT nocgo_ffi_call(SB), NOSPLIT|NOFRAME, $0-0
	PUSHL	BP
	MOVL	SP, BP
	PUSHL	BX	// fr while the arguments are copied, then res
	PUSHL	SI	// flags, across the call
	MOVL	8(BP), BX	// fr: above the saved BP and the return address

	// Outgoing arguments: nstack words at 0(SP) upwards, SP 16-aligned.
	MOVL	callFrame_nstack(BX), CX
	LEAL	(CX*4), AX
	SUBL	AX, SP
	ANDL	$~15, SP
	XORL	DX, DX
copy:
	CMPL	DX, CX
	JGE	call
	MOVL	callFrame_stack(BX)(DX*4), AX
	MOVL	AX, (SP)(DX*4)	// argument word DX
	INCL	DX
	JMP	copy

call:
	MOVL	callFrame_flags(BX), SI
	MOVL	callFrame_fn(BX), AX
	MOVL	callFrame_res(BX), BX	// fr is not touched after this
	CALL	AX

	MOVL	AX, callResult_r0(BX)	// result, or its low word
	MOVL	DX, callResult_r1(BX)	// high word of a 64-bit result
	CMPL	SI, $const_flagResultFloat64
	JNE	done
	// A float result must be popped, or the x87 stack overflows after
	// eight calls. Stored as a double: fprValue narrows a float32.
	FMOVDP	F0, callResult_f0(BX)	// f0 = st(0), popped
done:
	LEAL	-8(BP), SP
	POPL	SI
	POPL	BX
	POPL	BP
	RET

// nocgo_callback_common is entered from a callback entry point
// (zcallback_386.s) with the slot number in CX and the C caller's
// arguments untouched at 4(SP) upwards. It builds a cbFrame on the C stack
// and runs callbackDispatch through crosscall2, which saves the
// callee-saved registers; only BP is used here besides the scratch
// registers, and it is saved. Then it returns the result in AX (DX) or
// st(0).
TEXT nocgo_callback_common(SB), NOSPLIT|NOFRAME, $0-0
	PUSHL	BP
	MOVL	SP, BP
	// crosscall2's four argument words at 0(SP), the cbFrame at 16(SP).
	SUBL	$(16+cbFrame__size), SP
	ANDL	$~15, SP	// aligned, so crosscall2 is entered as C code expects
	MOVL	CX, (16+cbFrame_index)(SP)	// slot
	LEAL	8(BP), AX	// above the saved BP and the return address
	MOVL	AX, (16+cbFrame_stack)(SP)	// first stack argument
	MOVL	$const_flagResultInt, (16+cbFrame_flags)(SP)	// no float result unless set

	MOVL	·callbackDispatchPC(SB), AX
	MOVL	AX, 0(SP)	// fn
	LEAL	16(SP), AX
	MOVL	AX, 4(SP)	// a = the cbFrame
	MOVL	$0, 8(SP)	// n (unused)
	MOVL	$0, 12(SP)	// ctxt
	CALL	crosscall2(SB)

	// An int (or void) result must leave the x87 stack empty; a float
	// one must be on it.
	CMPL	(16+cbFrame_flags)(SP), $const_flagResultFloat64
	JNE	ints
	FMOVD	(16+cbFrame_f0)(SP), F0	// push f0 as st(0)
ints:
	MOVL	(16+cbFrame_r0)(SP), AX	// result, or its low word
	MOVL	(16+cbFrame_r1)(SP), DX	// high word of a 64-bit result
	CMPL	(16+cbFrame_flags)(SP), $const_flagResultStruct
	MOVL	BP, SP
	POPL	BP
	JEQ	popHidden
	RET
popHidden:
	// A struct result: the callee pops the hidden result pointer (ret $4).
	POPL	CX	// the return address
	ADDL	$4, SP
	JMP	CX
