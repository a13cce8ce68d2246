//go:build !cgo && !go1.27

package fakecgo

import "unsafe"

// Go 1.26's linker cannot bind a reference from Go assembly to a
// dynamically imported function on s390x: cmd/link/internal/s390x makes
// PLT and GOT entries only for the relocations of ELF host objects, and
// rejects the JMPs of libc_linux.s with "unsupported dynamic relocation"
// (Go 1.27 handles them, which is why purego's fakecgo needs 1.27 on
// s390x). So this build leaves out libc_linux.s and ffi's dl_linux.s, and
// stubs of the same names (libcbind_go126_linux_s390x.s) jump through
// libcAddrs instead, which bindLibc fills in before the first libc call.
//
// The binary still names libc.so.6 as needed (the cgo_import_dynamic
// lines), so the dynamic loader has mapped it before the Go entry point
// runs. bindLibc finds it the way a debugger does: the aux vector (above
// argv on the initial stack) locates our program headers, they locate our
// dynamic section, whose DT_DEBUG entry the loader has pointed at its
// r_debug, the head of the list of loaded objects. In libc.so.6 it looks
// up dlsym through the GNU hash table; dlsym finds the rest.

// libcNames are the functions behind the stubs, in the order of libcAddrs
// and of the stubs in libcbind_go126_linux_s390x.s, each NUL-terminated
// as dlsym takes it: the imports of libc_linux.go, libc_versions_linux.go
// and, last, package ffi's dl_versions_linux.go, in that order.
const libcNames = "abort\x00free\x00malloc\x00nanosleep\x00" +
	"pthread_attr_destroy\x00pthread_self\x00setenv\x00" +
	"sigfillset\x00unsetenv\x00write\x00__errno_location\x00" +
	"clearenv\x00setegid\x00seteuid\x00setgid\x00setgroups\x00" +
	"setregid\x00setresgid\x00setresuid\x00setreuid\x00setuid\x00" +
	"strerror_r\x00pthread_attr_getstack\x00" +
	"pthread_attr_getstacksize\x00pthread_attr_init\x00" +
	"pthread_create\x00pthread_detach\x00pthread_getattr_np\x00" +
	"pthread_key_create\x00pthread_setspecific\x00" +
	"pthread_sigmask\x00dlopen\x00dlsym\x00dlclose\x00dlerror\x00"

// libcAddrs[i] is the address of the i-th function of libcNames.
var libcAddrs [35]uintptr

// sysWrite and sysExit are raw system calls (libcbind_go126_linux_s390x.s),
// for failing before libc's write and abort are bound.
//
//go:noescape
func sysWrite(fd uintptr, p *byte, n uintptr)

func sysExit(code uintptr)

// ELF and aux vector constants (elf.h, 64-bit).
const (
	atNull  = 0
	atPhdr  = 3 // address of the program headers
	atPhnum = 5

	ptDynamic = 2
	ptPhdr    = 6 // the program headers themselves: gives the load bias

	dtNull    = 0
	dtStrtab  = 5
	dtSymtab  = 6
	dtDebug   = 21 // set by the loader to its struct r_debug
	dtGNUHash = 0x6ffffef5
	dtVersym  = 0x6ffffff0

	phdrSize = 56 // Elf64_Phdr: p_type (uint32) at 0, p_vaddr at 16
	dynSize  = 16 // Elf64_Dyn: d_tag, d_val
	symSize  = 24 // Elf64_Sym: st_name (uint32) at 0, st_info at 4, st_shndx (uint16) at 6, st_value at 8

	sttFunc      = 2
	versymHidden = 0x8000 // not the default version of the symbol
)

// cgoInitS390x is _cgo_init on s390x (nocgo_init in asm_s390x.s).
//
//go:nosplit
//go:norace
func cgoInitS390x(g0, setgFn uintptr) {
	bindLibc(g0)
	cgoInit(g0, setgFn)
}

// bindLibc fills libcAddrs, or ends the process.
//
//go:nosplit
//go:norace
func bindLibc(g0 uintptr) {
	dlsym := (*byte)(at(findDlsym(g0)))
	names := libcNames
	for i := range libcAddrs {
		n := 0
		for names[n] != 0 {
			n++
		}
		// dlsym(RTLD_DEFAULT, name): the default version, searched
		// in the global scope, as the PLT would bind it.
		const rtldDefault = 0
		addr := call6(dlsym, rtldDefault, uintptr(unsafe.Pointer(unsafe.StringData(names))), 0, 0, 0, 0)
		if addr == 0 {
			bindFailed("dlsym cannot find ", names[:n])
		}
		libcAddrs[i] = addr
		names = names[n+1:]
	}
}

