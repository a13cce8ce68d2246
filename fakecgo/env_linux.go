//go:build !cgo && (amd64 || 386 || arm || arm64 || loong64 || ppc64le || riscv64 || s390x)

package fakecgo

// setenvHook is _cgo_setenv(arg): os.Setenv also updates the C
// environment, so C code sees the change. arg holds two C strings.
//
//go:nosplit
//go:norace
func setenvHook(arg *[2]uintptr) {
	c3(&libc_setenv, arg[0], arg[1], 1)
}

// unsetenvHook is _cgo_unsetenv(arg): arg holds one C string.
//
//go:nosplit
//go:norace
func unsetenvHook(arg *[1]uintptr) {
	c1(&libc_unsetenv, arg[0])
}

// clearenvHook is _cgo_clearenv(nil): os.Clearenv empties the C
// environment as well, as runtime/cgo does.
//
//go:nosplit
//go:norace
func clearenvHook(unused uintptr) {
	c0(&libc_clearenv)
}
