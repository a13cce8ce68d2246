// Package smoke checks the Bazel plumbing of rules_nocgo: each test target builds this package
// pure for one platform and Go SDK and runs it under that platform's emulator. It imports ffi,
// so the Gazelle extension generates its nocgo_test (BUILD.bazel; the attributes it does not
// own, such as x_defs and data, were added by hand and survive regeneration).
package smoke

import (
	"cmp"
	"debug/elf"
	"debug/gosym"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
	"unsafe"

	"github.com/nocgo/rules_nocgo/ffi"
)

// selected is set per platform through x_defs = nocgo_select(...).
var selected string

func TestMain(m *testing.M) {
	fmt.Printf("nocgo smoke: GOOS=%s GOARCH=%s %s platform=%s selected=%s\n",
		runtime.GOOS, runtime.GOARCH, runtime.Version(), os.Getenv("NOCGO_PLATFORM"), selected)
	os.Exit(m.Run())
}

func TestGOARCH(t *testing.T) {
	want := os.Getenv("NOCGO_GOARCH")
	if want == "" {
		t.Fatal("NOCGO_GOARCH is not set")
	}
	if runtime.GOARCH != want || runtime.GOOS != "linux" {
		t.Errorf("running linux/%s, want linux/%s", runtime.GOARCH, want)
	}
}

func TestGoVersion(t *testing.T) {
	want := "go" + os.Getenv("NOCGO_GO_VERSION")
	if got := runtime.Version(); got != want {
		t.Errorf("runtime.Version() = %q, want %q", got, want)
	}
}

func TestSelect(t *testing.T) {
	if selected != runtime.GOARCH {
		t.Errorf("nocgo_select chose %q, want %q", selected, runtime.GOARCH)
	}
}

func TestData(t *testing.T) {
	rel := os.Getenv("SMOKE_DATA")
	if rel == "" {
		t.Fatal("SMOKE_DATA is not set")
	}
	b, err := os.ReadFile(filepath.Join(os.Getenv("RUNFILES_DIR"), rel))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.TrimSpace(string(b)); got != "hello from the data file" {
		t.Errorf("data file says %q", got)
	}
}

// TestBuildSettings checks what the linker recorded: a pure build, and GOARM=7 on arm.
func TestBuildSettings(t *testing.T) {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		t.Fatal("no build info")
	}
	settings := map[string]string{}
	for _, s := range info.Settings {
		settings[s.Key] = s.Value
	}
	want := map[string]string{"CGO_ENABLED": "0", "GOOS": "linux", "GOARCH": runtime.GOARCH}
	if runtime.GOARCH == "arm" {
		want["GOARM"] = "7"
	}
	for k, v := range want {
		if settings[k] != v {
			t.Errorf("build setting %s = %q, want %q", k, settings[k], v)
		}
	}
}

// TestBsearchCallback has libc's bsearch(3) call a Go comparator: C calling Go, in the binary
// this target built for its platform.
func TestBsearchCallback(t *testing.T) {
	libc, err := ffi.Dlopen("libc.so.6", ffi.RTLD_NOW)
	if err != nil {
		t.Fatal(err)
	}
	sym, err := libc.Sym("bsearch")
	if err != nil {
		t.Fatal(err)
	}
	bsearch, err := ffi.Func5[unsafe.Pointer, unsafe.Pointer, unsafe.Pointer, uintptr, uintptr, uintptr](sym)
	if err != nil {
		t.Fatal(err)
	}
	calls := 0
	cmp, err := ffi.Callback2(func(key, elem unsafe.Pointer) int32 {
		calls++
		return int32(cmp.Compare(*(*int32)(key), *(*int32)(elem)))
	})
	if err != nil {
		t.Fatal(err)
	}
	defer cmp.Free()
	table := []int32{2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31}
	for i, key := range table {
		got := bsearch(unsafe.Pointer(&key), unsafe.Pointer(&table[0]), uintptr(len(table)), 4, cmp.Ptr())
		if got != unsafe.Pointer(&table[i]) {
			t.Errorf("bsearch(%d) = %p, want %p", key, got, &table[i])
		}
	}
	missing := int32(4)
	if got := bsearch(unsafe.Pointer(&missing), unsafe.Pointer(&table[0]), uintptr(len(table)), 4, cmp.Ptr()); got != nil {
		t.Errorf("bsearch(4) = %p, want nil", got)
	}
	if calls == 0 {
		t.Error("bsearch never called the Go comparator")
	}
}

// TestNoBuildMachinePath reads this test binary's line table and checks that no action of the
// build wrote the machine it ran on into it: Bazel runs each action in an exec root (inside a
// sandbox), and a tool that records absolute source paths (an assembler without -trimpath, as
// fakecgo's -std objects had on the strict SDK) puts that root into the file names, so that the
// binary differs per machine and per sandbox and a shared remote cache cannot serve it.
func TestNoBuildMachinePath(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	f, err := elf.Open(exe)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sec := f.Section(".gopclntab")
	if sec == nil {
		t.Fatalf("%s has no .gopclntab", exe)
	}
	pcln, err := sec.Data()
	if err != nil {
		t.Fatal(err)
	}
	text := f.Section(".text")
	if text == nil {
		t.Fatalf("%s has no .text", exe)
	}
	table, err := gosym.NewTable(nil, gosym.NewLineTable(pcln, text.Addr))
	if err != nil {
		t.Fatal(err)
	}
	files := 0
	for name := range table.Files {
		files++
		if filepath.IsAbs(name) {
			t.Errorf("the line table names %s: an absolute path of the build machine", name)
		}
	}
	if files < 100 {
		t.Errorf("the line table names %d files; a Go test binary has hundreds", files)
	}
}
