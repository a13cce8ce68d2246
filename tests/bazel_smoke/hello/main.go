// Command hello prints where it runs: `tools/bazel run //tests/bazel_smoke/hello:hello_linux_s390x_go1_27_3`.
package main

import (
	"fmt"
	"os"
	"runtime"
)

func main() {
	fmt.Printf("hello from %s/%s, %s, args %q\n", runtime.GOOS, runtime.GOARCH, runtime.Version(), os.Args[1:])
}
