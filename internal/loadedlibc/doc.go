// Package loadedlibc finds libc's dlsym in a running process without
// calling libc, for Go 1.26 on s390x, whose linker cannot bind a jump from
// Go assembly to a dynamically imported function: packages fakecgo and ffi
// bind their libc stubs at run time with the dlsym found here.
//
// The binary names libc.so.6 as needed, so the dynamic loader has mapped
// it before Go code runs. Dlsym finds it the way a debugger does: the aux
// vector, read from /proc/self/auxv (proc(5)), gives the program headers,
// they give the dynamic section, whose DT_DEBUG entry the loader has
// pointed at its r_debug, the head of the list of loaded objects. In
// libc.so.6 it looks dlsym up through the GNU hash table.
//
// Every function here is nosplit and allocates nothing: fakecgo calls
// Dlsym from _cgo_init, on the main thread's system stack, before the
// runtime is initialised.
package loadedlibc
