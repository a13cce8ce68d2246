// Command hello prints where it runs, and asks libc for its process ID through ffi:
// `tools/bazel run //tests/bazel_smoke/hello:hello_linux_s390x_go1_27_3`.
package main

import (
	"fmt"
	"os"
	"runtime"

	"github.com/nocgo/rules_nocgo/ffi"
)

func main() {
	fmt.Printf("hello from %s/%s, %s, args %q\n", runtime.GOOS, runtime.GOARCH, runtime.Version(), os.Args[1:])
	pid, err := cGetpid()
	if err != nil {
		fmt.Fprintln(os.Stderr, "hello:", err)
		os.Exit(1)
	}
	if pid != int32(os.Getpid()) {
		fmt.Fprintf(os.Stderr, "hello: libc getpid() = %d, os.Getpid() = %d\n", pid, os.Getpid())
		os.Exit(1)
	}
	fmt.Printf("libc getpid() = %d\n", pid)
}

func cGetpid() (int32, error) {
	libc, err := ffi.Dlopen("libc.so.6", ffi.RTLD_NOW)
	if err != nil {
		return 0, err
	}
	sym, err := libc.Sym("getpid")
	if err != nil {
		return 0, err
	}
	getpid, err := ffi.Func0[int32](sym)
	if err != nil {
		return 0, err
	}
	return getpid(), nil
}
