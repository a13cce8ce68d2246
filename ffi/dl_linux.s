//go:build !s390x || go1.27 || cgo

// Go 1.26 on s390x without cgo: package fakecgo defines these stubs
// (libcbind_go126_linux_s390x.s), as its linker cannot bind the JMPs below.

#include "textflag.h"

// Jump stubs for the dl* functions imported in dl_linux.go. A stub is
// entered with the C calling convention already set up by the call path
// and leaves through the PLT, touching no register. JMP means the same on
// every GOARCH.

TEXT nocgo_libc_dlopen(SB), NOSPLIT|NOFRAME, $0-0
	JMP nocgo_dyn_dlopen(SB)

TEXT nocgo_libc_dlsym(SB), NOSPLIT|NOFRAME, $0-0
	JMP nocgo_dyn_dlsym(SB)

TEXT nocgo_libc_dlclose(SB), NOSPLIT|NOFRAME, $0-0
	JMP nocgo_dyn_dlclose(SB)

TEXT nocgo_libc_dlerror(SB), NOSPLIT|NOFRAME, $0-0
	JMP nocgo_dyn_dlerror(SB)
