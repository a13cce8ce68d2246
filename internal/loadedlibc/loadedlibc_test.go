//go:build linux && (amd64 || arm64 || loong64 || ppc64le || riscv64 || s390x)

// The walk to dlsym finds what libc's own dlsym answers, on every 64-bit
// GOARCH (the program is linked against libc through package ffi).
package loadedlibc_test

import (
	"encoding/binary"
	"os"
	"runtime"
	"testing"

	"github.com/nocgo/rules_nocgo/ffi"
	"github.com/nocgo/rules_nocgo/internal/loadedlibc"
)

func TestDlsymFromHeaders(t *testing.T) {
	auxv, err := os.ReadFile("/proc/self/auxv")
	if err != nil {
		t.Fatal(err)
	}
	var phdr, phnum uintptr
	for i := 0; i+16 <= len(auxv); i += 16 {
		tag, val := binary.NativeEndian.Uint64(auxv[i:]), binary.NativeEndian.Uint64(auxv[i+8:])
		switch tag {
		case 3: // AT_PHDR
			phdr = uintptr(val)
		case 5: // AT_PHNUM
			phnum = uintptr(val)
		}
	}
	got, failure := loadedlibc.DlsymFromHeaders(phdr, phnum)
	if failure != "" {
		t.Fatalf("DlsymFromHeaders(%#x, %d): %s", phdr, phnum, failure)
	}

	if want := libcDlsym(t); got != want {
		t.Fatalf("DlsymFromHeaders: %#x, libc's dlsym(\"dlsym\"): %#x", got, want)
	}
	t.Logf("dlsym at %#x on %s", got, runtime.GOARCH)
}

// libcDlsym is libc's own answer: dlsym(dlopen("libc.so.6"), "dlsym").
func libcDlsym(t *testing.T) uintptr {
	t.Helper()
	libc, err := ffi.Dlopen("libc.so.6", ffi.RTLD_NOW)
	if err != nil {
		t.Fatal(err)
	}
	defer libc.Close()
	want, err := libc.Sym("dlsym")
	if err != nil {
		t.Fatal(err)
	}
	return uintptr(want)
}
