//go:build nocgo_handoff

// nocgo_handoff_enter_abi0 holds the address of handoffEnter's ABI0 entry
// (the assembler's name for a Go function is its ABI0 entry), which
// crosscall2 calls in handoff mode: see handoff_linux.go.

#include "textflag.h"

#ifdef GOARCH_386
#define PTRSIZE 4
#else
#ifdef GOARCH_arm
#define PTRSIZE 4
#else
#define PTRSIZE 8
#endif
#endif

DATA nocgo_handoff_enter_abi0+0(SB)/PTRSIZE, $·handoffEnter(SB)
GLOBL nocgo_handoff_enter_abi0(SB), RODATA, $PTRSIZE
