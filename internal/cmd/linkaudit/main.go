// Command linkaudit lists every runtime (and syscall) symbol that fakecgo
// and ffi reference or define, for each Go SDK and GOARCH, read from the compiled
// objects (`go list -export`: the package archives, parsed as Go object
// files), and classifies each against that SDK's own runtime sources:
//
//	pushed       the runtime says //go:linkname NAME: open to every package
//	std-only     //go:linknamestd NAME: open to objects built with -std
//	not pushed   no directive: only std may reference it
//	blocked      in the linker's blockedLinknames table
//	hook         a bare (package-less) name the runtime declares and we define
//
// A reference is allowed when the SDK's linker would let it through: a
// pushed symbol always, a std-only one from an object that carries the std
// flag (our -asmflags=PKG=-std builds, see internal/linkprobe), and any
// assembly reference where the linker does not check assembly at all —
// decided by a probe (a plain assembly reference to runtime·gogo,
// which no SDK pushes), not by a version number. It exits 1 when a
// reference is not allowed.
//
//	tools/linkaudit [-sdk 1.26.8,...] [-arch amd64,...]
//	tools/linkaudit -write fakecgo/LINKNAMES.md   (regenerate its tables)
//	tools/linkaudit -check fakecgo/LINKNAMES.md   (fail when they are stale)
//
// The nocgo_handoff mode is audited with the tag, no flag, and the symbols
// it must not use at all (tools/matrix does this for its handoff rows,
// reading the -json record):
//
//	tools/linkaudit -tags nocgo_handoff -noflags \
//	    -forbid runtime.cgocallback,runtime.load_g -json uses.json
//
// The builds use the same flags as tools/matrix (the mechanism chosen per
// SDK and GOARCH), so what is audited is what is tested.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/nocgo/rules_nocgo/internal/linkprobe"
	"github.com/nocgo/rules_nocgo/internal/nocgosdk"
	"github.com/nocgo/rules_nocgo/internal/nocgotable"
)

var allArches = nocgotable.GOARCHes()

const fakecgoPkg = "github.com/nocgo/rules_nocgo/fakecgo"

// A use is one symbol as one object uses it.
type use struct {
	symbol string
	how    string // "ref from Go (linkname)", "ref from assembly", "definition"
	pkg    string // import path, without the module prefix
}

// A verdict is the classification of a use on one SDK and GOARCH.
type verdict struct {
	class   string // pushed, std-only, not pushed, blocked, hook
	allowed bool
	why     string // for an allowed std-only or unchecked use
}

func (v verdict) String() string {
	s := v.class
	if v.why != "" {
		s += " (" + v.why + ")"
	}
	if !v.allowed {
		s += ": REFUSED"
	}
	return s
}

func main() {
	sdks := flag.String("sdk", strings.Join(nocgosdk.Names(), ","), "comma-separated SDKs")
	arches := flag.String("arch", strings.Join(allArches, ","), "comma-separated GOARCH list")
	pkgs := flag.String("pkgs", "./fakecgo,./ffi", "packages to audit")
	write := flag.String("write", "", "regenerate the tables in this markdown file")
	check := flag.String("check", "", "fail when the tables in this markdown file are stale")
	tags := flag.String("tags", "", "build tags for the audited build (go list -tags)")
	noFlags := flag.Bool("noflags", false, "build with no -std flag on any SDK, not tools/matrix's per-SDK mechanism")
	forbid := flag.String("forbid", "", "comma-separated symbols that must not be used at all, allowed or not")
	jsonOut := flag.String("json", "", "also write every use and its verdict to this file, as a JSON array")
	flag.Parse()
	forbidden := nocgosdk.CommaList(*forbid)
	var records []useRecord
	root, err := os.Getwd()
	if err != nil {
		fatalf("%v", err)
	}
	if _, err := os.Stat(filepath.Join(root, "fakecgo")); err != nil {
		fatalf("run from the repository root (tools/linkaudit)")
	}

	// results[use][sdk][arch] = verdict
	results := map[use]map[string]map[string]verdict{}
	var sdkNames []string
	refused := 0
	for _, name := range nocgosdk.CommaList(*sdks) {
		sdk, err := nocgosdk.Lookup(name)
		if err != nil {
			fatalf("%v", err)
		}
		sdkNames = append(sdkNames, name)
		env, err := sdk.Env(root)
		if err != nil {
			fatalf("%v", err)
		}
		goroot, err := goEnv(sdk.Go(), env, "GOROOT")
		if err != nil {
			fatalf("%s: %v", name, err)
		}
		for _, arch := range nocgosdk.CommaList(*arches) {
			uses, err := auditOne(root, sdk.Go(), env, goroot, arch, nocgosdk.CommaList(*pkgs), *tags, *noFlags)
			if err != nil {
				fatalf("go%s linux/%s: %v", name, arch, err)
			}
			for u, v := range uses {
				if results[u] == nil {
					results[u] = map[string]map[string]verdict{}
				}
				if results[u][name] == nil {
					results[u][name] = map[string]verdict{}
				}
				results[u][name][arch] = v
				isForbidden := slices.Contains(forbidden, u.symbol)
				records = append(records, useRecord{name, arch, u.symbol, u.how, u.pkg, v.class, v.allowed, isForbidden})
				if !v.allowed {
					refused++
					fmt.Fprintf(os.Stderr, "linkaudit: go%s linux/%s: %s %s in %s: %s\n", name, arch, u.symbol, u.how, u.pkg, v)
				}
				if isForbidden {
					refused++
					fmt.Fprintf(os.Stderr, "linkaudit: go%s linux/%s: %s %s in %s: forbidden (-forbid)\n", name, arch, u.symbol, u.how, u.pkg)
				}
			}
		}
	}
	if *jsonOut != "" {
		sort.Slice(records, func(i, j int) bool {
			a, b := records[i], records[j]
			return fmt.Sprint(a.SDK, a.Arch, a.Symbol, a.How, a.Pkg) < fmt.Sprint(b.SDK, b.Arch, b.Symbol, b.How, b.Pkg)
		})
		data, err := json.MarshalIndent(records, "", "\t")
		if err != nil {
			fatalf("%v", err)
		}
		if err := os.WriteFile(*jsonOut, append(data, '\n'), 0o644); err != nil {
			fatalf("%v", err)
		}
	}
	tables := render(results, sdkNames, nocgosdk.CommaList(*arches))
	switch {
	case *write != "":
		if err := replaceGenerated(*write, tables, true); err != nil {
			fatalf("%v", err)
		}
	case *check != "":
		if err := replaceGenerated(*check, tables, false); err != nil {
			fatalf("%v", err)
		}
	default:
		fmt.Print(tables)
	}
	if refused > 0 {
		fmt.Fprintf(os.Stderr, "linkaudit: %d uses not allowed\n", refused)
		os.Exit(1)
	}
}

