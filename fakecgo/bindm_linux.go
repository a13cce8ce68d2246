//go:build !cgo && (amd64 || 386 || arm || arm64 || loong64 || ppc64le || riscv64 || s390x)

package fakecgo

// bindmHook is _cgo_bindm(g): the runtime gave an M to a C thread that
// called into Go and wants to keep it bound to that thread. Storing the
// g in the pthread key arms the key's destructor (nocgo_key_destructor
// in asm_GOARCH.s), which calls crosscall2(nil, g, 0, 0) when the thread
// exits; cgocallback then drops the M.
//
//go:nosplit
//go:norace
func bindmHook(g uintptr) {
	c2(&libc_pthread_setspecific, uintptr(pthreadKey), g)
}

// getStackBound is _cgo_getstackbound(bounds): the lowest and highest
// address of the current thread's stack, for a C thread entering Go.
//
//go:nosplit
//go:norace
func getStackBound(bounds *[2]uintptr) {
	var attr pthreadAttr
	var addr, size uintptr
	// pthread_attr_init first: glibc before 2.32 did not fully
	// initialize attr in pthread_getattr_np.
	c1(&libc_pthread_attr_init, ptr(&attr))
	c2(&libc_pthread_getattr_np, c0(&libc_pthread_self), ptr(&attr))
	c3(&libc_pthread_attr_getstack, ptr(&attr), ptr(&addr), ptr(&size))
	c1(&libc_pthread_attr_destroy, ptr(&attr))
	bounds[0] = addr
	bounds[1] = addr + size
}
