// The addresses of the dl* jump stubs (zdl_linux.s; Go 1.26 on s390x:
// zdl_go126_linux_s390x.s), which the call path calls as C functions.
package ffi

import "unsafe"

//go:generate go run ../internal/cmd/libcgen -pkg ffi

func dlopenAddr() uintptr  { return stubAddr(&libc_dlopen) }
func dlsymAddr() uintptr   { return stubAddr(&libc_dlsym) }
func dlcloseAddr() uintptr { return stubAddr(&libc_dlclose) }
func dlerrorAddr() uintptr { return stubAddr(&libc_dlerror) }

// stubAddr is the address of a stub, once the stubs are bound.
func stubAddr(stub *byte) uintptr {
	bindDl()
	return uintptr(unsafe.Pointer(stub))
}
