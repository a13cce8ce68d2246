//go:build linux

#include "textflag.h"
#include "go_asm.h"

// AAPCS32 with the VFP (hard-float) variant, as used by C on linux/arm
// gnueabihf (IHI 0042, "Procedure Call Standard for the Arm
// Architecture"); abi_arm.go says where each argument goes.
//   argument registers  r0-r3, d0-d7 (= s0-s15); results r0 (r0:r1), s0/d0
//   callee-saved        r4-r11, d8-d15, sp; r12 (ip) and lr are scratch
//   stack arguments     at [sp] on entry, no red zone, no back chain
//   sp is 8-byte aligned at every call across a public interface.
// In Go assembly R10 is g and R11 is REGTMP: the assembler may use R11 to
// build a large offset or address, so nocgo_callback_common, entered from
// C, saves it first. F<n> names d<n>; only whole d registers are moved, so
// the s registers of float32 arguments travel as halves of d images.

// nocgo_ffi_call(fr *callFrame) performs one C call. It is itself called
// with the C convention (r0 = fr) by runtime·asmcgocall, on the g0 stack
// with sp 8-byte aligned. fr is on the goroutine stack, which a callback
// may move during the call: everything is read from it before the call,
// including res, the results' destination, kept in r5 (callee-saved in C).
// r0 is left holding the result, which asmcgocall passes back as cgocall's
// return value.
TEXT nocgo_ffi_call(SB), NOSPLIT|NOFRAME, $0-0
	// r4: fr while the arguments are loaded, r5: res, r6: sp to restore,
	// lr to return. Four words keep sp 8-byte aligned.
	MOVM.DB.W	[R4, R5, R6, R14], (R13)
	MOVW	R0, R4	// fr
	MOVW	callFrame_res(R4), R5	// res
	MOVW	R13, R6	// sp after the pushes

	// Outgoing stack arguments: nstack words at [sp] upwards, with sp
	// 8-byte aligned at the call (64-bit stack arguments are laid out at
	// even word indexes, so they land 8-byte aligned too).
	MOVW	callFrame_nstack(R4), R1
	MOVW	R1<<2, R2
	SUB	R2, R13
	BIC	$7, R13
	MOVW	$callFrame_stack(R4), R2	// source
	MOVW	R13, R3	// destination
copy:
	CMP	$0, R1
	BEQ	regs
	MOVW.P	4(R2), R0	// load a word, advance the source
	MOVW.P	R0, 4(R3)	// store it, advance the destination
	SUB	$1, R1
	B	copy

regs:
	// All eight d registers: float32 arguments sit in their halves
	// (s<2n> low, s<2n+1> high), unused ones hold whatever fpr had.
	MOVD	(callFrame_fpr+0*8)(R4), F0
	MOVD	(callFrame_fpr+1*8)(R4), F1
	MOVD	(callFrame_fpr+2*8)(R4), F2
	MOVD	(callFrame_fpr+3*8)(R4), F3
	MOVD	(callFrame_fpr+4*8)(R4), F4
	MOVD	(callFrame_fpr+5*8)(R4), F5
	MOVD	(callFrame_fpr+6*8)(R4), F6
	MOVD	(callFrame_fpr+7*8)(R4), F7
	MOVW	(callFrame_gpr+0*4)(R4), R0
	MOVW	(callFrame_gpr+1*4)(R4), R1
	MOVW	(callFrame_gpr+2*4)(R4), R2
	MOVW	(callFrame_gpr+3*4)(R4), R3
	MOVW	callFrame_fn(R4), R12
	BL	(R12)	// BLX: fn may be Thumb code

	MOVW	R0, callResult_r0(R5)	// integer result, low word
	MOVW	R1, callResult_r1(R5)	// high word of a 64-bit result
	MOVD	F0, callResult_f0(R5)	// d0 (a float32 result is s0, its low half)
	MOVD	F1, (callResult_fhi+0*8)(R5)	// d1-d3: members of an HFA result
	MOVD	F2, (callResult_fhi+1*8)(R5)
	MOVD	F3, (callResult_fhi+2*8)(R5)
	MOVW	R6, R13
	MOVM.IA.W	(R13), [R4, R5, R6, R14]
	RET

// nocgo_callback_common is entered from a callback entry point
// (zcallback_arm.s) with the entry's address + 8 in R12 (ip, scratch in C:
// the entry read pc; callbackSlot turns it into the slot number) and the
// C caller's arguments untouched: r0-r3, d0-d7, stack arguments at [sp].
// It records them in a cbFrame on the C stack and runs callbackDispatch
// through crosscall2, which saves the callee-saved registers for the Go
// code. Then it returns the result in r0 (r1) and d0 (s0).
TEXT nocgo_callback_common(SB), NOSPLIT|NOFRAME, $0-0
	// r4 holds the entry sp across crosscall2 (which preserves it);
	// r11 is saved before the assembler can use it; lr to return.
	// Four words keep sp as aligned as it was.
	MOVM.DB.W	[R4, R5, R11, R14], (R13)
	MOVW	R13, R4	// sp after the pushes
	SUB	$cbFrame__size, R13
	BIC	$7, R13	// aligned, so crosscall2 is entered as C code expects
	MOVW	R12, cbFrame_index(R13)	// slot number
	ADD	$16, R4, R5	// the caller's sp: its first stack argument
	MOVW	R5, cbFrame_stack(R13)
	MOVW	R0, (cbFrame_gpr+0*4)(R13)	// r0
	MOVW	R1, (cbFrame_gpr+1*4)(R13)	// r1
	MOVW	R2, (cbFrame_gpr+2*4)(R13)	// r2
	MOVW	R3, (cbFrame_gpr+3*4)(R13)	// r3
	MOVD	F0, (cbFrame_fpr+0*8)(R13)	// d0 = s0:s1
	MOVD	F1, (cbFrame_fpr+1*8)(R13)	// d1 = s2:s3
	MOVD	F2, (cbFrame_fpr+2*8)(R13)	// d2 = s4:s5
	MOVD	F3, (cbFrame_fpr+3*8)(R13)	// d3 = s6:s7
	MOVD	F4, (cbFrame_fpr+4*8)(R13)	// d4 = s8:s9
	MOVD	F5, (cbFrame_fpr+5*8)(R13)	// d5 = s10:s11
	MOVD	F6, (cbFrame_fpr+6*8)(R13)	// d6 = s12:s13
	MOVD	F7, (cbFrame_fpr+7*8)(R13)	// d7 = s14:s15

	MOVW	$·callbackDispatchPC(SB), R0
	MOVW	(R0), R0	// fn
	MOVW	R13, R1	// a = the cbFrame
	MOVW	$0, R2	// n (unused)
	MOVW	$0, R3	// ctxt
	BL	crosscall2(SB)

	MOVW	cbFrame_r0(R13), R0	// result, low word
	MOVW	cbFrame_r1(R13), R1	// high word of a 64-bit result
	MOVD	cbFrame_f0(R13), F0	// d0 (s0 for a float32 result)
	MOVD	(cbFrame_fhi+0*8)(R13), F1	// d1-d3: members of an HFA result
	MOVD	(cbFrame_fhi+1*8)(R13), F2
	MOVD	(cbFrame_fhi+2*8)(R13), F3
	MOVW	R4, R13
	// Popping the return address into pc returns in the caller's
	// instruction set (ARM or Thumb).
	MOVM.IA.W	(R13), [R4, R5, R11, R15]
