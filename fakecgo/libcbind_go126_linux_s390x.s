//go:build !cgo && !go1.27

#include "textflag.h"

// The libc stubs for Go 1.26 on s390x (libcbind_go126_linux_s390x.go
// says why): the names libc_linux.s and ffi's dl_linux.s define in other
// builds, each jumping through its libcAddrs slot instead of the PLT. R1
// is scratch in the C convention and carries no argument; the PLT uses it
// the same way. Slot i is the i-th name of libcNames.
#define STUB(name, i) \
	TEXT name(SB), NOSPLIT|NOFRAME, $0-0; \
	MOVD	·libcAddrs+((i)*8)(SB), R1; \
	BR	(R1)

STUB(nocgo_libc_abort, 0)
STUB(nocgo_libc_free, 1)
STUB(nocgo_libc_malloc, 2)
STUB(nocgo_libc_nanosleep, 3)
STUB(nocgo_libc_pthread_attr_destroy, 4)
STUB(nocgo_libc_pthread_self, 5)
STUB(nocgo_libc_setenv, 6)
STUB(nocgo_libc_sigfillset, 7)
STUB(nocgo_libc_unsetenv, 8)
STUB(nocgo_libc_write, 9)
STUB(nocgo_libc___errno_location, 10)
STUB(nocgo_libc_clearenv, 11)
STUB(nocgo_libc_setegid, 12)
STUB(nocgo_libc_seteuid, 13)
STUB(nocgo_libc_setgid, 14)
STUB(nocgo_libc_setgroups, 15)
STUB(nocgo_libc_setregid, 16)
STUB(nocgo_libc_setresgid, 17)
STUB(nocgo_libc_setresuid, 18)
STUB(nocgo_libc_setreuid, 19)
STUB(nocgo_libc_setuid, 20)
STUB(nocgo_libc_strerror_r, 21)
STUB(nocgo_libc_pthread_attr_getstack, 22)
STUB(nocgo_libc_pthread_attr_getstacksize, 23)
STUB(nocgo_libc_pthread_attr_init, 24)
STUB(nocgo_libc_pthread_create, 25)
STUB(nocgo_libc_pthread_detach, 26)
STUB(nocgo_libc_pthread_getattr_np, 27)
STUB(nocgo_libc_pthread_key_create, 28)
STUB(nocgo_libc_pthread_setspecific, 29)
STUB(nocgo_libc_pthread_sigmask, 30)
STUB(nocgo_libc_dlopen, 31)
STUB(nocgo_libc_dlsym, 32)
STUB(nocgo_libc_dlclose, 33)
STUB(nocgo_libc_dlerror, 34)

// func sysWrite(fd uintptr, p *byte, n uintptr)
TEXT ·sysWrite(SB), NOSPLIT, $0-24
	MOVD	fd+0(FP), R2
	MOVD	p+8(FP), R3
	MOVD	n+16(FP), R4
	MOVD	$4, R1	// SYS_write
	SYSCALL
	RET

// func sysExit(code uintptr)
TEXT ·sysExit(SB), NOSPLIT, $0-8
	MOVD	code+0(FP), R2
	MOVD	$248, R1	// SYS_exit_group
	SYSCALL
	RET
