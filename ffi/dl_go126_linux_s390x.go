//go:build !cgo && !go1.27

// Go 1.26 on s390x: the dl* stubs (zdl_go126_linux_s390x.s) jump through
// libcAddrs, which bindDl fills before the first dl* call
// (zdl_go126_linux_s390x.go says why). Package fakecgo binds its own libc
// stubs the same way; both find dlsym through internal/loadedlibc.
package ffi

import (
	"strings"
	"sync"
	"unsafe"

	"github.com/nocgo/rules_nocgo/internal/loadedlibc"
)

var dlBinding sync.Once

// bindDl fills libcAddrs once, or ends the process.
func bindDl() {
	dlBinding.Do(func() {
		const who = "ffi: binding libc's dl* functions (Go 1.26, s390x)"
		dlsym, failure := loadedlibc.Dlsym()
		if dlsym == 0 {
			fatal(who + ": " + failure)
		}
		names := libcNames
		for i := range libcAddrs {
			n := strings.IndexByte(names, 0)
			// dlsym(RTLD_DEFAULT, name): the default version, as the
			// PLT would bind it.
			addr := callRaw(dlPlans.sym, dlsym, 0, uint64(uintptr(unsafe.Pointer(unsafe.StringData(names)))))
			if addr == 0 {
				fatal(who + ": dlsym cannot find " + names[:n])
			}
			libcAddrs[i] = uintptr(addr)
			names = names[n+1:]
		}
	})
}
