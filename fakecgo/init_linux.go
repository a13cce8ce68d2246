//go:build !cgo && (amd64 || 386 || arm || arm64 || loong64 || ppc64le || riscv64 || s390x)

package fakecgo

import "unsafe"

var (
	// setg is the runtime's setg_gcc, received by _cgo_init: a
	// C-callable function that installs a g on the current thread (TLS and
	// g register). New threads call it before runtime.mstart. Receiving it
	// this way is why no assembly here names runtime·setg or save_g.
	setg uintptr

	// pthreadKey's destructor runs when a C thread that called into Go
	// exits; it gives the thread's M back to the runtime.
	pthreadKey        uint32
	pthreadKeyCreated uintptr
)

// cgoInit is _cgo_init(g0, setg_gcc, tlsg, tlsbase), called by the
// runtime's entry code on the main thread before anything else runs.
// tlsg and tlsbase are only used on android and are ignored.
//
//go:nosplit
//go:norace
func cgoInit(g0, setgFn uintptr) {
	setg = setgFn

	// The runtime guessed a g0 stack of 64 KiB below the entry SP;
	// tell it where the thread's stack really ends.
	var bounds [2]uintptr
	getStackBound(&bounds)
	gs := (*gStack)(cptr(g0))
	gs.lo = bounds[0]
	if gs.lo >= gs.hi {
		fatal("_cgo_init: bad stack bounds for the main thread")
	}

	if c2(&libc_pthread_key_create, ptr(&pthreadKey), uintptr(unsafe.Pointer(&nocgo_key_destructor))) == 0 {
		pthreadKeyCreated = 1
	}
}

// notifyRuntimeInitDone is _cgo_notify_runtime_init_done. runtime/cgo
// uses it to release C threads that called an exported Go function
// before the runtime was up; in a Go executable no C thread can exist
// that early, so there is nothing to release.
//
//go:nosplit
//go:norace
func notifyRuntimeInitDone() {}
