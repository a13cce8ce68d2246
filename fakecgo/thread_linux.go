//go:build !cgo && (amd64 || 386 || arm || arm64 || loong64 || ppc64le || riscv64 || s390x)

package fakecgo

import "unsafe"

// threadStartHook is _cgo_thread_start(ts): start an OS thread for a new
// M. ts lives on the caller's stack, so the new thread gets a malloc'ed
// copy. All signals are blocked while the thread is created, so that it
// starts with them blocked; the runtime unblocks them in minit. C's errno
// is the same after it as before.
//
//go:nosplit
//go:norace
func threadStartHook(ts *threadStart) {
	// The runtime may start an M from any thread, also from one whose
	// goroutine has just returned from C and has yet to read errno
	// (to report it, as cgo does): leave errno as the libc calls below
	// found it.
	errno := (*int32)(cptr(c0(&libc___errno_location)))
	saved := *errno

	arg := (*threadStart)(cptr(c1(&libc_malloc, unsafe.Sizeof(threadStart{}))))
	if arg == nil {
		fatal("_cgo_thread_start: malloc failed")
	}
	*arg = *ts

	var all, old sigset
	c1(&libc_sigfillset, ptr(&all))
	c3(&libc_pthread_sigmask, sigSetmask, ptr(&all), ptr(&old))

	var attr pthreadAttr
	var size uintptr
	c1(&libc_pthread_attr_init, ptr(&attr))
	c2(&libc_pthread_attr_getstacksize, ptr(&attr), ptr(&size))
	// Leave g0.stack.lo zero and put the size in stack.hi: mstart
	// derives the real bounds from its own frame and this size.
	(*gStack)(cptr(ts.g)).hi = size

	var thread uintptr
	err := createThread(&thread, &attr, arg)
	c3(&libc_pthread_sigmask, sigSetmask, ptr(&old), 0)
	c1(&libc_pthread_attr_destroy, ptr(&attr))
	if err != 0 {
		fatalErrno("_cgo_thread_start: pthread_create failed", err)
	}
	c1(&libc_pthread_detach, thread)
	*errno = saved
}

// createThread calls pthread_create, retrying for a while on EAGAIN
// (a transient lack of resources), as runtime/cgo does.
//
//go:nosplit
//go:norace
func createThread(thread *uintptr, attr *pthreadAttr, arg *threadStart) uintptr {
	for try := uintptr(1); ; try++ {
		err := c4(&libc_pthread_create, ptr(thread), ptr(attr), uintptr(unsafe.Pointer(&nocgo_threadentry)), ptr(arg))
		if err != eagain || try == 20 {
			return err
		}
		ts := cTimespec{nsec: try * 1000 * 1000}
		c2(&libc_nanosleep, ptr(&ts), 0)
	}
}

// threadEntry runs first on every thread made by threadStartHook, with
// no g: it installs the M's g0 and runs runtime.mstart. mstart returns
// when the M exits, and the thread then ends by returning to libc.
//
//go:nosplit
//go:norace
func threadEntry(arg *threadStart) {
	g, fn := arg.g, arg.fn
	c1(&libc_free, ptr(arg))
	c1((*byte)(cptr(setg)), g)
	c0((*byte)(cptr(fn)))
}
