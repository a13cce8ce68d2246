// Tests for linkaudit: the object reader finds the uses of a test package
// built by the running toolchain, the SDK reader finds the runtime's
// directives and flag bits, and classify follows the linker's rules.
package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func goroot(t *testing.T) string {
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(out))
}

func TestReadObjects(t *testing.T) {
	cmd := exec.Command("go", "list", "-export", "-f", "{{.Export}}", "./testdata/uses")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS=linux")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list -export: %v", err)
	}
	objs, err := readArchive(strings.TrimSpace(string(out)))
	if err != nil {
		t.Fatal(err)
	}
	info, err := readSDKInfo(goroot(t), runtime.GOARCH)
	if err != nil {
		t.Fatal(err)
	}
	var asmRef, goPull bool
	for _, o := range objs {
		fromAsm := o.flags&info.objFromAsm != 0
		if filepath.Ext(o.member) == ".o" && fromAsm != (o.member != "_go_.o") {
			t.Errorf("%s: from-assembly flag %v", o.member, fromAsm)
		}
		for _, s := range o.refs {
			switch {
			case s.name == "runtime.cgocallback" && fromAsm:
				asmRef = true
			case s.name == "runtime.cgocall" && !fromAsm && s.flag2&info.symLinkname != 0:
				goPull = true
			}
		}
	}
	if !asmRef || !goPull {
		t.Fatalf("assembly reference to runtime.cgocallback found: %v; linkname pull of runtime.cgocall found: %v (objects %+v)", asmRef, goPull, objs)
	}
}

func TestSDKInfo(t *testing.T) {
	info, err := readSDKInfo(goroot(t), "amd64")
	if err != nil {
		t.Fatal(err)
	}
	for sym, kind := range map[string]string{"runtime.cgocall": "linkname", "runtime.iscgo": "linkname", "_cgo_init": "linkname"} {
		if d := info.directive[sym]; d.kind != kind {
			t.Errorf("%s: %+v, want %s", sym, d, kind)
		}
	}
	if _, ok := info.directive["runtime.asmcgocall"]; ok {
		t.Errorf("runtime.asmcgocall is pushed?")
	}
	if info.objFromAsm == 0 || info.objStd == 0 || info.symLinkname == 0 || info.objFromAsm == info.objStd {
		t.Errorf("flag bits %+v", info)
	}
	if len(info.blocked) == 0 {
		t.Errorf("no blockedLinknames read")
	}
}

func TestClassify(t *testing.T) {
	info := &sdkInfo{
		directive: map[string]directive{
			"runtime.pushed":  {"linkname", "a.go"},
			"runtime.stdonly": {"linknamestd", "b.go"},
			"_hook":           {"linkname", "c.go"},
		},
		blocked: map[string][]string{"runtime.pushed": {"other"}},
	}
	for _, c := range []struct {
		name                          string
		def, fromAsm, std, asmChecked bool
		allowed                       bool
	}{
		{"runtime.stdonly", false, true, false, true, false},  // plain asm ref, checked
		{"runtime.stdonly", false, true, true, true, true},    // asm object built with -std
		{"runtime.stdonly", false, true, false, false, true},  // asm unchecked (386, arm)
		{"runtime.stdonly", false, false, false, true, false}, // Go pull without -std
		{"runtime.notpushed", false, true, true, true, false}, // -std does not open unpushed symbols
		{"runtime.notpushed", false, true, false, false, true},
		{"runtime.notpushed", false, false, false, false, false}, // Go pulls are always checked
		{"runtime.pushed", false, false, false, true, false},     // blocked for us
		{"_hook", false, true, false, true, true},
		{"runtime.notpushed", true, false, false, true, true}, // a definition
	} {
		v := classify(info, c.name, "example.com/p", c.def, c.fromAsm, c.std, c.asmChecked)
		if v.allowed != c.allowed {
			t.Errorf("%+v: %s", c, v)
		}
	}
}
