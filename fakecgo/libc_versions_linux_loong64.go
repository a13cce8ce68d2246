//go:build !cgo

package fakecgo

// libc_versions_linux.go for loong64: its glibc starts at 2.36, so each
// function has the one version GLIBC_2.36.

//go:cgo_import_dynamic nocgo_dyn_pthread_attr_getstack pthread_attr_getstack#GLIBC_2.36 "libc.so.6"
//go:cgo_import_dynamic nocgo_dyn_pthread_attr_getstacksize pthread_attr_getstacksize#GLIBC_2.36 "libc.so.6"
//go:cgo_import_dynamic nocgo_dyn_pthread_attr_init pthread_attr_init#GLIBC_2.36 "libc.so.6"
//go:cgo_import_dynamic nocgo_dyn_pthread_create pthread_create#GLIBC_2.36 "libc.so.6"
//go:cgo_import_dynamic nocgo_dyn_pthread_detach pthread_detach#GLIBC_2.36 "libc.so.6"
//go:cgo_import_dynamic nocgo_dyn_pthread_getattr_np pthread_getattr_np#GLIBC_2.36 "libc.so.6"
//go:cgo_import_dynamic nocgo_dyn_pthread_key_create pthread_key_create#GLIBC_2.36 "libc.so.6"
//go:cgo_import_dynamic nocgo_dyn_pthread_setspecific pthread_setspecific#GLIBC_2.36 "libc.so.6"
//go:cgo_import_dynamic nocgo_dyn_pthread_sigmask pthread_sigmask#GLIBC_2.36 "libc.so.6"
