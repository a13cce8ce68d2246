// Dlsym for s390x: the program headers from /proc/self/auxv, read with
// raw system calls (sys_linux_s390x.s), since libc is not bound yet.
package loadedlibc

import "unsafe"

// Aux vector tags (elf.h) and open flags (asm-generic/fcntl.h).
const (
	atNull  = 0
	atPhdr  = 3 // address of the program headers
	atPhnum = 5

	oRdonly  = 0
	oCloexec = 0x80000
)

// Raw system calls (sys_linux_s390x.s): the kernel's result, -errno on
// failure.
//
//go:noescape
func sysOpen(path *byte, flags uintptr) uintptr

//go:noescape
func sysRead(fd uintptr, p unsafe.Pointer, n uintptr) uintptr

func sysClose(fd uintptr) uintptr

//go:noescape
func sysWrite(fd uintptr, p *byte, n uintptr) uintptr

func sysExit(code uintptr)

// failed reports whether r, a raw system call's result, is -errno.
//
//go:nosplit
func failed(r uintptr) bool { return r > ^uintptr(4095) } // -4095..-1

// Dlsym returns the address of dlsym in the libc.so.6 the dynamic loader
// has loaded into this process, or 0 and what failed.
//
//go:nosplit
//go:norace
func Dlsym() (uintptr, string) {
	phdr, phnum, failure := programHeaders()
	if failure != "" {
		return 0, failure
	}
	return DlsymFromHeaders(phdr, phnum)
}

// programHeaders returns the aux vector's AT_PHDR and AT_PHNUM, read from
// /proc/self/auxv one (tag, value) pair at a time.
//
//go:nosplit
//go:norace
func programHeaders() (phdr, phnum uintptr, failure string) {
	const path = "/proc/self/auxv\x00"
	fd := sysOpen(unsafe.StringData(path), oRdonly|oCloexec)
	if failed(fd) {
		return 0, 0, "cannot open /proc/self/auxv (is /proc mounted?)"
	}
	for {
		var pair [2]uintptr
		if !readFull(fd, unsafe.Pointer(&pair), unsafe.Sizeof(pair)) {
			failure = "cannot read /proc/self/auxv up to AT_NULL"
			break
		}
		if pair[0] == atNull {
			break
		}
		switch pair[0] {
		case atPhdr:
			phdr = pair[1]
		case atPhnum:
			phnum = pair[1]
		}
	}
	sysClose(fd)
	if failure == "" && (phdr == 0 || phnum == 0) {
		failure = "no AT_PHDR and AT_PHNUM in /proc/self/auxv"
	}
	return phdr, phnum, failure
}

// readFull reads n bytes from fd into p, or reports false.
//
//go:nosplit
func readFull(fd uintptr, p unsafe.Pointer, n uintptr) bool {
	for done := uintptr(0); done < n; {
		r := sysRead(fd, unsafe.Add(p, done), n-done)
		if r == 0 || failed(r) {
			return false
		}
		done += r
	}
	return true
}

// Fatal writes "who: what name" to standard error and ends the process
// with status 2, without libc: for failing before libc is bound.
//
//go:nosplit
func Fatal(who, what, name string) {
	for _, s := range [...]string{who, ": ", what, name, "\n"} {
		if s != "" {
			sysWrite(2, unsafe.StringData(s), uintptr(len(s)))
		}
	}
	sysExit(2)
}
