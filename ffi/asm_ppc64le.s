//go:build linux

#include "textflag.h"
#include "go_asm.h"

// 64-bit ELF V2 ABI (OpenPOWER "64-Bit ELF V2 ABI Specification" 1.5,
// section 2.2 "Function Calling Sequence"); abi_ppc64le.go says where
// each argument goes.
//   integer arguments  R3-R10, results R3 (R4)
//   float arguments    F1-F13, result F1 (always double precision)
//   callee-saved       R14-R31, F14-F31, V20-V31, CR2-CR4, R1, and R2
//                      across a local call; R13 is the thread pointer
//   stack frame        R1 16-byte aligned; 0(R1) back chain, 8(R1) CR
//                      save, 16(R1) LR save, 24(R1) TOC save, then the
//                      parameter save area from 32(R1), one doubleword
//                      per argument: stack arguments (doubleword 8 on)
//                      start at 96(R1). A callee stores its LR and CR
//                      into its caller's frame, at 16(R1) and 8(R1).
//   the 288 bytes below R1 are a protected zone for leaf code; nothing
//   here keeps data there.
// Go's R0 must read zero, and Go keeps g in R30 and R31 as REGTMP.

// nocgo_ffi_call's frame: the fixed part, a parameter save area with room
// for the 8 register doublewords and every stack word, and R14's save slot.
#define PSA_SIZE	(8*(8+const_maxStackWords))
#define CALL_R14	(32+PSA_SIZE)
#define CALL_FRAME	(CALL_R14+16)

// nocgo_ffi_call(fr *callFrame) performs one C call. It is itself called
// with the C convention (R3 = fr, R12 = its own address) by
// runtime·asmcgocall, on the g0 stack. fr is on the goroutine stack,
// which a callback may move during the call: everything is read from it
// before the call, including res, the results' destination, kept in R14.
// R3 is left holding the result, which asmcgocall passes back (its low
// 32 bits) as cgocall's return value.
TEXT nocgo_ffi_call(SB), NOSPLIT|NOFRAME, $0-0
	MOVD	LR, R0
	MOVD	R0, 16(R1)	// our return address, into the caller's LR save doubleword
	MOVDU	R1, -CALL_FRAME(R1)	// open the frame; 0(R1) = back chain
	MOVD	R2, 24(R1)	// TOC save: the callee may set R2 to its own TOC
	MOVD	R14, CALL_R14(R1)	// R14 holds res across the call
	MOVD	R3, R11	// fr, while the arguments are loaded
	MOVD	callFrame_res(R11), R14

	// The caller of a function with stack arguments must provide the
	// whole parameter save area, and a callee may spill its register
	// arguments there: ours is always there. Build the image of every
	// argument doubleword in it: 0-7 from gpr, 8 on from stack[:nstack],
	// then each FPR argument's double image over its own doubleword, for
	// a variadic callee; then load R3-R10 from doublewords 0-7.
	MOVD	(callFrame_gpr+0*8)(R11), R3
	MOVD	(callFrame_gpr+1*8)(R11), R4
	MOVD	(callFrame_gpr+2*8)(R11), R5
	MOVD	(callFrame_gpr+3*8)(R11), R6
	MOVD	(callFrame_gpr+4*8)(R11), R7
	MOVD	(callFrame_gpr+5*8)(R11), R8
	MOVD	(callFrame_gpr+6*8)(R11), R9
	MOVD	(callFrame_gpr+7*8)(R11), R10
	MOVD	R3, (32+0*8)(R1)	// doublewords 0-7: the GPR arguments
	MOVD	R4, (32+1*8)(R1)
	MOVD	R5, (32+2*8)(R1)
	MOVD	R6, (32+3*8)(R1)
	MOVD	R7, (32+4*8)(R1)
	MOVD	R8, (32+5*8)(R1)
	MOVD	R9, (32+6*8)(R1)
	MOVD	R10, (32+7*8)(R1)

	MOVD	callFrame_nstack(R11), R5
	ADD	$callFrame_stack, R11, R6
	ADD	$(32+8*8), R1, R7
copy:
	CMP	R5, $0
	BEQ	mirror
	MOVD	0(R6), R8
	MOVD	R8, 0(R7)	// doubleword 8 on: a stack argument
	ADD	$8, R6
	ADD	$8, R7
	ADD	$-1, R5
	BR	copy

