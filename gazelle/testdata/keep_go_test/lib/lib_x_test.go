package lib_test

import (
	"testing"

	"example.com/app/lib"
	"github.com/nocgo/rules_nocgo/ffi"
)

func TestOpen(t *testing.T) {
	if _, err := ffi.Dlopen("libm.so.6", ffi.RTLD_NOW); err != nil {
		t.Fatal(err)
	}
	if _, err := lib.Ldexp(1, 1); err != nil {
		t.Fatal(err)
	}
}
