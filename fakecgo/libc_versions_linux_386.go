//go:build !cgo

package fakecgo

// libc_versions_linux.go for 386, where glibc also keeps the i386 ABI's
// original pthread_attr_init@GLIBC_2.0 (it fills in a smaller
// pthread_attr_t): the current one is pthread_attr_init@GLIBC_2.1.

//go:cgo_import_dynamic nocgo_dyn_pthread_attr_getstack pthread_attr_getstack#GLIBC_2.34 "libc.so.6"
//go:cgo_import_dynamic nocgo_dyn_pthread_attr_getstacksize pthread_attr_getstacksize#GLIBC_2.34 "libc.so.6"
//go:cgo_import_dynamic nocgo_dyn_pthread_attr_init pthread_attr_init#GLIBC_2.1 "libc.so.6"
//go:cgo_import_dynamic nocgo_dyn_pthread_create pthread_create#GLIBC_2.34 "libc.so.6"
//go:cgo_import_dynamic nocgo_dyn_pthread_detach pthread_detach#GLIBC_2.34 "libc.so.6"
//go:cgo_import_dynamic nocgo_dyn_pthread_getattr_np pthread_getattr_np#GLIBC_2.32 "libc.so.6"
//go:cgo_import_dynamic nocgo_dyn_pthread_key_create pthread_key_create#GLIBC_2.34 "libc.so.6"
//go:cgo_import_dynamic nocgo_dyn_pthread_setspecific pthread_setspecific#GLIBC_2.34 "libc.so.6"
//go:cgo_import_dynamic nocgo_dyn_pthread_sigmask pthread_sigmask#GLIBC_2.32 "libc.so.6"
