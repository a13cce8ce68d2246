//go:build !cgo && linux && (amd64 || 386 || arm || arm64 || loong64 || ppc64le || riscv64 || (s390x && go1.27))

// Go 1.26 on s390x: libcbind_go126_linux_s390x.s instead.

#include "textflag.h"

// One jump stub per libc function imported in libc_linux.go. A stub is
// entered with the C calling convention already set up by call6 and
// leaves through the dynamic linker's PLT entry, so it touches no
// register and has no frame. JMP means the same on every GOARCH.

TEXT nocgo_libc___errno_location(SB), NOSPLIT|NOFRAME, $0-0
	JMP nocgo_dyn___errno_location(SB)

TEXT nocgo_libc_abort(SB), NOSPLIT|NOFRAME, $0-0
	JMP nocgo_dyn_abort(SB)

TEXT nocgo_libc_clearenv(SB), NOSPLIT|NOFRAME, $0-0
	JMP nocgo_dyn_clearenv(SB)

TEXT nocgo_libc_free(SB), NOSPLIT|NOFRAME, $0-0
	JMP nocgo_dyn_free(SB)

TEXT nocgo_libc_malloc(SB), NOSPLIT|NOFRAME, $0-0
	JMP nocgo_dyn_malloc(SB)

TEXT nocgo_libc_nanosleep(SB), NOSPLIT|NOFRAME, $0-0
	JMP nocgo_dyn_nanosleep(SB)

TEXT nocgo_libc_pthread_attr_destroy(SB), NOSPLIT|NOFRAME, $0-0
	JMP nocgo_dyn_pthread_attr_destroy(SB)

TEXT nocgo_libc_pthread_attr_getstack(SB), NOSPLIT|NOFRAME, $0-0
	JMP nocgo_dyn_pthread_attr_getstack(SB)

TEXT nocgo_libc_pthread_attr_getstacksize(SB), NOSPLIT|NOFRAME, $0-0
	JMP nocgo_dyn_pthread_attr_getstacksize(SB)

TEXT nocgo_libc_pthread_attr_init(SB), NOSPLIT|NOFRAME, $0-0
	JMP nocgo_dyn_pthread_attr_init(SB)

TEXT nocgo_libc_pthread_create(SB), NOSPLIT|NOFRAME, $0-0
	JMP nocgo_dyn_pthread_create(SB)

TEXT nocgo_libc_pthread_detach(SB), NOSPLIT|NOFRAME, $0-0
	JMP nocgo_dyn_pthread_detach(SB)

TEXT nocgo_libc_pthread_getattr_np(SB), NOSPLIT|NOFRAME, $0-0
	JMP nocgo_dyn_pthread_getattr_np(SB)

TEXT nocgo_libc_pthread_key_create(SB), NOSPLIT|NOFRAME, $0-0
	JMP nocgo_dyn_pthread_key_create(SB)

TEXT nocgo_libc_pthread_self(SB), NOSPLIT|NOFRAME, $0-0
	JMP nocgo_dyn_pthread_self(SB)

TEXT nocgo_libc_pthread_setspecific(SB), NOSPLIT|NOFRAME, $0-0
	JMP nocgo_dyn_pthread_setspecific(SB)

TEXT nocgo_libc_pthread_sigmask(SB), NOSPLIT|NOFRAME, $0-0
	JMP nocgo_dyn_pthread_sigmask(SB)

TEXT nocgo_libc_setegid(SB), NOSPLIT|NOFRAME, $0-0
	JMP nocgo_dyn_setegid(SB)

TEXT nocgo_libc_setenv(SB), NOSPLIT|NOFRAME, $0-0
	JMP nocgo_dyn_setenv(SB)

TEXT nocgo_libc_seteuid(SB), NOSPLIT|NOFRAME, $0-0
	JMP nocgo_dyn_seteuid(SB)

TEXT nocgo_libc_setgid(SB), NOSPLIT|NOFRAME, $0-0
	JMP nocgo_dyn_setgid(SB)

TEXT nocgo_libc_setgroups(SB), NOSPLIT|NOFRAME, $0-0
	JMP nocgo_dyn_setgroups(SB)

TEXT nocgo_libc_setregid(SB), NOSPLIT|NOFRAME, $0-0
	JMP nocgo_dyn_setregid(SB)

TEXT nocgo_libc_setresgid(SB), NOSPLIT|NOFRAME, $0-0
	JMP nocgo_dyn_setresgid(SB)

TEXT nocgo_libc_setresuid(SB), NOSPLIT|NOFRAME, $0-0
	JMP nocgo_dyn_setresuid(SB)

TEXT nocgo_libc_setreuid(SB), NOSPLIT|NOFRAME, $0-0
	JMP nocgo_dyn_setreuid(SB)

TEXT nocgo_libc_setuid(SB), NOSPLIT|NOFRAME, $0-0
	JMP nocgo_dyn_setuid(SB)

TEXT nocgo_libc_sigfillset(SB), NOSPLIT|NOFRAME, $0-0
	JMP nocgo_dyn_sigfillset(SB)

TEXT nocgo_libc_strerror_r(SB), NOSPLIT|NOFRAME, $0-0
	JMP nocgo_dyn_strerror_r(SB)

TEXT nocgo_libc_unsetenv(SB), NOSPLIT|NOFRAME, $0-0
	JMP nocgo_dyn_unsetenv(SB)

TEXT nocgo_libc_write(SB), NOSPLIT|NOFRAME, $0-0
	JMP nocgo_dyn_write(SB)
