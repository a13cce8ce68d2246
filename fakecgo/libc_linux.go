//go:build !cgo && (amd64 || 386 || arm || arm64 || loong64 || ppc64le || riscv64 || s390x)

package fakecgo

import _ "unsafe" // for go:linkname

// libc functions, bound at load time by the dynamic linker. A
// cgo_import_dynamic line binds a local symbol to a libc function; Go
// code cannot reference such a symbol, so libc_linux.s gives each one a
// jump stub (nocgo_libc_X) whose address Go code takes through the byte
// variables below and passes to call6.
//
// The functions imported here have a single symbol version in glibc on
// every supported GOARCH, so an unversioned import binds it. Those glibc
// also keeps older compat versions of are imported with the version a C
// program linked today gets (the default, "@@" in readelf), in
// libc_versions_linux*.go: an unversioned import would bind the oldest.

//go:cgo_import_dynamic nocgo_dyn_abort abort "libc.so.6"
//go:cgo_import_dynamic nocgo_dyn_free free "libc.so.6"
//go:cgo_import_dynamic nocgo_dyn_malloc malloc "libc.so.6"
//go:cgo_import_dynamic nocgo_dyn_nanosleep nanosleep "libc.so.6"
//go:cgo_import_dynamic nocgo_dyn_pthread_attr_destroy pthread_attr_destroy "libc.so.6"
//go:cgo_import_dynamic nocgo_dyn_pthread_self pthread_self "libc.so.6"
//go:cgo_import_dynamic nocgo_dyn_setenv setenv "libc.so.6"
//go:cgo_import_dynamic nocgo_dyn_sigfillset sigfillset "libc.so.6"
//go:cgo_import_dynamic nocgo_dyn_unsetenv unsetenv "libc.so.6"
//go:cgo_import_dynamic nocgo_dyn_write write "libc.so.6"
//go:cgo_import_dynamic nocgo_dyn___errno_location __errno_location "libc.so.6"
//go:cgo_import_dynamic nocgo_dyn_clearenv clearenv "libc.so.6"
//go:cgo_import_dynamic nocgo_dyn_setegid setegid "libc.so.6"
//go:cgo_import_dynamic nocgo_dyn_seteuid seteuid "libc.so.6"
//go:cgo_import_dynamic nocgo_dyn_setgid setgid "libc.so.6"
//go:cgo_import_dynamic nocgo_dyn_setgroups setgroups "libc.so.6"
//go:cgo_import_dynamic nocgo_dyn_setregid setregid "libc.so.6"
//go:cgo_import_dynamic nocgo_dyn_setresgid setresgid "libc.so.6"
//go:cgo_import_dynamic nocgo_dyn_setresuid setresuid "libc.so.6"
//go:cgo_import_dynamic nocgo_dyn_setreuid setreuid "libc.so.6"
//go:cgo_import_dynamic nocgo_dyn_setuid setuid "libc.so.6"
//go:cgo_import_dynamic nocgo_dyn_strerror_r strerror_r "libc.so.6"
//go:cgo_import_dynamic _ _ "libc.so.6"

var (
	//go:linkname libc___errno_location nocgo_libc___errno_location
	libc___errno_location byte
	//go:linkname libc_abort nocgo_libc_abort
	libc_abort byte
	//go:linkname libc_clearenv nocgo_libc_clearenv
	libc_clearenv byte
	//go:linkname libc_free nocgo_libc_free
	libc_free byte
	//go:linkname libc_malloc nocgo_libc_malloc
	libc_malloc byte
	//go:linkname libc_nanosleep nocgo_libc_nanosleep
	libc_nanosleep byte
	//go:linkname libc_pthread_attr_destroy nocgo_libc_pthread_attr_destroy
	libc_pthread_attr_destroy byte
	//go:linkname libc_pthread_attr_getstack nocgo_libc_pthread_attr_getstack
	libc_pthread_attr_getstack byte
	//go:linkname libc_pthread_attr_getstacksize nocgo_libc_pthread_attr_getstacksize
	libc_pthread_attr_getstacksize byte
	//go:linkname libc_pthread_attr_init nocgo_libc_pthread_attr_init
	libc_pthread_attr_init byte
	//go:linkname libc_pthread_create nocgo_libc_pthread_create
	libc_pthread_create byte
	//go:linkname libc_pthread_detach nocgo_libc_pthread_detach
	libc_pthread_detach byte
	//go:linkname libc_pthread_getattr_np nocgo_libc_pthread_getattr_np
	libc_pthread_getattr_np byte
	//go:linkname libc_pthread_key_create nocgo_libc_pthread_key_create
	libc_pthread_key_create byte
	//go:linkname libc_pthread_self nocgo_libc_pthread_self
	libc_pthread_self byte
	//go:linkname libc_pthread_setspecific nocgo_libc_pthread_setspecific
	libc_pthread_setspecific byte
	//go:linkname libc_pthread_sigmask nocgo_libc_pthread_sigmask
	libc_pthread_sigmask byte
	//go:linkname libc_setegid nocgo_libc_setegid
	libc_setegid byte
	//go:linkname libc_setenv nocgo_libc_setenv
	libc_setenv byte
	//go:linkname libc_seteuid nocgo_libc_seteuid
	libc_seteuid byte
	//go:linkname libc_setgid nocgo_libc_setgid
	libc_setgid byte
	//go:linkname libc_setgroups nocgo_libc_setgroups
	libc_setgroups byte
	//go:linkname libc_setregid nocgo_libc_setregid
	libc_setregid byte
	//go:linkname libc_setresgid nocgo_libc_setresgid
	libc_setresgid byte
	//go:linkname libc_setresuid nocgo_libc_setresuid
	libc_setresuid byte
	//go:linkname libc_setreuid nocgo_libc_setreuid
	libc_setreuid byte
	//go:linkname libc_setuid nocgo_libc_setuid
	libc_setuid byte
	//go:linkname libc_sigfillset nocgo_libc_sigfillset
	libc_sigfillset byte
	//go:linkname libc_strerror_r nocgo_libc_strerror_r
	libc_strerror_r byte
	//go:linkname libc_unsetenv nocgo_libc_unsetenv
	libc_unsetenv byte
	//go:linkname libc_write nocgo_libc_write
	libc_write byte
)
