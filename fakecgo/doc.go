// Package fakecgo lets a program built with CGO_ENABLED=0 on linux load and
// call C code: it stands in for runtime/cgo, which such a build leaves out.
//
// Import it for its side effects (the FFI package of this module already
// does):
//
//	import _ "github.com/nocgo/rules_nocgo/fakecgo"
//
// What the runtime expects from runtime/cgo, and where it lives here:
//
//   - hooks_linux.go: the runtime variables it fills in (iscgo, _cgo_init,
//     _cgo_thread_start, ...). Every runtime symbol the package touches is
//     listed, with the reason, in LINKNAMES.md.
//   - zlibc_*: the libc functions it calls, bound by dynamic import, so no
//     C compiler is needed at build time; each bound to the symbol version
//     a C program linked today gets (so the binary needs glibc 2.34 or
//     later, as a cgo binary built against it does). Generated from one
//     table by internal/cmd/libcgen (`go generate`); with Go 1.26 on s390x
//     bound at run time instead (libcbind_go126_linux_s390x.go).
//   - init_linux.go: _cgo_init (stack bounds of the main thread, the
//     pthread key whose destructor releases an M when a C thread exits).
//   - thread_linux.go: M creation through pthread_create, and the entry of
//     each new thread.
//   - env_linux.go: setenv/unsetenv/clearenv, so C code sees os.Setenv,
//     os.Unsetenv and os.Clearenv.
//   - setxid_linux.go: the libc set*id entry points syscall.Setuid and
//     friends call when cgo is present; glibc changes every thread.
//   - bindm_linux.go: _cgo_bindm and _cgo_getstackbound for C-created
//     threads calling into Go.
//   - asm_GOARCH.s: crosscall2 (C calls Go), the C-ABI entry points of the
//     hooks above, and call6 (Go calls a C function with six integer
//     arguments). Which registers each one saves, and why, is written next
//     to the code. The list of entry points is generated with the libc
//     table: zhooks.h (each arch's HOOK macro makes the entries) and
//     zhooks_linux.go (their Go declarations).
//   - handoff_linux.go: under the nocgo_handoff build tag, crosscall2
//     calls the function it is given itself, on the C stack, instead of
//     runtime·cgocallback, so no assembly here references the runtime
//     (package ffi's handoff mode).
//
// The Go functions behind the hooks run on stacks the runtime does not
// manage (g0 stacks and fresh pthread stacks, some before a g exists), so
// they are nosplit, never allocate, and talk to the OS only through call6.
//
// With cgo enabled the package is empty: runtime/cgo does the job.
package fakecgo

//go:generate go run ../internal/cmd/libcgen -pkg fakecgo
