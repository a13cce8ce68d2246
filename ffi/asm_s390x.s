//go:build linux

#include "textflag.h"
#include "go_asm.h"

// s390x ELF ABI (ELF Application Binary Interface s390x Supplement,
// "Function Calling Sequence"); abi_s390x.go says where each argument
// goes. Arguments in R2-R6 and F0 F2 F4 F6, results in R2 and F0, return
// address in R14. Callee-saved: R6-R13, R15 (SP), F8-F15. Every caller
// gives its callee a 160-byte register save area at 0(R15), in which the
// callee may store R6-R15 at 48-127 (STMG R6, R15, 48(R15)); stack
// arguments follow it, from 160(R15). SP is 8-byte aligned; there is no
// red zone. R1 is scratch in C and Go alike; R10 and R11 are Go's
// assembler temporaries, so they are used only after they are saved.

// nocgo_ffi_call(fr *callFrame) performs one C call. It is itself called
// with the C convention (R2 = fr) by runtime·asmcgocall, on the g0 stack,
// which asmcgocall has 8-byte aligned and given a save area. fr is on the
// goroutine stack, which a callback may move during the call: everything
// is read from it before the call, including res, the results'
// destination, kept in R9. R2 is left holding the result, which
// asmcgocall passes back (its low 32 bits) as cgocall's return value.
//
// Frame: 160 bytes of save area for fn, then the nstack argument words.
// R8 keeps our caller's SP (and so our own save area) across the call:
// R6-R13 are callee-saved, and fn is C.
TEXT nocgo_ffi_call(SB), NOSPLIT|NOFRAME, $0-0
	STMG	R6, R15, 48(R15)	// R6-R13, the return address and SP, into our caller's save area
	MOVD	R15, R8
	MOVD	R2, R7	// fr, while the arguments are loaded
	MOVD	callFrame_res(R7), R9

	MOVD	callFrame_nstack(R7), R1
	SLD	$3, R1, R3
	MOVD	$-160(R15), R15
	SUB	R3, R15	// a multiple of 8: SP stays aligned
	MOVD	R8, 0(R15)	// back chain: our caller's frame
	MOVD	$callFrame_stack(R7), R3	// from
	MOVD	$160(R15), R4	// to: the first stack-argument slot
copy:
	CMPBEQ	R1, $0, regs
	MOVD	0(R3), R5
	MOVD	R5, 0(R4)	// stack argument word, already extended or right-justified
	ADD	$8, R3
	ADD	$8, R4
	SUB	$1, R1
	BR	copy

regs:
	MOVD	(callFrame_gpr+0*8)(R7), R2
	MOVD	(callFrame_gpr+1*8)(R7), R3
	MOVD	(callFrame_gpr+2*8)(R7), R4
	MOVD	(callFrame_gpr+3*8)(R7), R5
	MOVD	(callFrame_gpr+4*8)(R7), R6
	// All 64 bits: fpr[] holds a float32 in the high half already.
	FMOVD	(callFrame_fpr+0*8)(R7), F0
	FMOVD	(callFrame_fpr+1*8)(R7), F2
	FMOVD	(callFrame_fpr+2*8)(R7), F4
	FMOVD	(callFrame_fpr+3*8)(R7), F6
	MOVD	callFrame_fn(R7), R1
	BL	(R1)
	// fr may have moved: from here on only res (R9) and R8.

	MOVD	R2, callResult_r0(R9)	// integer result (R2 stays: cgocall's return value)
	MOVD	R3, callResult_r1(R9)	// unused on s390x: no result takes two registers here
	FMOVD	F0, callResult_f0(R9)	// float result, a float32 in the high half
	LMG	48(R8), R6, R15	// R6-R13, the return address and SP back
	RET

// Frame of nocgo_callback_common: the save area crosscall2 may use, then
// the cbFrame at CB(R15). cbFrame__size is a multiple of 8, so SP stays
// aligned.
#define CB	160
#define CB_FRAME	(CB+cbFrame__size)

// nocgo_callback_common is entered from a callback entry point
// (zcallback_s390x.s) with the slot number in R1 and the C caller's
// arguments and R14 untouched. It records them in a cbFrame on the C
// stack and runs callbackDispatch through crosscall2. It keeps R6-R15 in
// its caller's save area, as any C function may: R6 carries an argument
// but is callee-saved, and R14 is needed to return. Then it returns the
// result in R2 and F0.
TEXT nocgo_callback_common(SB), NOSPLIT|NOFRAME, $0-0
	STMG	R6, R15, 48(R15)	// R6-R13, the return address and SP, into our caller's save area
	MOVD	$-CB_FRAME(R15), R15
	MOVD	R1, (CB+cbFrame_index)(R15)	// slot
	MOVD	$(CB_FRAME+160)(R15), R1
	MOVD	R1, (CB+cbFrame_stack)(R15)	// the caller's first stack argument, above its save area
	MOVD	R2, (CB+cbFrame_gpr+0*8)(R15)
	MOVD	R3, (CB+cbFrame_gpr+1*8)(R15)
	MOVD	R4, (CB+cbFrame_gpr+2*8)(R15)
	MOVD	R5, (CB+cbFrame_gpr+3*8)(R15)
	MOVD	R6, (CB+cbFrame_gpr+4*8)(R15)
	FMOVD	F0, (CB+cbFrame_fpr+0*8)(R15)	// a float32 in the high half
	FMOVD	F2, (CB+cbFrame_fpr+1*8)(R15)
	FMOVD	F4, (CB+cbFrame_fpr+2*8)(R15)
	FMOVD	F6, (CB+cbFrame_fpr+3*8)(R15)
	MOVD	$0, 0(R15)	// back chain: none, our caller may keep none

	MOVD	·callbackDispatchPC(SB), R2	// fn
	MOVD	$CB(R15), R3	// a = the cbFrame
	MOVD	$0, R4	// n (unused)
	MOVD	$0, R5	// ctxt
	BL	crosscall2(SB)

	MOVD	(CB+cbFrame_r0)(R15), R2	// extended to 64 bits by setResult
	FMOVD	(CB+cbFrame_f0)(R15), F0	// a float32 in the high half
	MOVD	$CB_FRAME(R15), R15
	LMG	48(R15), R6, R15	// R6-R13, the return address and SP back
	RET
