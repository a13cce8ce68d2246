package fakecgo_test

import (
	"bufio"
	"debug/elf"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/nocgo/rules_nocgo/ffi"
)

// Every libc function this binary imports (fakecgo's and ffi's) is bound
// to the version a C program linked today gets: the default version in
// the libc.so.6 the process runs with. An unversioned import of a
// function glibc keeps several versions of binds the oldest one instead
// (dlopen@GLIBC_2.0 on 386). Read from the ELF files, not from readelf.
func TestLibcImportVersions(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	imports := undefinedSymbols(t, exe)
	libcPath := mappedLibc(t)
	versions, defaults := libcVersions(t, libcPath)

	var fromLibc []string
	for name, imp := range imports {
		if len(versions[name]) == 0 {
			continue // not a libc function (or not one of its functions)
		}
		fromLibc = append(fromLibc, name)
		want := defaults[name]
		switch {
		case imp.Version != "" && imp.Version != want:
			t.Errorf("%s imported as %s@%s; %s's default is %s@%s", name, name, imp.Version, libcPath, name, want)
		case imp.Version == "" && len(versions[name]) > 1:
			t.Errorf("%s imported without a version: the loader binds the oldest of %v, not the default %s", name, versions[name], want)
		}
	}
	slices.Sort(fromLibc)
	t.Logf("%d libc imports checked against the mapped %s: %v", len(fromLibc), filepath.Base(libcPath), fromLibc)

	if runtime.GOARCH == "s390x" && strings.HasPrefix(runtime.Version(), "go1.26") {
		// Go 1.26 on s390x binds libc at run time with dlsym, which
		// returns the default versions (libcbind_go126_linux_s390x.go):
		// the binary must not import any libc function itself.
		if len(fromLibc) != 0 {
			t.Fatalf("Go 1.26 s390x build imports %v from libc", fromLibc)
		}
		return
	}
	for _, name := range []string{"dlopen", "dlsym", "dlclose", "dlerror", "pthread_create", "pthread_attr_init", "pthread_sigmask", "setuid", "clearenv"} {
		if _, ok := imports[name]; !ok {
			t.Errorf("%s is not imported", name)
		}
	}
	wantDl := "GLIBC_2.34"
	if runtime.GOARCH == "loong64" {
		wantDl = "GLIBC_2.36" // its glibc starts there
	}
	if v := imports["dlopen"].Version; v != wantDl {
		t.Errorf("dlopen imported as dlopen@%s, want dlopen@%s", v, wantDl)
	}
}

// The current dlopen refuses a mode with neither RTLD_LAZY nor RTLD_NOW;
// the compat dlopen@GLIBC_2.0 that an unversioned import binds on 386
// quietly took it as RTLD_LAZY.
func TestDlopenModeZero(t *testing.T) {
	l, err := ffi.Dlopen("libc.so.6", 0)
	if err == nil {
		l.Close()
		t.Fatal("dlopen(libc.so.6, 0) succeeded: the binary bound an old dlopen")
	}
	if !strings.Contains(err.Error(), "invalid mode") {
		t.Fatalf("dlopen(libc.so.6, 0): %v, want dlerror's \"invalid mode for dlopen()\"", err)
	}
}

// undefinedSymbols returns the dynamic symbols the file imports, by name.
func undefinedSymbols(t *testing.T, path string) map[string]elf.Symbol {
	t.Helper()
	f, err := elf.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	syms, err := f.DynamicSymbols()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]elf.Symbol{}
	for _, s := range syms {
		if s.Section == elf.SHN_UNDEF && s.Name != "" {
			out[s.Name] = s
		}
	}
	return out
}

// mappedLibc returns the path of the libc.so.6 mapped into this process.
func mappedLibc(t *testing.T) string {
	t.Helper()
	f, err := os.Open("/proc/self/maps")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if p := fields[len(fields)-1]; strings.HasSuffix(p, "/libc.so.6") {
			return p
		}
	}
	t.Fatal("no libc.so.6 in /proc/self/maps")
	return ""
}

// libcVersions returns, for each function libc defines, its versions and
// its default version (the one not marked hidden).
func libcVersions(t *testing.T, path string) (versions map[string][]string, defaults map[string]string) {
	t.Helper()
	f, err := elf.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	syms, err := f.DynamicSymbols()
	if err != nil {
		t.Fatal(err)
	}
	versions, defaults = map[string][]string{}, map[string]string{}
	for _, s := range syms {
		if s.Section == elf.SHN_UNDEF || elf.ST_TYPE(s.Info) != elf.STT_FUNC || !s.HasVersion {
			continue
		}
		versions[s.Name] = append(versions[s.Name], s.Version)
		if !s.VersionIndex.IsHidden() {
			defaults[s.Name] = s.Version
		}
	}
	if len(defaults["malloc"]) == 0 {
		t.Fatalf("%s: no versioned malloc: not glibc's libc.so.6?", path)
	}
	return versions, defaults
}
