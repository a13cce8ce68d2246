//go:build linux

#include "textflag.h"
#include "go_asm.h"

// AAPCS64 (Arm IHI 0055) on linux/arm64; abi_arm64.go says where each
// argument goes. Arguments R0-R7 and F0-F7 (V0-V7), results R0 and F0;
// R8 carries the address of a struct result returned in memory. Callee-saved: R19-R29, the low 64 bits
// of V8-V15, RSP; R30 (LR) holds our own return address. R18 (platform
// register) is left alone. RSP stays 16-byte aligned (the hardware checks
// it) and there is no red zone. Stack arguments start at 0(RSP) at the
// call. R27 is the Go assembler's temporary (REGTMP) and callee-saved in
// C: nothing below makes the assembler use it before R27 is saved
// (addresses are built with ADRP+ADD into the target register, offsets
// fit the instructions).

// nocgo_ffi_call(fr *callFrame) performs one C call. It is itself called
// with the C convention (R0 = fr) by runtime·asmcgocall, on the g0 stack.
// fr is on the goroutine stack, which a callback may move during the
// call: everything is read from it before the call, including res, the
// results' destination, kept in R19. R0 is left holding the result, which
// asmcgocall passes back (its low 32 bits) as cgocall's return value.
TEXT nocgo_ffi_call(SB), NOSPLIT|NOFRAME, $0-0
	STP.W	(R29, R30), -32(RSP)	// frame record: old frame pointer, return address
	MOVD	R19, 16(RSP)	// R19 holds res across the call
	MOVD	RSP, R29	// frame pointer; also how RSP is restored
	MOVD	R0, R15	// fr, while the arguments are loaded
	MOVD	callFrame_res(R15), R19

	// Outgoing stack arguments: nstack 8-byte slots at 0(RSP) upwards,
	// the area rounded up to 16 bytes to keep RSP aligned.
	MOVD	callFrame_nstack(R15), R10
	LSL	$3, R10, R11
	ADD	$15, R11
	AND	$~15, R11
	MOVD	RSP, R12
	SUB	R11, R12
	MOVD	R12, RSP
	ADD	$callFrame_stack, R15, R13
copy:
	CBZ	R10, regs
	MOVD.P	8(R13), R14
	MOVD.P	R14, 8(R12)	// stack argument word
	SUB	$1, R10
	B	copy

regs:
	LDP	(callFrame_gpr+0*8)(R15), (R0, R1)
	LDP	(callFrame_gpr+2*8)(R15), (R2, R3)
	LDP	(callFrame_gpr+4*8)(R15), (R4, R5)
	LDP	(callFrame_gpr+6*8)(R15), (R6, R7)
	FLDPD	(callFrame_fpr+0*8)(R15), (F0, F1)
	FLDPD	(callFrame_fpr+2*8)(R15), (F2, F3)
	FLDPD	(callFrame_fpr+4*8)(R15), (F4, F5)
	FLDPD	(callFrame_fpr+6*8)(R15), (F6, F7)
	MOVD	callFrame_ind(R15), R8	// indirect result location (struct results in memory)
	MOVD	callFrame_fn(R15), R9
	BL	(R9)

	MOVD	R0, callResult_r0(R19)	// integer result
	MOVD	R1, callResult_r1(R19)	// second word of a struct result
	FMOVD	F0, callResult_f0(R19)	// FP result; a float32 is S0, the low half
	FMOVD	F1, (callResult_fhi+0*8)(R19)	// members 2-4 of an HFA result
	FMOVD	F2, (callResult_fhi+1*8)(R19)
	FMOVD	F3, (callResult_fhi+2*8)(R19)
	MOVD	R29, RSP
	MOVD	16(RSP), R19
	LDP.P	32(RSP), (R29, R30)
	RET

// nocgo_callback_common is entered from a callback entry point
// (zcallback_arm64.s) with the slot number in R9 and the C caller's
// arguments untouched: RSP points at its first stack argument. It records
// them in a cbFrame on the C stack and runs callbackDispatch through
// crosscall2, which saves the callee-saved registers. Then it returns the
// result in R0 (R1) and F0.
TEXT nocgo_callback_common(SB), NOSPLIT|NOFRAME, $0-0
	MOVD	RSP, R10	// the caller's stack arguments start here
	STP.W	(R29, R30), -16(RSP)	// frame record: old frame pointer, return address
	MOVD	RSP, R29	// crosscall2 preserves it: RSP is restored from it
	MOVD	RSP, R11
	SUB	$cbFrame__size, R11
	AND	$~15, R11	// aligned, so crosscall2 is entered as C code expects
	MOVD	R11, RSP
	MOVD	R9, cbFrame_index(RSP)	// slot
	MOVD	R10, cbFrame_stack(RSP)	// the caller's stack arguments
	STP	(R0, R1), (cbFrame_gpr+0*8)(RSP)	// integer argument registers
	STP	(R2, R3), (cbFrame_gpr+2*8)(RSP)
	STP	(R4, R5), (cbFrame_gpr+4*8)(RSP)
	STP	(R6, R7), (cbFrame_gpr+6*8)(RSP)
	FSTPD	(F0, F1), (cbFrame_fpr+0*8)(RSP)	// FP argument registers, as D registers
	FSTPD	(F2, F3), (cbFrame_fpr+2*8)(RSP)
	FSTPD	(F4, F5), (cbFrame_fpr+4*8)(RSP)
	FSTPD	(F6, F7), (cbFrame_fpr+6*8)(RSP)
	MOVD	R8, cbFrame_ind(RSP)	// where a struct result returned in memory goes

	// Read the variable through its address in R0: a direct load would
	// go through R27, which is not saved yet.
	MOVD	$·callbackDispatchPC(SB), R0
	MOVD	(R0), R0	// fn
	MOVD	RSP, R1	// a = the cbFrame
	MOVD	ZR, R2	// n (unused)
	MOVD	ZR, R3	// ctxt
	BL	crosscall2(SB)

	MOVD	cbFrame_r0(RSP), R0
	MOVD	cbFrame_r1(RSP), R1
	FMOVD	cbFrame_f0(RSP), F0
	FMOVD	(cbFrame_fhi+0*8)(RSP), F1	// members 2-4 of an HFA result
	FMOVD	(cbFrame_fhi+1*8)(RSP), F2
	FMOVD	(cbFrame_fhi+2*8)(RSP), F3
	MOVD	R29, RSP
	LDP.P	16(RSP), (R29, R30)
	RET
