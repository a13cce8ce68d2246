// Raw linux system calls for auxv_linux_s390x.go: number in R1, arguments
// in R2..R4, result (or -errno) in R2.

#include "textflag.h"

// func sysOpen(path *byte, flags uintptr) uintptr
TEXT ·sysOpen(SB), NOSPLIT, $0-24
	MOVD	path+0(FP), R2
	MOVD	flags+8(FP), R3
	MOVD	$0, R4	// mode
	MOVD	$5, R1	// SYS_open
	SYSCALL
	MOVD	R2, ret+16(FP)
	RET

// func sysRead(fd uintptr, p unsafe.Pointer, n uintptr) uintptr
TEXT ·sysRead(SB), NOSPLIT, $0-32
	MOVD	fd+0(FP), R2
	MOVD	p+8(FP), R3
	MOVD	n+16(FP), R4
	MOVD	$3, R1	// SYS_read
	SYSCALL
	MOVD	R2, ret+24(FP)
	RET

// func sysClose(fd uintptr) uintptr
TEXT ·sysClose(SB), NOSPLIT, $0-16
	MOVD	fd+0(FP), R2
	MOVD	$6, R1	// SYS_close
	SYSCALL
	MOVD	R2, ret+8(FP)
	RET

// func sysWrite(fd uintptr, p *byte, n uintptr) uintptr
TEXT ·sysWrite(SB), NOSPLIT, $0-32
	MOVD	fd+0(FP), R2
	MOVD	p+8(FP), R3
	MOVD	n+16(FP), R4
	MOVD	$4, R1	// SYS_write
	SYSCALL
	MOVD	R2, ret+24(FP)
	RET

// func sysExit(code uintptr)
TEXT ·sysExit(SB), NOSPLIT, $0-8
	MOVD	code+0(FP), R2
	MOVD	$248, R1	// SYS_exit_group
	SYSCALL
	RET
