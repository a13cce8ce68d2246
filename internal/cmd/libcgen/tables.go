// The one list of the libc functions each package calls, with the symbol
// version each GOARCH binds.
package main

import (
	"fmt"
	"slices"
)

// libcFunc is a libc function and the symbol version to import it with.
type libcFunc struct {
	name string
	// versions maps a GOARCH to the version to bind there; "" is every
	// other GOARCH. No entry (or "") means an unversioned import, right
	// for a function glibc has one version of: an unversioned import
	// binds the oldest version glibc keeps, so a function with compat
	// versions names the one a C program linked today gets (the default,
	// "@@" in readelf; TestLibcImportVersions checks them).
	versions map[string]string
}

// spec is the import's remote name on arch: name or name#VERSION.
func (f libcFunc) spec(arch string) string {
	v, ok := f.versions[arch]
	if !ok {
		v = f.versions[""]
	}
	if v == "" {
		return f.name
	}
	return f.name + "#" + v
}

// commonSpec returns the spec when every GOARCH imports alike.
func (f libcFunc) commonSpec() (string, bool) {
	for _, arch := range goarches {
		if f.spec(arch) != f.spec(goarches[0]) {
			return "", false
		}
	}
	return f.spec(goarches[0]), true
}

// pkgTable is one package's bindings.
type pkgTable struct {
	pkg         string // Go package name (and the -pkg flag)
	file        string // file name stem: <file>_linux.go and so on
	constraint  string // build constraint of every file ("" none)
	doc         string // what the functions are for
	versionsDoc string // why the versions are what they are
	bindDoc     string // what binds the Go 1.26 s390x table
	hooks       bool   // also write the runtime hooks (hooks.go)
	funcs       []libcFunc
}

// check refuses a table the generated files could not express.
func (p pkgTable) check() error {
	for i, f := range p.funcs {
		if i > 0 && p.funcs[i-1].name >= f.name {
			return fmt.Errorf("%s: %s: keep the functions sorted, without repeats", p.pkg, f.name)
		}
		for arch := range f.versions {
			if arch != "" && !slices.Contains(goarches, arch) {
				return fmt.Errorf("%s: %s: unknown GOARCH %q", p.pkg, f.name, arch)
			}
		}
	}
	return nil
}

// glibc 2.34 moved libpthread and libdl into libc and gave their functions
// new versions there (2.32 for pthread_getattr_np and pthread_sigmask);
// the old ones stay for old binaries. loong64's glibc starts at 2.36,
// where each function has the one version GLIBC_2.36.
var (
	glibc234 = map[string]string{"": "GLIBC_2.34", "loong64": "GLIBC_2.36"}
	glibc232 = map[string]string{"": "GLIBC_2.32", "loong64": "GLIBC_2.36"}
)

var packages = map[string]pkgTable{
	"fakecgo": {
		pkg:        "fakecgo",
		hooks:      true,
		file:       "zlibc",
		constraint: "!cgo && (amd64 || 386 || arm || arm64 || loong64 || ppc64le || riscv64 || s390x)",
		doc:        "The libc functions fakecgo calls (through call6), bound at load time\nby the dynamic linker.",
		versionsDoc: "glibc 2.34 moved libpthread into libc with new versions (2.32 for\n" +
			"pthread_getattr_np and pthread_sigmask);\n" +
			"386 also keeps the i386 ABI's original pthread_attr_init@GLIBC_2.0\n" +
			"(a smaller pthread_attr_t), the current one is GLIBC_2.1; loong64's\n" +
			"glibc starts at 2.36.",
		bindDoc: "bindLibc (libcbind_go126_linux_s390x.go), called from _cgo_init,",
		funcs: []libcFunc{
			{name: "__errno_location"},
			{name: "abort"},
			{name: "clearenv"},
			{name: "free"},
			{name: "malloc"},
			{name: "nanosleep"},
			{name: "pthread_attr_destroy"},
			{name: "pthread_attr_getstack", versions: glibc234},
			{name: "pthread_attr_getstacksize", versions: glibc234},
			// One version on the other GOARCHes.
			{name: "pthread_attr_init", versions: map[string]string{"386": "GLIBC_2.1", "loong64": "GLIBC_2.36"}},
			{name: "pthread_create", versions: glibc234},
			{name: "pthread_detach", versions: glibc234},
			{name: "pthread_getattr_np", versions: glibc232},
			{name: "pthread_key_create", versions: glibc234},
			{name: "pthread_self"},
			{name: "pthread_setspecific", versions: glibc234},
			{name: "pthread_sigmask", versions: glibc232},
			{name: "setegid"},
			{name: "setenv"},
			{name: "seteuid"},
			{name: "setgid"},
			{name: "setgroups"},
			{name: "setregid"},
			{name: "setresgid"},
			{name: "setresuid"},
			{name: "setreuid"},
			{name: "setuid"},
			{name: "sigfillset"},
			{name: "strerror_r"},
			{name: "unsetenv"},
			{name: "write"},
		},
	},
	"ffi": {
		pkg:  "ffi",
		file: "zdl",
		doc:  "The dl* functions ffi calls (through callRaw), bound at load time by\nthe dynamic linker (glibc 2.34 and later has them in libc.so.6).",
		versionsDoc: "They have the versions glibc 2.34 gave them when it moved libdl\n" +
			"into libc (loong64's glibc starts at 2.36). An unversioned import would bind the oldest version glibc\n" +
			"keeps: on 386 dlopen@GLIBC_2.0, which accepts a mode without\n" +
			"RTLD_LAZY or RTLD_NOW.",
		bindDoc: "bindDl (dl_go126_linux_s390x.go), on the first dl* call,",
		funcs: []libcFunc{
			{name: "dlclose", versions: glibc234},
			{name: "dlerror", versions: glibc234},
			{name: "dlopen", versions: glibc234},
			{name: "dlsym", versions: glibc234},
		},
	},
}
