//go:build !loong64

package ffi

// The dl* imports of dl_linux.go, bound to the versions glibc 2.34 gave
// them when it moved libdl into libc. An unversioned import would bind
// the oldest version glibc keeps for old binaries: on 386 that is
// dlopen@GLIBC_2.0, which accepts a mode without RTLD_LAZY or RTLD_NOW
// (the current one fails with "invalid mode"). loong64, whose glibc
// starts at 2.36: dl_versions_linux_loong64.go.

//go:cgo_import_dynamic nocgo_dyn_dlopen dlopen#GLIBC_2.34 "libc.so.6"
//go:cgo_import_dynamic nocgo_dyn_dlsym dlsym#GLIBC_2.34 "libc.so.6"
//go:cgo_import_dynamic nocgo_dyn_dlclose dlclose#GLIBC_2.34 "libc.so.6"
//go:cgo_import_dynamic nocgo_dyn_dlerror dlerror#GLIBC_2.34 "libc.so.6"
