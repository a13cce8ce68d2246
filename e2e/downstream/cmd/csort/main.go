// Command csort sorts its arguments (integers) with the C library's qsort and a Go comparator,
// and prints ldexp(1.5, 4) from libm: `bazel run //cmd/csort:csort_linux_s390x_go1_27_3 -- 3 1 2`.
package main

import (
	"cmp"
	"fmt"
	"os"
	"runtime"
	"strconv"

	"example.com/downstream/csort"
)

func main() {
	c, err := csort.Open()
	if err != nil {
		fmt.Fprintln(os.Stderr, "csort:", err)
		os.Exit(1)
	}
	xs := make([]int64, 0, len(os.Args)-1)
	for _, arg := range os.Args[1:] {
		x, err := strconv.ParseInt(arg, 10, 64)
		if err != nil {
			fmt.Fprintln(os.Stderr, "csort:", err)
			os.Exit(2)
		}
		xs = append(xs, x)
	}
	calls, err := c.Sort(xs, cmp.Compare[int64])
	if err != nil {
		fmt.Fprintln(os.Stderr, "csort:", err)
		os.Exit(1)
	}
	fmt.Printf("linux/%s %s\n", runtime.GOARCH, runtime.Version())
	fmt.Printf("sorted %v (%d comparisons in Go)\n", xs, calls)
	fmt.Printf("ldexp(1.5, 4) = %v\n", c.Ldexp(1.5, 4))
}