// useRecord is one use on one SDK and GOARCH, as -json writes it.
type useRecord struct {
	SDK, Arch, Symbol, How, Pkg, Class string
	Allowed, Forbidden                 bool
}

// auditOne builds the packages for one SDK and GOARCH with the mechanism
// flags tools/matrix uses (none with noFlags) and the build tags, reads
// their objects and classifies every runtime symbol they use.
func auditOne(root, gocmd string, env []string, goroot, arch string, pkgs []string, tags string, noFlags bool) (map[use]verdict, error) {
	info, err := readSDKInfo(goroot, arch)
	if err != nil {
		return nil, err
	}
	asmChecked, err := linkprobe.Refused(gocmd, env, arch, "gogo")
	if err != nil {
		return nil, err
	}
	mech, err := linkprobe.Choose(gocmd, env, arch, fakecgoPkg)
	if err != nil {
		return nil, err
	}
	args := []string{"list", "-export", "-json=ImportPath,Export", "-tags=" + tags}
	if !noFlags {
		args = append(args, mech.Flags...)
	}
	cmd := exec.Command(gocmd, append(args, pkgs...)...)
	cmd.Dir = root
	cmd.Env = append(append(os.Environ(), env...), "GOOS=linux", "GOARCH="+arch, "GOARM=7", "CGO_ENABLED=0")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list -export: %v: %s", err, stderr.String())
	}
	uses := map[use]verdict{}
	dec := json.NewDecoder(bytes.NewReader(out))
	for dec.More() {
		var p struct{ ImportPath, Export string }
		if err := dec.Decode(&p); err != nil {
			return nil, err
		}
		if p.Export == "" {
			return nil, fmt.Errorf("%s: no export file", p.ImportPath)
		}
		objs, err := readArchive(p.Export)
		if err != nil {
			return nil, err
		}
		short := strings.TrimPrefix(p.ImportPath, "github.com/nocgo/rules_nocgo/")
		for _, o := range objs {
			fromAsm := o.flags&info.objFromAsm != 0
			std := o.flags&info.objStd != 0
			for _, s := range o.defs {
				linknamed := s.flag2&(info.symLinkname|info.symLnStd) != 0
				switch {
				case !runtimeSymbol(s.name, info):
				case linknamed && s.dataSize == 0 && strings.Contains(s.name, "."):
					// A linknamed var with no content pulls the runtime's
					// (the linker checks it as a reference).
					uses[use{s.name, "ref from Go (linkname var)", short}] = classify(info, s.name, p.ImportPath, false, false, std, asmChecked)
				case linknamed || !strings.Contains(s.name, "."):
					uses[use{s.name, "definition", short}] = classify(info, s.name, p.ImportPath, true, false, std, asmChecked)
				}
				// Anything else is compiler-generated (closures such as
				// runtime.memequal64·f, DUPOK), not a use of a linkname.
			}
			for _, s := range o.refs {
				if !runtimeSymbol(s.name, info) {
					continue
				}
				how := "ref from assembly"
				if !fromAsm {
					if s.flag2&(info.symLinkname|info.symLnStd) == 0 {
						continue // not a linkname pull: the linker does not check it
					}
					how = "ref from Go (linkname)"
				}
				v := classify(info, s.name, p.ImportPath, false, fromAsm, std, asmChecked)
				// One object may be std and another not: keep the worse.
				if old, ok := uses[use{s.name, how, short}]; ok && !old.allowed {
					continue
				}
				uses[use{s.name, how, short}] = v
			}
		}
	}
	return uses, nil
}

