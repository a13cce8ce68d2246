//go:build linux

#include "textflag.h"
#include "go_asm.h"

// LoongArch LP64D procedure call standard (LoongArch ELF ABI, "Procedure
// Call Standard for the LoongArch Architecture"); abi_loong64.go says
// where each argument goes. Arguments in R4-R11 (a0-a7) and F0-F7
// (fa0-fa7), results in R4 (R5) and F0, return address in R1 (ra).
// Callee-saved: R22 (fp, Go's g), R23-R31 (s0-s8), F24-F31 (fs0-fs7), R3
// (sp). R2 (tp) and R21 (reserved) are left alone. sp is 16-byte aligned
// at every call; stack arguments start at 0(R3) on entry; there is no red
// zone. R12-R20 (t0-t8) are temporaries in C and Go alike. R30 is Go's
// assembler temporary (REGTMP) and callee-saved in C: nothing below makes
// the assembler use it (addresses are built with PCALAU12I+ADDI into the
// target register, offsets fit the instructions).

// nocgo_ffi_call(fr *callFrame) performs one C call. It is itself called
// with the C convention (R4 = fr) by runtime·asmcgocall, on the g0 stack,
// which asmcgocall leaves only 8-byte aligned: we align it here. fr is on
// the goroutine stack, which a callback may move during the call:
// everything is read from it before the call, including res, the results'
// destination, kept in R24. R4 is left holding the result, which
// asmcgocall passes back (its low 32 bits) as cgocall's return value.
//
// Frame (16-byte aligned, R23 points at it during the call):
//   0 the caller's R3, 8 R1, 16 R23, 24 R24
// and below it the outgoing stack arguments.
TEXT nocgo_ffi_call(SB), NOSPLIT|NOFRAME, $0-0
	MOVV	R3, R12
	ADDV	$-32, R3, R13
	MOVV	$~15, R14
	AND	R14, R13
	MOVV	R13, R3
	MOVV	R12, 0(R3)	// the caller's R3
	MOVV	R1, 8(R3)	// return address into asmcgocall
	MOVV	R23, 16(R3)	// s0, callee-saved: our frame pointer
	MOVV	R24, 24(R3)	// s1, callee-saved: res across the call
	MOVV	R3, R23
	MOVV	R4, R15	// fr, while the arguments are loaded
	MOVV	callFrame_res(R15), R24

	// Outgoing stack arguments: nstack 8-byte slots at 0(R3) upwards,
	// the area rounded up to 16 bytes to keep R3 aligned.
	MOVV	callFrame_nstack(R15), R12
	SLLV	$3, R12, R13
	ADDV	$15, R13
	AND	R14, R13	// R14 is still ~15
	SUBV	R13, R3, R16
	MOVV	R16, R3
	ADDV	$callFrame_stack, R15, R13	// from
copy:
	BEQ	R12, regs
	MOVV	0(R13), R17
	MOVV	R17, 0(R16)	// stack argument word
	ADDV	$8, R13
	ADDV	$8, R16
	ADDV	$-1, R12
	JMP	copy

regs:
	MOVV	(callFrame_gpr+0*8)(R15), R4
	MOVV	(callFrame_gpr+1*8)(R15), R5
	MOVV	(callFrame_gpr+2*8)(R15), R6
	MOVV	(callFrame_gpr+3*8)(R15), R7
	MOVV	(callFrame_gpr+4*8)(R15), R8
	MOVV	(callFrame_gpr+5*8)(R15), R9
	MOVV	(callFrame_gpr+6*8)(R15), R10
	MOVV	(callFrame_gpr+7*8)(R15), R11
	MOVD	(callFrame_fpr+0*8)(R15), F0
	MOVD	(callFrame_fpr+1*8)(R15), F1
	MOVD	(callFrame_fpr+2*8)(R15), F2
	MOVD	(callFrame_fpr+3*8)(R15), F3
	MOVD	(callFrame_fpr+4*8)(R15), F4
	MOVD	(callFrame_fpr+5*8)(R15), F5
	MOVD	(callFrame_fpr+6*8)(R15), F6
	MOVD	(callFrame_fpr+7*8)(R15), F7
	MOVV	callFrame_fn(R15), R12
	JAL	(R12)

	MOVV	R4, callResult_r0(R24)	// integer result
	MOVV	R5, callResult_r1(R24)	// second word of a struct result
	MOVD	F0, callResult_f0(R24)	// FP result; a float32 is the low half
	MOVD	F1, callResult_fhi(R24)	// second float member of a struct result
	MOVV	R23, R3
	MOVV	24(R3), R24
	MOVV	16(R3), R23
	MOVV	8(R3), R1
	MOVV	0(R3), R3
	RET