mirror:
	// flags: bits 0-3 the FPR argument count, then 4 bits per FPR
	// argument, its doubleword (abi_ppc64le.go).
	MOVD	callFrame_flags(R11), R5
	ANDCC	$15, R5, R6
	SRD	$4, R5
	ADD	$callFrame_fpr, R11, R7
mirror1:
	CMP	R6, $0
	BEQ	regs
	ANDCC	$15, R5, R8
	SLD	$3, R8
	ADD	$32, R8
	MOVD	0(R7), R9
	MOVD	R9, (R1)(R8)	// its doubleword: an FPR argument's double image
	SRD	$4, R5
	ADD	$8, R7
	ADD	$-1, R6
	BR	mirror1

regs:
	MOVD	(32+0*8)(R1), R3
	MOVD	(32+1*8)(R1), R4
	MOVD	(32+2*8)(R1), R5
	MOVD	(32+3*8)(R1), R6
	MOVD	(32+4*8)(R1), R7
	MOVD	(32+5*8)(R1), R8
	MOVD	(32+6*8)(R1), R9
	MOVD	(32+7*8)(R1), R10
	FMOVD	(callFrame_fpr+0*8)(R11), F1
	FMOVD	(callFrame_fpr+1*8)(R11), F2
	FMOVD	(callFrame_fpr+2*8)(R11), F3
	FMOVD	(callFrame_fpr+3*8)(R11), F4
	FMOVD	(callFrame_fpr+4*8)(R11), F5
	FMOVD	(callFrame_fpr+5*8)(R11), F6
	FMOVD	(callFrame_fpr+6*8)(R11), F7
	FMOVD	(callFrame_fpr+7*8)(R11), F8
	FMOVD	(callFrame_fpr+8*8)(R11), F9
	FMOVD	(callFrame_fpr+9*8)(R11), F10
	FMOVD	(callFrame_fpr+10*8)(R11), F11
	FMOVD	(callFrame_fpr+11*8)(R11), F12
	FMOVD	(callFrame_fpr+12*8)(R11), F13
	// A global entry point derives its TOC pointer from R12, which must
	// hold the address being called.
	MOVD	callFrame_fn(R11), R12
	MOVD	R12, CTR
	BL	(CTR)
	MOVD	24(R1), R2	// our TOC pointer back

	MOVD	R3, callResult_r0(R14)	// integer result
	MOVD	R4, callResult_r1(R14)	// second doubleword of a struct result
	FMOVD	F1, callResult_f0(R14)	// float result, in double precision
	FMOVD	F2, (callResult_fhi+0*8)(R14)	// f2-f8: members of a homogeneous struct result
	FMOVD	F3, (callResult_fhi+1*8)(R14)
	FMOVD	F4, (callResult_fhi+2*8)(R14)
	FMOVD	F5, (callResult_fhi+3*8)(R14)
	FMOVD	F6, (callResult_fhi+4*8)(R14)
	FMOVD	F7, (callResult_fhi+5*8)(R14)
	FMOVD	F8, (callResult_fhi+6*8)(R14)
	MOVD	CALL_R14(R1), R14
	ADD	$CALL_FRAME, R1
	MOVD	16(R1), R0
	MOVD	R0, LR
	RET

// nocgo_callback_common's frame: the fixed part, then the cbFrame.
// crosscall2 takes four register arguments and needs no parameter save
// area from us.
#define CB_FRAME_AT	32
#define CB_FRAME	((CB_FRAME_AT+cbFrame__size+15)&~15)

