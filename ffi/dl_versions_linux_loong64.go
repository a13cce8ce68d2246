package ffi

// dl_versions_linux.go for loong64: its glibc starts at 2.36, so each dl*
// function has the one version GLIBC_2.36.

//go:cgo_import_dynamic nocgo_dyn_dlopen dlopen#GLIBC_2.36 "libc.so.6"
//go:cgo_import_dynamic nocgo_dyn_dlsym dlsym#GLIBC_2.36 "libc.so.6"
//go:cgo_import_dynamic nocgo_dyn_dlclose dlclose#GLIBC_2.36 "libc.so.6"
//go:cgo_import_dynamic nocgo_dyn_dlerror dlerror#GLIBC_2.36 "libc.so.6"
