//go:build !cgo && go1.27

package fakecgo

// cgoInitS390x is _cgo_init on s390x (nocgo_init in asm_s390x.s). From
// Go 1.27 on the linker binds the libc stubs of libc_linux.s through the
// PLT, as on every other GOARCH, so there is nothing to do before cgoInit.
// Go 1.26 needs more: see libcbind_go126_linux_s390x.go.
//
//go:nosplit
//go:norace
func cgoInitS390x(g0, setgFn uintptr) {
	cgoInit(g0, setgFn)
}
