// Command tool prints ldexp(1.5, 4), computed by libm.
package main

import (
	"fmt"
	"os"

	_ "github.com/nocgo/rules_nocgo/fakecgo"
	"github.com/nocgo/rules_nocgo/ffi"
)

func main() {
	lib, err := ffi.Dlopen("libm.so.6", ffi.RTLD_NOW)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	sym, err := lib.Sym("ldexp")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	ldexp, err := ffi.Func2[float64, float64, int32](sym)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(ldexp(1.5, 4))
}
