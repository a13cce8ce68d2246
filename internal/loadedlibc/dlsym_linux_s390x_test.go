// On s390x, where Dlsym reads the aux vector with raw system calls, it
// agrees with the walk from the headers /proc/self/auxv gives os.ReadFile.
package loadedlibc_test

import (
	"testing"

	"github.com/nocgo/rules_nocgo/ffi"
	"github.com/nocgo/rules_nocgo/internal/loadedlibc"
)

func TestDlsym(t *testing.T) {
	got, failure := loadedlibc.Dlsym()
	if failure != "" {
		t.Fatal(failure)
	}
	libc, err := ffi.Dlopen("libc.so.6", ffi.RTLD_NOW)
	if err != nil {
		t.Fatal(err)
	}
	defer libc.Close()
	want, err := libc.Sym("dlsym")
	if err != nil {
		t.Fatal(err)
	}
	if got != uintptr(want) {
		t.Fatalf("Dlsym: %#x, libc's dlsym(\"dlsym\"): %#x", got, uintptr(want))
	}
}