// nocgo_callback_common is entered from a callback entry point
// (zcallback_ppc64le.s) with the slot number in R11 and the C caller's
// arguments untouched. It records them in a cbFrame on the C stack and
// runs callbackDispatch through crosscall2, which saves the callee-saved
// registers and sets up what Go needs. Then it returns the result in R3
// (R4) and F1.
TEXT nocgo_callback_common(SB), NOSPLIT|NOFRAME, $0-0
	MOVD	LR, R0
	MOVD	R0, 16(R1)	// our return address, into the caller's LR save doubleword
	MOVDU	R1, -CB_FRAME(R1)	// open the frame; 0(R1) = back chain
	MOVD	R2, 24(R1)	// TOC save, restored for the caller
	MOVD	R11, (CB_FRAME_AT+cbFrame_index)(R1)	// slot number
	// The caller's stack arguments are its parameter save area's
	// doublewords 8 on, 96 bytes above its R1 (our back chain). Go reads
	// there only for arguments the plan puts on the stack: a caller that
	// passes everything in registers need not provide that area at all.
	ADD	$(CB_FRAME+96), R1, R11
	MOVD	R11, (CB_FRAME_AT+cbFrame_stack)(R1)	// the caller's first stack argument
	MOVD	R3, (CB_FRAME_AT+cbFrame_gpr+0*8)(R1)	// integer argument registers
	MOVD	R4, (CB_FRAME_AT+cbFrame_gpr+1*8)(R1)
	MOVD	R5, (CB_FRAME_AT+cbFrame_gpr+2*8)(R1)
	MOVD	R6, (CB_FRAME_AT+cbFrame_gpr+3*8)(R1)
	MOVD	R7, (CB_FRAME_AT+cbFrame_gpr+4*8)(R1)
	MOVD	R8, (CB_FRAME_AT+cbFrame_gpr+5*8)(R1)
	MOVD	R9, (CB_FRAME_AT+cbFrame_gpr+6*8)(R1)
	MOVD	R10, (CB_FRAME_AT+cbFrame_gpr+7*8)(R1)
	FMOVD	F1, (CB_FRAME_AT+cbFrame_fpr+0*8)(R1)	// FP argument registers, in double precision
	FMOVD	F2, (CB_FRAME_AT+cbFrame_fpr+1*8)(R1)
	FMOVD	F3, (CB_FRAME_AT+cbFrame_fpr+2*8)(R1)
	FMOVD	F4, (CB_FRAME_AT+cbFrame_fpr+3*8)(R1)
	FMOVD	F5, (CB_FRAME_AT+cbFrame_fpr+4*8)(R1)
	FMOVD	F6, (CB_FRAME_AT+cbFrame_fpr+5*8)(R1)
	FMOVD	F7, (CB_FRAME_AT+cbFrame_fpr+6*8)(R1)
	FMOVD	F8, (CB_FRAME_AT+cbFrame_fpr+7*8)(R1)
	FMOVD	F9, (CB_FRAME_AT+cbFrame_fpr+8*8)(R1)
	FMOVD	F10, (CB_FRAME_AT+cbFrame_fpr+9*8)(R1)
	FMOVD	F11, (CB_FRAME_AT+cbFrame_fpr+10*8)(R1)
	FMOVD	F12, (CB_FRAME_AT+cbFrame_fpr+11*8)(R1)
	FMOVD	F13, (CB_FRAME_AT+cbFrame_fpr+12*8)(R1)

	MOVD	·callbackDispatchPC(SB), R3	// fn
	ADD	$CB_FRAME_AT, R1, R4	// a = the cbFrame
	MOVD	$0, R5	// n (unused)
	MOVD	$0, R6	// ctxt
	// An indirect call, hidden from the linker's check that chains of
	// NOSPLIT functions fit in the stack guard: nocgo_cbN -> here ->
	// crosscall2 -> cgocallback exceeds it, but this part runs on the C
	// thread's stack, not a goroutine's. R12 = the address called, as
	// for any global entry point.
	MOVD	$crosscall2(SB), R12
	MOVD	R12, CTR
	BL	(CTR)
	MOVD	24(R1), R2	// the caller's TOC pointer back

	MOVD	(CB_FRAME_AT+cbFrame_r0)(R1), R3
	MOVD	(CB_FRAME_AT+cbFrame_r1)(R1), R4
	FMOVD	(CB_FRAME_AT+cbFrame_f0)(R1), F1
	FMOVD	(CB_FRAME_AT+cbFrame_fhi+0*8)(R1), F2	// f2-f8: members of a homogeneous struct result
	FMOVD	(CB_FRAME_AT+cbFrame_fhi+1*8)(R1), F3
	FMOVD	(CB_FRAME_AT+cbFrame_fhi+2*8)(R1), F4
	FMOVD	(CB_FRAME_AT+cbFrame_fhi+3*8)(R1), F5
	FMOVD	(CB_FRAME_AT+cbFrame_fhi+4*8)(R1), F6
	FMOVD	(CB_FRAME_AT+cbFrame_fhi+5*8)(R1), F7
	FMOVD	(CB_FRAME_AT+cbFrame_fhi+6*8)(R1), F8
	ADD	$CB_FRAME, R1
	MOVD	16(R1), R0
	MOVD	R0, LR
	RET
