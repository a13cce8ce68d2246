package main

import (
	"slices"
	"strings"
	"testing"
)

// The table decides which files exist and where each import goes.
func TestGenerateFakecgo(t *testing.T) {
	files, err := generate(packages["fakecgo"])
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	want := []string{"zhooks.h", "zhooks_linux.go", "zlibc_go126_linux_s390x.go", "zlibc_go126_linux_s390x.s", "zlibc_linux.go", "zlibc_linux.s",
		"zlibc_versions_linux.go", "zlibc_versions_linux_386.go", "zlibc_versions_linux_loong64.go"}
	if !slices.Equal(names, want) {
		t.Fatalf("files %q, want %q", names, want)
	}
	for name, line := range map[string]string{
		"zlibc_versions_linux_386.go":     "//go:cgo_import_dynamic nocgo_dyn_pthread_attr_init pthread_attr_init#GLIBC_2.1 \"libc.so.6\"\n",
		"zlibc_versions_linux.go":         "//go:cgo_import_dynamic nocgo_dyn_pthread_attr_init pthread_attr_init \"libc.so.6\"\n",
		"zlibc_versions_linux_loong64.go": "//go:cgo_import_dynamic nocgo_dyn_pthread_create pthread_create#GLIBC_2.36 \"libc.so.6\"\n",
		"zlibc_linux.go":                  "//go:cgo_import_dynamic nocgo_dyn_write write \"libc.so.6\"\n",
		// The last of 31 functions: slot 30.
		"zlibc_go126_linux_s390x.s": "TEXT nocgo_libc_write(SB), NOSPLIT|NOFRAME, $0-0\n\tMOVD\t·libcAddrs+240(SB), R1\n",
		"zhooks.h":                  "#ifndef HOOK_BY_HAND_nocgo_init\nHOOK(nocgo_init, ·cgoInit)\n#endif\n",
	} {
		if !strings.Contains(string(files[name]), line) {
			t.Errorf("%s lacks %q:\n%s", name, line, files[name])
		}
	}
	if !strings.Contains(string(files["zlibc_versions_linux.go"]), "//go:build !cgo && (amd64 || 386 || arm || arm64 || loong64 || ppc64le || riscv64 || s390x) && !386 && !loong64\n") {
		t.Errorf("zlibc_versions_linux.go does not leave out 386 and loong64:\n%s", files["zlibc_versions_linux.go"])
	}
}

func TestCheckRefusesBadTables(t *testing.T) {
	for _, funcs := range [][]libcFunc{
		{{name: "write"}, {name: "abort"}},
		{{name: "abort"}, {name: "abort"}},
		{{name: "abort", versions: map[string]string{"mips": "GLIBC_2.0"}}},
	} {
		if _, err := generate(pkgTable{pkg: "p", file: "zp", funcs: funcs}); err == nil {
			t.Errorf("generate accepted %v", funcs)
		}
	}
}
