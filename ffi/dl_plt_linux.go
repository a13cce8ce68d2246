//go:build !s390x || go1.27 || cgo

// The dl* stubs leave through the PLT, which the dynamic linker binds at
// load time: nothing to bind here.
package ffi

func bindDl() {}
