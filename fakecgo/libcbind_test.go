//go:build !cgo && linux

package fakecgo

import (
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// Go 1.26 on s390x binds libc at run time (libcbind_go126_linux_s390x.go)
// instead of through the cgo_import_dynamic lines. Its name table and its
// stubs must list the same functions, in the same order, as those lines
// (the ones s390x builds: here and in ffi), or that build fails to link or calls the wrong
// function. Checked on every GOARCH, since it only reads the sources.
func TestGo126S390xLibcTable(t *testing.T) {
	read := func(name string) string {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	var imported []string
	// An import may name a symbol version (name#GLIBC_2.34); dlsym binds
	// the default version, which is the one the versioned imports name.
	imports := regexp.MustCompile(`(?m)^//go:cgo_import_dynamic nocgo_dyn_\w+ (\w+)(?:#[\w.]+)? "libc\.so\.6"$`)
	for _, f := range []string{"libc_linux.go", "libc_versions_linux.go", "../ffi/dl_versions_linux.go"} {
		for _, m := range imports.FindAllStringSubmatch(read(f), -1) {
			imported = append(imported, m[1])
		}
	}

	if len(imported) == 0 {
		t.Fatal("no cgo_import_dynamic lines found")
	}

	src := read("libcbind_go126_linux_s390x.go")
	start := strings.Index(src, "const libcNames =")
	end := strings.Index(src[start:], "\n\n")
	var names []string
	for _, m := range regexp.MustCompile(`"([^"]*)"`).FindAllStringSubmatch(src[start:start+end], -1) {
		names = append(names, m[1])
	}
	table := strings.Split(strings.TrimSuffix(strings.Join(names, ""), `\x00`), `\x00`)

	var stubs []string
	stub := regexp.MustCompile(`(?m)^STUB\(nocgo_libc_(\w+), (\d+)\)$`)
	for i, m := range stub.FindAllStringSubmatch(read("libcbind_go126_linux_s390x.s"), -1) {
		if m[2] != strconv.Itoa(i) {
			t.Errorf("stub %s has slot %s, want %d", m[1], m[2], i)
		}
		stubs = append(stubs, m[1])
	}

	if strings.Join(table, " ") != strings.Join(imported, " ") {
		t.Errorf("libcNames:\n\t%v\nimported:\n\t%v", table, imported)
	}
	if strings.Join(stubs, " ") != strings.Join(imported, " ") {
		t.Errorf("stubs:\n\t%v\nimported:\n\t%v", stubs, imported)
	}
	if want := regexp.MustCompile(`var libcAddrs \[(\d+)\]uintptr`).FindStringSubmatch(src); want == nil || want[1] != strconv.Itoa(len(imported)) {
		t.Errorf("libcAddrs length %v, want %d", want, len(imported))
	}
}