// runtimeSymbol: a symbol of one of directivePkgs (runtime.*, syscall.*),
// or a bare name the runtime declares.
func runtimeSymbol(name string, info *sdkInfo) bool {
	for _, p := range directivePkgs {
		if strings.HasPrefix(name, p+".") {
			return true
		}
	}
	_, declared := info.directive[name]
	return !strings.Contains(name, ".") && declared
}

// classify mirrors what the linker decides for one use (cmd/link's
// checkLinkname), with every input read from the SDK or the objects.
func classify(info *sdkInfo, name, pkg string, def, fromAsm, std, asmChecked bool) verdict {
	d, hasDirective := info.directive[name]
	v := verdict{class: "not pushed"}
	switch {
	case !strings.Contains(name, "."):
		v.class = "hook"
	case hasDirective && d.kind == "linkname":
		v.class = "pushed"
	case hasDirective && d.kind == "linknamestd":
		v.class = "std-only"
	}
	if allowedPkgs, ok := info.blocked[name]; ok && !slices.Contains(allowedPkgs, pkg) {
		v.class = "blocked"
	}
	if hasDirective && v.class != "hook" {
		v.class += ", " + d.file
	}
	switch {
	case def:
		v.allowed, v.why = true, "defined here"
	case v.class == "hook" || strings.HasPrefix(v.class, "pushed"):
		v.allowed = true
	case strings.HasPrefix(v.class, "blocked"):
	case strings.HasPrefix(v.class, "std-only") && std:
		v.allowed, v.why = true, "object built with -std"
	case fromAsm && !asmChecked:
		v.allowed, v.why = true, "assembly references unchecked on this arch"
	}
	return v
}

func goEnv(gocmd string, env []string, key string) (string, error) {
	cmd := exec.Command(gocmd, "env", key)
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.Output()
	if err != nil {
		return "", err
	}
	return strings.TrimSpace(string(out)), nil
}

// render writes one table per kind of use: rows are symbols, columns SDKs;
// a cell lists its verdict per GOARCH, grouped when arches agree.
func render(results map[use]map[string]map[string]verdict, sdks, arches []string) string {
	var uses []use
	for u := range results {
		uses = append(uses, u)
	}
	sort.Slice(uses, func(i, j int) bool {
		a, b := uses[i], uses[j]
		if a.how != b.how {
			return a.how > b.how // refs from Go, refs from assembly, definitions
		}
		if a.symbol != b.symbol {
			return a.symbol < b.symbol
		}
		return a.pkg < b.pkg
	})
	var b strings.Builder
	fmt.Fprintf(&b, "| symbol | use | package |")
	for _, s := range sdks {
		fmt.Fprintf(&b, " go%s |", s)
	}
	fmt.Fprintf(&b, "\n|---|---|---|%s\n", strings.Repeat("---|", len(sdks)))
	for _, u := range uses {
		fmt.Fprintf(&b, "| `%s` | %s | %s |", u.symbol, u.how, u.pkg)
		for _, s := range sdks {
			fmt.Fprintf(&b, " %s |", cell(results[u][s], arches))
		}
		b.WriteString("\n")
	}
	return b.String()
}

func cell(byArch map[string]verdict, arches []string) string {
	groups := map[string][]string{}
	var order []string
	for _, a := range arches {
		v, ok := byArch[a]
		key := "absent"
		if ok {
			key = v.String()
		}
		if _, seen := groups[key]; !seen {
			order = append(order, key)
		}
		groups[key] = append(groups[key], a)
	}
	if len(order) == 1 {
		return order[0]
	}
	var parts []string
	for _, k := range order {
		parts = append(parts, fmt.Sprintf("%s: %s", strings.Join(groups[k], ", "), k))
	}
	return strings.Join(parts, "; ")
}

const (
	beginMark = "<!-- begin: generated by tools/linkaudit -write; do not edit -->\n"
	endMark   = "<!-- end: generated by tools/linkaudit -->\n"
)

// replaceGenerated puts tables between the markers of file (write), or
// fails when what is there differs (check).
func replaceGenerated(file, tables string, write bool) error {
	data, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	s := string(data)
	i, j := strings.Index(s, beginMark), strings.Index(s, endMark)
	if i < 0 || j < i {
		return fmt.Errorf("%s: no %q ... %q markers", file, strings.TrimSpace(beginMark), strings.TrimSpace(endMark))
	}
	updated := s[:i+len(beginMark)] + tables + s[j:]
	if updated == s {
		return nil
	}
	if !write {
		return fmt.Errorf("%s is stale: run tools/linkaudit -write %s", file, file)
	}
	return os.WriteFile(file, []byte(updated), 0o644)
}

func fatalf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "linkaudit: "+format+"\n", args...)
	os.Exit(2)
}
