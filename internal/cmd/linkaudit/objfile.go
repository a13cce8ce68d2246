// Reading the compiled package archives the go command leaves in its build
// cache (`go list -export`): an ar archive whose members are Go object
// files (one from the compiler, one per assembly file). The layout of an
// object is cmd/internal/goobj's (a header with block offsets, then
// 21-byte symbol records); the values of its flag bits are read from the
// SDK's own goobj source (see sdkinfo.go), since they move between
// versions.
package main

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// goobjMagic starts every Go object file from Go 1.20 on.
const goobjMagic = "\x00go120ld"

// Block numbers in the header's offset table (cmd/internal/goobj: BlkAutolib = 0 ...).
const (
	blkSymdef    = 3
	blkNonpkgdef = 6
	blkNonpkgref = 7
	blkRefFlags  = 8
	blkDataIdx   = 13
	symSize      = 8 + 2 + 1 + 1 + 1 + 4 + 4 // name (len, off), ABI, Type, Flag, Flag2, Siz, Align
)

// An object is one member of a package archive.
type object struct {
	member string // archive member name: _go_.o, asm_amd64.o, ...
	flags  uint32 // header flags (ObjFlag*)
	defs   []objSym
	refs   []objSym
}

type objSym struct {
	name     string
	abi      uint16
	flag2    uint8
	dataSize int // definitions only: bytes of content (0: a linknamed var that only pulls)
}

// readArchive returns the Go objects in the archive at path.
func readArchive(path string) ([]object, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	const arMagic = "!<arch>\n"
	if !bytes.HasPrefix(data, []byte(arMagic)) {
		return nil, fmt.Errorf("%s: not an ar archive", path)
	}
	var objs []object
	for off := len(arMagic); off < len(data); {
		if off+60 > len(data) || string(data[off+58:off+60]) != "`\n" {
			return nil, fmt.Errorf("%s: bad archive member header at %d", path, off)
		}
		name := strings.TrimRight(strings.TrimSpace(string(data[off:off+16])), "/")
		size, err := strconv.Atoi(strings.TrimSpace(string(data[off+48 : off+58])))
		if err != nil || size < 0 || off+60+size > len(data) {
			return nil, fmt.Errorf("%s: bad size of member %q", path, name)
		}
		body := data[off+60 : off+60+size]
		off += 60 + size + size%2
		if name == "__.PKGDEF" {
			continue
		}
		i := bytes.Index(body, []byte(goobjMagic))
		if i < 0 {
			return nil, fmt.Errorf("%s: member %s is not a Go object", path, name)
		}
		o, err := parseObject(body[i:])
		if err != nil {
			return nil, fmt.Errorf("%s: member %s: %v", path, name, err)
		}
		o.member = name
		objs = append(objs, o)
	}
	return objs, nil
}

// parseObject reads the header flags and the non-package symbol
// definitions and references of one object (the symbols whose names the
// object spells out, which is where every linkname and every assembly
// reference to another package is).
func parseObject(b []byte) (object, error) {
	le := binary.LittleEndian
	hdr := len(goobjMagic) + 8 // magic, fingerprint
	if len(b) < hdr+4+4*(blkDataIdx+1) {
		return object{}, fmt.Errorf("short header")
	}
	o := object{flags: le.Uint32(b[hdr:])}
	offset := func(blk int) int { return int(le.Uint32(b[hdr+4+4*blk:])) }
	readSyms := func(blk int) ([]objSym, error) {
		start, end := offset(blk), offset(blk+1)
		if start > end || end > len(b) || (end-start)%symSize != 0 {
			return nil, fmt.Errorf("bad block %d [%d, %d)", blk, start, end)
		}
		var syms []objSym
		for p := start; p < end; p += symSize {
			n, at := int(le.Uint32(b[p:])), int(le.Uint32(b[p+4:]))
			if at < 0 || n < 0 || at+n > len(b) {
				return nil, fmt.Errorf("symbol name out of range at %d", p)
			}
			syms = append(syms, objSym{name: string(b[at : at+n]), abi: le.Uint16(b[p+8:]), flag2: b[p+12]})
		}
		return syms, nil
	}
	var err error
	if o.defs, err = readSyms(blkNonpkgdef); err != nil {
		return o, err
	}
	if o.refs, err = readSyms(blkNonpkgref); err != nil {
		return o, err
	}
	// DataIdx holds one offset per defined symbol, plus one: definitions
	// are numbered Symdef, Hashed64def, Hasheddef, Nonpkgdef in order, so
	// the first non-package definition is number (Nonpkgdef - Symdef) / symSize.
	first := (offset(blkNonpkgdef) - offset(blkSymdef)) / symSize
	for k := range o.defs {
		at := offset(blkDataIdx) + 4*(first+k)
		if at+8 > len(b) {
			return o, fmt.Errorf("data index out of range")
		}
		start, end := le.Uint32(b[at:]), le.Uint32(b[at+4:])
		if end < start {
			return o, fmt.Errorf("bad data index of %s", o.defs[k].name)
		}
		o.defs[k].dataSize = int(end - start)
	}
	return o, nil
}
