//go:build !cgo && (amd64 || arm || arm64 || ppc64le || riscv64 || s390x)

package fakecgo

// The libc functions glibc keeps several versions of (see libc_linux.go),
// bound to their current version. glibc 2.34 moved libpthread into libc
// and gave the pthread functions new versions there (2.32 for
// pthread_getattr_np and pthread_sigmask); the old ones stay for old
// binaries. pthread_attr_init has a single version on these GOARCHes.
// 386 and loong64: libc_versions_linux_386.go, libc_versions_linux_loong64.go.
// TestLibcImportVersions checks these against the libc the tests run with.

//go:cgo_import_dynamic nocgo_dyn_pthread_attr_getstack pthread_attr_getstack#GLIBC_2.34 "libc.so.6"
//go:cgo_import_dynamic nocgo_dyn_pthread_attr_getstacksize pthread_attr_getstacksize#GLIBC_2.34 "libc.so.6"
//go:cgo_import_dynamic nocgo_dyn_pthread_attr_init pthread_attr_init "libc.so.6"
//go:cgo_import_dynamic nocgo_dyn_pthread_create pthread_create#GLIBC_2.34 "libc.so.6"
//go:cgo_import_dynamic nocgo_dyn_pthread_detach pthread_detach#GLIBC_2.34 "libc.so.6"
//go:cgo_import_dynamic nocgo_dyn_pthread_getattr_np pthread_getattr_np#GLIBC_2.32 "libc.so.6"
//go:cgo_import_dynamic nocgo_dyn_pthread_key_create pthread_key_create#GLIBC_2.34 "libc.so.6"
//go:cgo_import_dynamic nocgo_dyn_pthread_setspecific pthread_setspecific#GLIBC_2.34 "libc.so.6"
//go:cgo_import_dynamic nocgo_dyn_pthread_sigmask pthread_sigmask#GLIBC_2.32 "libc.so.6"