// nocgo_callback_common is entered from a callback entry point
// (zcallback_loong64.s) with the slot number in R12 and the C caller's
// arguments untouched: R3 points at its first stack argument. It records
// them in a cbFrame on the C stack and runs callbackDispatch through
// crosscall2, which saves the callee-saved registers. Then it returns the
// result in R4 (R5) and F0.
//
// Frame: 0 R23, 8 R1 (R23 points at it during the call), and below it
// the cbFrame, 16-byte aligned.
TEXT nocgo_callback_common(SB), NOSPLIT|NOFRAME, $0-0
	MOVV	R3, R13	// the caller's stack arguments start here
	ADDV	$-16, R3
	MOVV	R1, 8(R3)	// return address
	MOVV	R23, 0(R3)	// s0, callee-saved: our frame pointer
	MOVV	R3, R23
	ADDV	$-cbFrame__size, R3, R14
	MOVV	$~15, R15
	AND	R15, R14	// aligned, so crosscall2 is entered as C code expects
	MOVV	R14, R3
	MOVV	R12, cbFrame_index(R3)	// slot
	MOVV	R13, cbFrame_stack(R3)	// the caller's stack arguments
	MOVV	R4, (cbFrame_gpr+0*8)(R3)	// integer argument registers
	MOVV	R5, (cbFrame_gpr+1*8)(R3)
	MOVV	R6, (cbFrame_gpr+2*8)(R3)
	MOVV	R7, (cbFrame_gpr+3*8)(R3)
	MOVV	R8, (cbFrame_gpr+4*8)(R3)
	MOVV	R9, (cbFrame_gpr+5*8)(R3)
	MOVV	R10, (cbFrame_gpr+6*8)(R3)
	MOVV	R11, (cbFrame_gpr+7*8)(R3)
	MOVD	F0, (cbFrame_fpr+0*8)(R3)	// FP argument registers, 64 bits each
	MOVD	F1, (cbFrame_fpr+1*8)(R3)
	MOVD	F2, (cbFrame_fpr+2*8)(R3)
	MOVD	F3, (cbFrame_fpr+3*8)(R3)
	MOVD	F4, (cbFrame_fpr+4*8)(R3)
	MOVD	F5, (cbFrame_fpr+5*8)(R3)
	MOVD	F6, (cbFrame_fpr+6*8)(R3)
	MOVD	F7, (cbFrame_fpr+7*8)(R3)

	// Read the variable through its address in R4: a direct load might
	// go through R30, which is not saved yet.
	MOVV	$·callbackDispatchPC(SB), R4
	MOVV	(R4), R4	// fn
	MOVV	R3, R5	// a = the cbFrame
	MOVV	R0, R6	// n (unused)
	MOVV	R0, R7	// ctxt
	JAL	crosscall2(SB)

	MOVV	cbFrame_r0(R3), R4
	MOVV	cbFrame_r1(R3), R5
	MOVD	cbFrame_f0(R3), F0
	MOVD	cbFrame_fhi(R3), F1	// second float member of a struct result
	MOVV	R23, R3
	MOVV	0(R3), R23
	MOVV	8(R3), R1
	ADDV	$16, R3
	RET
