// On s390x, where Dlsym reads the aux vector with raw system calls, it
// agrees with the walk from the headers /proc/self/auxv gives os.ReadFile.
package loadedlibc_test

import (
	"testing"

	"github.com/nocgo/rules_nocgo/internal/loadedlibc"
)

func TestDlsym(t *testing.T) {
	got, failure := loadedlibc.Dlsym()
	if failure != "" {
		t.Fatal(failure)
	}
	if want := libcDlsym(t); got != want {
		t.Fatalf("Dlsym: %#x, libc's dlsym(\"dlsym\"): %#x", got, want)
	}
}
