// What an SDK's own sources say about linknames: the runtime's
// //go:linkname and //go:linknamestd directives for one GOOS/GOARCH, the
// linker's blockedLinknames table, and the bit values of the object-file
// flags, each parsed from the GOROOT (go/parser, go/build), never taken
// from a table of versions.
package main

import (
	"fmt"
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// sdkInfo is what one SDK says, for one GOARCH.
type sdkInfo struct {
	// directive maps a runtime-defined symbol ("runtime.cgocallback", or a
	// bare name such as "_cgo_init") to "linkname" or "linknamestd", with
	// the file that says so.
	directive map[string]directive
	blocked   map[string][]string // symbol -> the packages allowed to pull it
	// Object-file flag bits: ObjFlagFromAssembly and ObjFlagStd of the
	// header; SymFlagLinkname and SymFlagLinknameStd (0 when the SDK has
	// none) of a symbol's Flag2.
	objFromAsm, objStd    uint32
	symLinkname, symLnStd uint8
}

type directive struct {
	kind string // "linkname" or "linknamestd"
	file string // e.g. "stubs.go"
}

func readSDKInfo(goroot, goarch string) (*sdkInfo, error) {
	info := &sdkInfo{directive: map[string]directive{}}
	if err := info.readDirectives(goroot, goarch); err != nil {
		return nil, err
	}
	objfile := filepath.Join(goroot, "src", "cmd", "internal", "goobj", "objfile.go")
	bits, err := iotaBits(objfile, "ObjFlagFromAssembly", "ObjFlagStd", "SymFlagLinkname", "SymFlagLinknameStd")
	if err != nil {
		return nil, err
	}
	if bits["ObjFlagFromAssembly"] == 0 || bits["ObjFlagStd"] == 0 || bits["SymFlagLinkname"] == 0 {
		return nil, fmt.Errorf("%s: no ObjFlagFromAssembly, ObjFlagStd or SymFlagLinkname", objfile)
	}
	info.objFromAsm, info.objStd = uint32(bits["ObjFlagFromAssembly"]), uint32(bits["ObjFlagStd"])
	info.symLinkname, info.symLnStd = uint8(bits["SymFlagLinkname"]), uint8(bits["SymFlagLinknameStd"])
	info.blocked, err = blockedLinknames(filepath.Join(goroot, "src", "cmd", "link", "internal", "loader", "loader.go"))
	return info, err
}

// directivePkgs are the std packages whose symbols fakecgo and ffi use.
var directivePkgs = []string{"runtime", "syscall"}

// readDirectives collects the //go:linkname and //go:linknamestd lines of
// the Go files of directivePkgs that build for linux/goarch without cgo. A
// one-argument directive pushes PKG.NAME; a two-argument one defines
// its second argument (a bare name such as _cgo_init, or a symbol of
// another package) and is recorded under that name.
func (info *sdkInfo) readDirectives(goroot, goarch string) error {
	for _, pkg := range directivePkgs {
		if err := info.readPkgDirectives(goroot, goarch, pkg); err != nil {
			return err
		}
	}
	return nil
}

func (info *sdkInfo) readPkgDirectives(goroot, goarch, pkg string) error {
	ctx := build.Default
	ctx.GOROOT, ctx.GOOS, ctx.GOARCH, ctx.CgoEnabled = goroot, "linux", goarch, false
	ctx.BuildTags, ctx.ToolTags, ctx.ReleaseTags = nil, nil, build.Default.ReleaseTags
	dir := filepath.Join(goroot, "src", pkg)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		if ok, err := ctx.MatchFile(dir, name); err != nil || !ok {
			continue
		}
		src, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return err
		}
		for _, line := range strings.Split(string(src), "\n") {
			f := strings.Fields(line)
			if len(f) < 2 || (f[0] != "//go:linkname" && f[0] != "//go:linknamestd") {
				continue
			}
			sym := pkg + "." + f[1]
			if len(f) >= 3 {
				sym = f[2]
			}
			d := directive{kind: strings.TrimPrefix(f[0], "//go:"), file: pkg + "/" + name}
			// A linknamestd next to a plain linkname of the same symbol
			// (there is none today) would leave it open: keep the weaker.
			if old, ok := info.directive[sym]; ok && old.kind == "linkname" {
				continue
			}
			info.directive[sym] = d
		}
	}
	if len(info.directive) == 0 {
		return fmt.Errorf("no linkname directive in %s for %s", dir, goarch)
	}
	return nil
}

// iotaBits returns the values of the named constants, each declared in a
// const block whose first value is `1 << iota` (blank names count).
// A name that is not declared is missing from the result.
func iotaBits(file string, names ...string) (map[string]uint64, error) {
	f, err := parser.ParseFile(token.NewFileSet(), file, nil, 0)
	if err != nil {
		return nil, err
	}
	want := map[string]bool{}
	for _, n := range names {
		want[n] = true
	}
	out := map[string]uint64{}
	for _, d := range f.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.CONST || len(gd.Specs) == 0 {
			continue
		}
		first := gd.Specs[0].(*ast.ValueSpec)
		if len(first.Values) != 1 {
			continue
		}
		be, ok := first.Values[0].(*ast.BinaryExpr)
		if !ok || be.Op != token.SHL {
			continue
		}
		if lit, ok := be.X.(*ast.BasicLit); !ok || lit.Value != "1" {
			continue
		}
		if id, ok := be.Y.(*ast.Ident); !ok || id.Name != "iota" {
			continue
		}
		for i, s := range gd.Specs {
			vs := s.(*ast.ValueSpec)
			if i > 0 && len(vs.Values) != 0 {
				break // the 1 << iota sequence ends here
			}
			for _, n := range vs.Names {
				if want[n.Name] {
					out[n.Name] = 1 << i
				}
			}
		}
	}
	return out, nil
}

// blockedLinknames reads the linker's `var blockedLinknames =
// map[string][]string{...}` from loader.go.
func blockedLinknames(file string) (map[string][]string, error) {
	f, err := parser.ParseFile(token.NewFileSet(), file, nil, 0)
	if err != nil {
		return nil, err
	}
	for _, d := range f.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.VAR {
			continue
		}
		for _, s := range gd.Specs {
			vs := s.(*ast.ValueSpec)
			if len(vs.Names) != 1 || vs.Names[0].Name != "blockedLinknames" || len(vs.Values) != 1 {
				continue
			}
			lit, ok := vs.Values[0].(*ast.CompositeLit)
			if !ok {
				return nil, fmt.Errorf("%s: blockedLinknames is not a literal", file)
			}
			out := map[string][]string{}
			for _, elt := range lit.Elts {
				kv, ok := elt.(*ast.KeyValueExpr)
				if !ok {
					return nil, fmt.Errorf("%s: unexpected element in blockedLinknames", file)
				}
				key, err := stringLit(kv.Key)
				if err != nil {
					return nil, fmt.Errorf("%s: %v", file, err)
				}
				pkgs, ok := kv.Value.(*ast.CompositeLit)
				if !ok {
					return nil, fmt.Errorf("%s: %s: value is not a literal", file, key)
				}
				out[key] = []string{}
				for _, p := range pkgs.Elts {
					s, err := stringLit(p)
					if err != nil {
						return nil, fmt.Errorf("%s: %v", file, err)
					}
					out[key] = append(out[key], s)
				}
			}
			return out, nil
		}
	}
	return nil, fmt.Errorf("%s: no blockedLinknames", file)
}

func stringLit(e ast.Expr) (string, error) {
	lit, ok := e.(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return "", fmt.Errorf("not a string literal")
	}
	return strconv.Unquote(lit.Value)
}
