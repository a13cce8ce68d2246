//go:build !cgo && !go1.27

// Go 1.26 on s390x: the libc stubs (zlibc_go126_linux_s390x.s) jump
// through libcAddrs, which bindLibc fills from _cgo_init, before the first
// libc call. zlibc_go126_linux_s390x.go says why.
package fakecgo

import (
	"unsafe"

	"github.com/nocgo/rules_nocgo/internal/loadedlibc"
)

// cgoInitS390x is _cgo_init on s390x (nocgo_init in asm_s390x.s).
//
//go:nosplit
//go:norace
func cgoInitS390x(g0, setgFn uintptr) {
	bindLibc()
	cgoInit(g0, setgFn)
}

// bindLibc fills libcAddrs, or ends the process.
//
//go:nosplit
//go:norace
func bindLibc() {
	const who = "fakecgo: binding libc (Go 1.26, s390x)"
	dlsym, failure := loadedlibc.Dlsym()
	if dlsym == 0 {
		loadedlibc.Fatal(who, failure, "")
	}
	names := libcNames
	for i := range libcAddrs {
		n := 0
		for names[n] != 0 {
			n++
		}
		// dlsym(RTLD_DEFAULT, name): the default version, searched
		// in the global scope, as the PLT would bind it.
		const rtldDefault = 0
		addr := call6((*byte)(cptr(dlsym)), rtldDefault, uintptr(unsafe.Pointer(unsafe.StringData(names))), 0, 0, 0, 0)
		if addr == 0 {
			loadedlibc.Fatal(who, "dlsym cannot find ", names[:n])
		}
		libcAddrs[i] = addr
		names = names[n+1:]
	}
}
