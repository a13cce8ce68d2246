//go:build !cgo && (amd64 || 386 || arm || arm64 || loong64 || ppc64le || riscv64 || s390x)

package fakecgo

import "unsafe"

// call6 calls the C function fn with six integer arguments and returns
// its integer result. It runs on the current stack, which must be a
// system stack (g0 or a pthread stack): C code may need more room than a
// goroutine stack has. Implemented in asm_GOARCH.s.
//
//go:noescape
func call6(fn *byte, a1, a2, a3, a4, a5, a6 uintptr) uintptr

// libc calls with fewer arguments, for readability.

//go:nosplit
func c0(fn *byte) uintptr { return call6(fn, 0, 0, 0, 0, 0, 0) }

//go:nosplit
func c1(fn *byte, a1 uintptr) uintptr { return call6(fn, a1, 0, 0, 0, 0, 0) }

//go:nosplit
func c2(fn *byte, a1, a2 uintptr) uintptr { return call6(fn, a1, a2, 0, 0, 0, 0) }

//go:nosplit
func c3(fn *byte, a1, a2, a3 uintptr) uintptr { return call6(fn, a1, a2, a3, 0, 0, 0) }

//go:nosplit
func c4(fn *byte, a1, a2, a3, a4 uintptr) uintptr { return call6(fn, a1, a2, a3, a4, 0, 0) }

// ptr turns a pointer into a call6 argument.
//
//go:nosplit
func ptr[T any](p *T) uintptr { return uintptr(unsafe.Pointer(p)) }

// cptr turns an address that C gave us into a pointer. (unsafe.Add from
// nil says what a conversion from uintptr would, without vet's warning
// about Go pointers hidden in integers: these addresses are C memory or
// runtime objects the runtime keeps alive.)
//
//go:nosplit
func cptr(addr uintptr) unsafe.Pointer { return unsafe.Add(nil, addr) }

// fatal writes msg to standard error and aborts the process. It is the
// only way out for a hook that fails: there may be no g to panic on.
//
//go:nosplit
func fatal(msg string) {
	writeStderr("fakecgo: ")
	writeStderr(msg)
	writeStderr("\n")
	c0(&libc_abort)
}

// fatalErrno is fatal(msg + ": " + strerror(errno)), the way runtime/cgo
// reports a failed libc call ("pthread_create failed: Resource
// temporarily unavailable").
//
//go:nosplit
func fatalErrno(msg string, errno uintptr) {
	writeStderr("fakecgo: ")
	writeStderr(msg)
	writeStderr(": ")
	// glibc's strerror_r is the GNU one: it returns the text, in buf or
	// (for a known errno) a constant string, always NUL-terminated.
	var buf [64]byte
	text := c3(&libc_strerror_r, errno, ptr(&buf[0]), uintptr(len(buf)))
	if text != 0 {
		n := uintptr(0)
		for *(*byte)(cptr(text + n)) != 0 {
			n++
		}
		c3(&libc_write, 2, text, n)
	}
	writeStderr("\n")
	c0(&libc_abort)
}

//go:nosplit
func writeStderr(s string) {
	c3(&libc_write, 2, uintptr(unsafe.Pointer(unsafe.StringData(s))), uintptr(len(s)))
}
