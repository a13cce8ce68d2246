// C's errno, read on the thread that made the call.
package ffi

import (
	"runtime"
	"sync"
	"syscall"
	"unsafe"
)

// CaptureErrno runs f, which calls C through ffi, and returns C's errno as
// the last C call in f left it: nil when it is 0, a syscall.Errno
// otherwise. errno is set to 0 before f runs, as cgo does before each
// call, so a stale value from an earlier call is never reported.
//
// errno belongs to a thread, and a goroutine may move to another thread
// between two calls; CaptureErrno keeps the goroutine on one thread
// (runtime.LockOSThread) while f runs, so its caller need not:
//
//	var n int64
//	err := ffi.CaptureErrno(func() { n = write(fd, buf, size) })
//	if n < 0 { return err } // e.g. syscall.EBADF
//
// Only C calls made by f count: f should make the call whose errno it
// wants last. Go code in f does not change errno (the runtime does not
// use libc's errno, and fakecgo keeps it across the libc calls it makes
// to start threads).
func CaptureErrno(f func()) error {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	e := errnoLocation()
	*e = 0
	f()
	if v := *e; v != 0 {
		return syscall.Errno(v)
	}
	return nil
}

var errnoFunc struct {
	once sync.Once
	addr uintptr // glibc's __errno_location
}

// errnoLocationPlan is how __errno_location is called: int *(void).
var errnoLocationPlan = mustPlan(Pointer)

var errnoLocationName = []byte("__errno_location\x00")

// errnoLocation is the address of the calling thread's errno (glibc's
// __errno_location()). The caller must be locked to its thread.
func errnoLocation() *int32 {
	errnoFunc.once.Do(func() {
		// RTLD_DEFAULT (a NULL handle): the libc the program runs with.
		errnoFunc.addr = uintptr(callRaw(dlPlans.sym, dlsymAddr(), 0, uint64(uintptr(unsafe.Pointer(&errnoLocationName[0])))))
		if errnoFunc.addr == 0 {
			fatal("ffi: libc has no __errno_location")
		}
	})
	return (*int32)(cPointer(callRaw(errnoLocationPlan, errnoFunc.addr)))
}
