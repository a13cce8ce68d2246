package ffi

import "unsafe"

// The dl* functions, bound at load time by the dynamic linker (glibc 2.34
// and later has them in libc.so.6). Each has a jump stub in dl_linux.s
// whose address the byte variables below stand for. The imports, with
// the symbol version to bind, are in dl_versions_linux*.go.

//go:cgo_import_dynamic _ _ "libc.so.6"

var (
	//go:linkname libc_dlopen nocgo_libc_dlopen
	libc_dlopen byte
	//go:linkname libc_dlsym nocgo_libc_dlsym
	libc_dlsym byte
	//go:linkname libc_dlclose nocgo_libc_dlclose
	libc_dlclose byte
	//go:linkname libc_dlerror nocgo_libc_dlerror
	libc_dlerror byte
)

func dlopenAddr() uintptr  { return uintptr(unsafe.Pointer(&libc_dlopen)) }
func dlsymAddr() uintptr   { return uintptr(unsafe.Pointer(&libc_dlsym)) }
func dlcloseAddr() uintptr { return uintptr(unsafe.Pointer(&libc_dlclose)) }
func dlerrorAddr() uintptr { return uintptr(unsafe.Pointer(&libc_dlerror)) }
