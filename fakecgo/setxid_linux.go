//go:build !cgo && (amd64 || 386 || arm || arm64 || loong64 || ppc64le || riscv64 || s390x)

package fakecgo

import (
	"runtime"
	"unsafe"
)

// The libc set*id entry points behind syscall's cgo_libc_* variables
// (hooks_linux.go). syscall calls them through runtime.cgocall with an
// argument block laid out as runtime.argset: a pointer to the call's
// uintptr arguments and a result word. The contract, from runtime/cgo's
// linux_syscall.c: the result is the libc function's return value, or
// errno when it returned -1; syscall turns a non-zero result into an
// Errno.
//
// glibc applies each of these to every thread it knows (the setxid
// broadcast: a signal to each thread, which then makes the system call
// itself), and every M of the process is a pthread started by
// _cgo_thread_start, so all Go threads change together, as with cgo.
// Also as with cgo, syscall.AllThreadsSyscall then fails with ENOTSUP.

// argset mirrors runtime.argset (cgocall.go, the same in both SDKs).
type argset struct {
	args   uintptr // *[n]uintptr: the n arguments syscall passed
	retval uintptr
}

// arg returns argument i, which the caller must have passed.
//
//go:nosplit
func (a *argset) arg(i uintptr) uintptr {
	return *(*uintptr)(cptr(a.args + i*unsafe.Sizeof(uintptr(0))))
}

// id returns argument i, a uid_t or gid_t (unsigned int), as the C ABI
// wants a 32-bit unsigned argument in a 64-bit register: sign-extended
// on riscv64 and loong64 (their ABIs extend every 32-bit value so),
// zero-extended elsewhere (required on ppc64le and s390x; amd64 and arm64
// ignore the upper half). syscall passes uintptr(int(id)), so -1 ("leave
// unchanged" for setres*id) arrives with all bits set.
//
//go:nosplit
func (a *argset) id(i uintptr) uintptr {
	if signExtend32 {
		return uintptr(int32(a.arg(i)))
	}
	return uintptr(uint32(a.arg(i)))
}

const signExtend32 = runtime.GOARCH == "riscv64" || runtime.GOARCH == "loong64"

// setResult stores a libc int result r, or errno if r is -1.
//
//go:nosplit
//go:norace
func (a *argset) setResult(r uintptr) {
	if int32(r) == -1 {
		a.retval = uintptr(*(*int32)(cptr(c0(&libc___errno_location))))
		return
	}
	a.retval = uintptr(int32(r))
}

//go:nosplit
//go:norace
func setegidHook(a *argset) { a.setResult(c1(&libc_setegid, a.id(0))) }

//go:nosplit
//go:norace
func seteuidHook(a *argset) { a.setResult(c1(&libc_seteuid, a.id(0))) }

//go:nosplit
//go:norace
func setgidHook(a *argset) { a.setResult(c1(&libc_setgid, a.id(0))) }

// setgroupsHook is setgroups(size, list): syscall passes the count and a
// pointer to gid_t values (both 0 to clear the list).
//
//go:nosplit
//go:norace
func setgroupsHook(a *argset) { a.setResult(c2(&libc_setgroups, a.arg(0), a.arg(1))) }

//go:nosplit
//go:norace
func setregidHook(a *argset) { a.setResult(c2(&libc_setregid, a.id(0), a.id(1))) }

//go:nosplit
//go:norace
func setresgidHook(a *argset) { a.setResult(c3(&libc_setresgid, a.id(0), a.id(1), a.id(2))) }

//go:nosplit
//go:norace
func setresuidHook(a *argset) { a.setResult(c3(&libc_setresuid, a.id(0), a.id(1), a.id(2))) }

//go:nosplit
//go:norace
func setreuidHook(a *argset) { a.setResult(c2(&libc_setreuid, a.id(0), a.id(1))) }

//go:nosplit
//go:norace
func setuidHook(a *argset) { a.setResult(c1(&libc_setuid, a.id(0))) }