// findDlsym returns the address of libc's dlsym.
//
//go:nosplit
//go:norace
func findDlsym(g0 uintptr) uintptr {
	// Go 1.26's rt0_go (runtime/asm_s390x.s) calls _cgo_init with its
	// SP as g0's stack top and argv 16 bytes above it. argv points into
	// the initial stack the kernel built: argc, argv[0..argc-1], NULL,
	// the environment, NULL, then the aux vector, (tag, value) pairs up
	// to AT_NULL. Check argc against argv before trusting the layout.
	hi := (*gStack)(at(g0)).hi
	argv := word(hi + 16)
	p := argv
	for argv > hi && word(p) != 0 {
		p += 8
	}
	if argv <= hi || word(argv-8) != (p-argv)/8 {
		bindFailed("_cgo_init: argv not where Go 1.26 puts it", "")
	}
	for p += 8; word(p) != 0; p += 8 {
	}
	var phdr, phnum uintptr
	for p += 8; word(p) != atNull; p += 16 {
		switch word(p) {
		case atPhdr:
			phdr = word(p + 8)
		case atPhnum:
			phnum = word(p + 8)
		}
	}

	var bias, dyn uintptr
	for i := uintptr(0); i < phnum; i++ {
		ph := phdr + i*phdrSize
		switch word32(ph) {
		case ptPhdr:
			bias = phdr - word(ph+16) // non-zero for PIE
		case ptDynamic:
			dyn = word(ph + 16)
		}
	}
	var rdebug uintptr
	for d := bias + dyn; dyn != 0 && word(d) != dtNull; d += dynSize {
		if word(d) == dtDebug {
			rdebug = word(d + 8)
		}
	}
	if rdebug == 0 {
		bindFailed("no r_debug from the dynamic loader", "")
	}

	// struct r_debug: int r_version, then struct link_map *r_map at 8.
	// struct link_map: l_addr, l_name, l_ld, l_next (8 bytes each).
	for m := word(rdebug + 8); m != 0; m = word(m + 24) {
		if hasSuffix(word(m+8), "/libc.so.6") {
			if f := lookup(word(m), word(m+16), "dlsym\x00"); f != 0 {
				return f
			}
		}
	}
	bindFailed("cannot find dlsym in libc.so.6", "")
	return 0
}

// lookup returns the address of the default version of function name
// (NUL-terminated) in the object loaded at base with dynamic section dyn,
// or 0. It goes through the GNU hash table (DT_GNU_HASH), the only one
// glibc's libc.so.6 has on Debian.
//
//go:nosplit
//go:norace
func lookup(base, dyn uintptr, name string) uintptr {
	var strtab, symtab, hash, versym uintptr
	for d := dyn; word(d) != dtNull; d += dynSize {
		v := word(d + 8)
		// The loader relocates these addresses in place, unless the
		// dynamic section is read-only; then they are still offsets.
		if v < base {
			v += base
		}
		switch word(d) {
		case dtStrtab:
			strtab = v
		case dtSymtab:
			symtab = v
		case dtGNUHash:
			hash = v
		case dtVersym:
			versym = v
		}
	}
	if strtab == 0 || symtab == 0 || hash == 0 {
		return 0
	}

	h := uint32(5381) // the GNU hash: h = h*33 + c
	for i := 0; name[i] != 0; i++ {
		h = h*33 + uint32(name[i])
	}
	// Header: nbuckets, symoffset, bloom words, bloom shift (uint32 each),
	// then the bloom filter (uint64 each), buckets and chains (uint32).
	nbuckets, symoffset := word32(hash), word32(hash+4)
	buckets := hash + 16 + uintptr(word32(hash+8))*8
	chains := buckets + uintptr(nbuckets)*4
	i := word32(buckets + uintptr(h%nbuckets)*4)
	if i < symoffset {
		return 0 // empty bucket
	}
	for ; ; i++ {
		c := word32(chains + uintptr(i-symoffset)*4) // hash of symbol i, low bit: last of its chain
		sym := symtab + uintptr(i)*symSize
		if c|1 == h|1 &&
			*(*uint8)(at(sym + 4))&0xf == sttFunc &&
			*(*uint16)(at(sym + 6)) != 0 && // defined here
			(versym == 0 || *(*uint16)(at(versym + uintptr(i)*2))&versymHidden == 0) &&
			cstrEqual(strtab+uintptr(word32(sym)), name) {
			return base + word(sym+8)
		}
		if c&1 != 0 {
			return 0
		}
	}
}

// at turns an address that is not Go memory into a pointer.
//
//go:nosplit
func at(addr uintptr) unsafe.Pointer { return unsafe.Add(nil, addr) }

//go:nosplit
func word(addr uintptr) uintptr { return *(*uintptr)(at(addr)) }

//go:nosplit
func word32(addr uintptr) uint32 { return *(*uint32)(at(addr)) }

// cstrEqual reports whether the len(name) bytes at s are name: with
// name's NUL included, whether the C string at s is name.
//
//go:nosplit
func cstrEqual(s uintptr, name string) bool {
	for i := 0; i < len(name); i++ {
		if *(*byte)(at(s + uintptr(i))) != name[i] {
			return false
		}
	}
	return true
}

// hasSuffix reports whether the C string at s ends with suffix.
//
//go:nosplit
func hasSuffix(s uintptr, suffix string) bool {
	n := uintptr(0)
	for *(*byte)(at(s + n)) != 0 {
		n++
	}
	if n < uintptr(len(suffix)) {
		return false
	}
	return cstrEqual(s+n-uintptr(len(suffix)), suffix)
}

// bindFailed reports what and name on standard error and exits.
//
//go:nosplit
func bindFailed(what, name string) {
	const prefix = "fakecgo: binding libc (Go 1.26, s390x): "
	sysWrite(2, unsafe.StringData(prefix), uintptr(len(prefix)))
	sysWrite(2, unsafe.StringData(what), uintptr(len(what)))
	if name != "" {
		sysWrite(2, unsafe.StringData(name), uintptr(len(name)))
	}
	sysWrite(2, unsafe.StringData("\n"), 1)
	sysExit(2)
}
