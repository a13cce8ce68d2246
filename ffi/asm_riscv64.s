//go:build linux

#include "textflag.h"
#include "go_asm.h"

// RISC-V LP64D calling convention (RISC-V ELF psABI specification,
// "Procedure Calling Convention"); abi_riscv64.go says where each argument
// goes. Arguments in A0-A7 (X10-X17) and FA0-FA7 (F10-F17), results in
// A0 (A1) and FA0, return address in RA (X1). Callee-saved: S0-S11 (X8 X9
// X18-X27), FS0-FS11 (F8 F9 F18-F27), SP. SP is 16-byte aligned at every
// call; stack arguments start at 0(SP) on entry; there is no red zone.
// X5 (T0) is a temporary in C and Go alike; X31 is Go's assembler
// temporary (and the linker's trampoline register), so it is not used to
// carry anything across an instruction that might need it.

// nocgo_ffi_call(fr *callFrame) performs one C call. It is itself called
// with the C convention (A0 = fr) by runtime·asmcgocall, on the g0 stack,
// which asmcgocall does not align: we align it here. fr is on the
// goroutine stack, which a callback may move during the call: everything
// is read from it before the call, including res, the results'
// destination, kept in S1. A0 is left holding the result, which
// asmcgocall passes back (its low 32 bits) as cgocall's return value.
//
// Frame (16-byte aligned, S0 points at it during the call):
//   0 the caller's SP, 8 RA, 16 S0, 24 S1
// and below it the outgoing stack arguments.
TEXT nocgo_ffi_call(SB), NOSPLIT|NOFRAME, $0-0
	MOV	X2, X6
	ADD	$-32, X6, X30
	AND	$~15, X30
	MOV	X30, X2
	MOV	X6, 0(X2)	// the caller's SP
	MOV	RA, 8(X2)	// return address into asmcgocall
	MOV	X8, 16(X2)	// S0, callee-saved: our frame pointer
	MOV	X9, 24(X2)	// S1, callee-saved: res across the call
	MOV	X2, X8
	MOV	A0, X7	// fr, while the arguments are loaded
	MOV	callFrame_res(X7), X9

	// Outgoing stack arguments: nstack words at 0(SP) upwards, the area
	// rounded up to 16 bytes to keep SP aligned.
	MOV	callFrame_nstack(X7), X5
	SLL	$3, X5, X6
	ADD	$15, X6
	AND	$~15, X6
	SUB	X6, X2, X30
	MOV	X30, X2
	ADD	$callFrame_stack, X7, X6	// from
	MOV	X2, X29	// to
copy:
	BEQZ	X5, regs
	MOV	0(X6), X28
	MOV	X28, 0(X29)	// stack argument word
	ADD	$8, X6
	ADD	$8, X29
	ADD	$-1, X5
	JMP	copy

regs:
	MOV	(callFrame_gpr+0*8)(X7), A0
	MOV	(callFrame_gpr+1*8)(X7), A1
	MOV	(callFrame_gpr+2*8)(X7), A2
	MOV	(callFrame_gpr+3*8)(X7), A3
	MOV	(callFrame_gpr+4*8)(X7), A4
	MOV	(callFrame_gpr+5*8)(X7), A5
	MOV	(callFrame_gpr+6*8)(X7), A6
	MOV	(callFrame_gpr+7*8)(X7), A7
	// All 64 bits: fpr[] holds float32 values already NaN-boxed.
	MOVD	(callFrame_fpr+0*8)(X7), F10
	MOVD	(callFrame_fpr+1*8)(X7), F11
	MOVD	(callFrame_fpr+2*8)(X7), F12
	MOVD	(callFrame_fpr+3*8)(X7), F13
	MOVD	(callFrame_fpr+4*8)(X7), F14
	MOVD	(callFrame_fpr+5*8)(X7), F15
	MOVD	(callFrame_fpr+6*8)(X7), F16
	MOVD	(callFrame_fpr+7*8)(X7), F17
	MOV	callFrame_fn(X7), X5
	JALR	RA, (X5)
	// fr may have moved: from here on only res (S1) and our frame.

	MOV	A0, callResult_r0(X9)	// integer result (A0 stays: cgocall's return value)
	MOV	A1, callResult_r1(X9)	// second integer result register
	MOVD	F10, callResult_f0(X9)	// float result, a float32 NaN-boxed
	MOVD	F11, callResult_fhi(X9)	// second float member of a struct result
	MOV	X8, X2
	MOV	24(X2), X9
	MOV	16(X2), X8
	MOV	8(X2), RA
	MOV	0(X2), X2
	RET

// Frame of nocgo_callback_common: the cbFrame at 0(SP), then the return
// address; rounded up to keep SP 16-byte aligned.
#define CB_FRAME	((cbFrame__size+8+15)&~15)

// nocgo_callback_common is entered from a callback entry point
// (zcallback_riscv64.s) with the slot number in X5 and the C caller's
// arguments and RA untouched. It records them in a cbFrame on the C stack
// and runs callbackDispatch through crosscall2, which saves the
// callee-saved registers; of those it uses none itself, and it keeps RA
// in its frame. Then it returns the result in A0 (A1) and FA0.
TEXT nocgo_callback_common(SB), NOSPLIT|NOFRAME, $0-0
	ADD	$-CB_FRAME, X2
	MOV	RA, cbFrame__size(X2)	// return address into C
	MOV	X5, cbFrame_index(X2)	// slot
	ADD	$CB_FRAME, X2, X6
	MOV	X6, cbFrame_stack(X2)	// the caller's SP: its first stack argument
	MOV	A0, (cbFrame_gpr+0*8)(X2)
	MOV	A1, (cbFrame_gpr+1*8)(X2)
	MOV	A2, (cbFrame_gpr+2*8)(X2)
	MOV	A3, (cbFrame_gpr+3*8)(X2)
	MOV	A4, (cbFrame_gpr+4*8)(X2)
	MOV	A5, (cbFrame_gpr+5*8)(X2)
	MOV	A6, (cbFrame_gpr+6*8)(X2)
	MOV	A7, (cbFrame_gpr+7*8)(X2)
	MOVD	F10, (cbFrame_fpr+0*8)(X2)
	MOVD	F11, (cbFrame_fpr+1*8)(X2)
	MOVD	F12, (cbFrame_fpr+2*8)(X2)
	MOVD	F13, (cbFrame_fpr+3*8)(X2)
	MOVD	F14, (cbFrame_fpr+4*8)(X2)
	MOVD	F15, (cbFrame_fpr+5*8)(X2)
	MOVD	F16, (cbFrame_fpr+6*8)(X2)
	MOVD	F17, (cbFrame_fpr+7*8)(X2)

	MOV	·callbackDispatchPC(SB), A0	// fn
	MOV	X2, A1	// a = the cbFrame
	MOV	ZERO, A2	// n (unused)
	MOV	ZERO, A3	// ctxt
	// An indirect call, hidden from the linker's check that chains of
	// NOSPLIT frames fit in a goroutine's stack guard: stub -> here ->
	// crosscall2 -> cgocallback -> ... exceeds it, but this part runs on
	// a C thread's stack, which has room.
	MOV	$crosscall2(SB), X6
	JALR	RA, (X6)

	MOV	cbFrame_r0(X2), A0
	MOV	cbFrame_r1(X2), A1
	MOVD	cbFrame_f0(X2), F10	// a float32 result is stored NaN-boxed
	MOVD	cbFrame_fhi(X2), F11	// second float member of a struct result
	MOV	cbFrame__size(X2), RA
	ADD	$CB_FRAME, X2
	RET
