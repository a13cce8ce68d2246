//go:build linux && (amd64 || arm64 || loong64 || ppc64le || riscv64 || s390x)

// The walk from the program headers to libc's dlsym, over the 64-bit ELF
// structures the dynamic loader has mapped (elf.h, link.h). It reads
// native words, so it serves every 64-bit GOARCH; s390x alone needs it,
// the others test it.
package loadedlibc

import "unsafe"

// ELF constants (elf.h, 64-bit).
const (
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

// DlsymFromHeaders returns the address of dlsym in the libc.so.6 the
// dynamic loader has loaded into this process, given the program's own
// headers (the aux vector's AT_PHDR and AT_PHNUM), or 0 and what failed.
//
//go:nosplit
//go:norace
func DlsymFromHeaders(phdr, phnum uintptr) (uintptr, string) {
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
	if dyn == 0 {
		return 0, "the program has no dynamic section"
	}
	var rdebug uintptr
	for d := bias + dyn; word(d) != dtNull; d += dynSize {
		if word(d) == dtDebug {
			rdebug = word(d + 8)
		}
	}
	if rdebug == 0 {
		return 0, "no r_debug from the dynamic loader"
	}

	// struct r_debug: int r_version, then struct link_map *r_map at 8.
	// struct link_map: l_addr, l_name, l_ld, l_next (8 bytes each).
	for m := word(rdebug + 8); m != 0; m = word(m + 24) {
		if hasSuffix(word(m+8), "/libc.so.6") {
			if f := lookup(word(m), word(m+16), "dlsym\x00"); f != 0 {
				return f, ""
			}
		}
	}
	return 0, "cannot find dlsym in libc.so.6"
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
			*(*uint8)(cptr(sym + 4))&0xf == sttFunc &&
			*(*uint16)(cptr(sym + 6)) != 0 && // defined here
			(versym == 0 || *(*uint16)(cptr(versym + uintptr(i)*2))&versymHidden == 0) &&
			cstrEqual(strtab+uintptr(word32(sym)), name) {
			return base + word(sym+8)
		}
		if c&1 != 0 {
			return 0
		}
	}
}

// cptr turns an address of memory the loader mapped into a pointer: the
// package's one conversion from an integer. (unsafe.Add from nil says what
// a conversion from uintptr would, without vet's warning about Go
// pointers hidden in integers: this memory is not Go's.)
//
//go:nosplit
func cptr(addr uintptr) unsafe.Pointer { return unsafe.Add(nil, addr) }

//go:nosplit
func word(addr uintptr) uintptr { return *(*uintptr)(cptr(addr)) }

//go:nosplit
func word32(addr uintptr) uint32 { return *(*uint32)(cptr(addr)) }

// cstrEqual reports whether the len(name) bytes at s are name: with
// name's NUL included, whether the C string at s is name.
//
//go:nosplit
func cstrEqual(s uintptr, name string) bool {
	for i := 0; i < len(name); i++ {
		if *(*byte)(cptr(s + uintptr(i))) != name[i] {
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
	for *(*byte)(cptr(s + n)) != 0 {
		n++
	}
	if n < uintptr(len(suffix)) {
		return false
	}
	return cstrEqual(s+n-uintptr(len(suffix)), suffix)
}
