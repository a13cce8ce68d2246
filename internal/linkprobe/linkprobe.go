// Package linkprobe asks a Go SDK's linker, for one GOARCH, whether it lets
// a package outside std reference a runtime symbol from assembly. It builds
// a throwaway module whose only package, linkprobe/p, holds one assembly
// function `CALL runtime·SYMBOL(SB)` (CALL is an alias of each arch's call
// instruction), with the build flags given (e.g. -asmflags=linkprobe/p=-std).
//
// The linker reports a refused reference only as an error message
// ("invalid reference to runtime.X"); there is no structured form, so that
// exact message, together with a failed build, is what Refused looks for.
// Any other failure is an error, never a verdict.
package linkprobe

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Pkg is the import path of the probe package, for per-package build flags.
const Pkg = "linkprobe/p"

// Refused builds the probe for goarch with the go command gocmd and env
// (which select the SDK) and flags, and reports whether the link failed
// because the reference to runtime.symbol was refused.
func Refused(gocmd string, env []string, goarch, symbol string, flags ...string) (bool, error) {
	dir, err := os.MkdirTemp("", "linkprobe")
	if err != nil {
		return false, err
	}
	defer os.RemoveAll(dir)
	files := map[string]string{
		"go.mod":    "module linkprobe\n\ngo 1.26\n",
		"main.go":   "// Command linkprobe calls p.Probe.\npackage main\n\nimport \"linkprobe/p\"\n\nfunc main() { p.Probe() }\n",
		"p/p.go":    "// Package p references runtime." + symbol + " from assembly.\npackage p\n\n// Probe calls runtime." + symbol + ".\nfunc Probe()\n",
		"p/probe.s": "#include \"textflag.h\"\n\nTEXT ·Probe(SB), NOSPLIT, $0-0\n\tCALL runtime·" + symbol + "(SB)\n\tRET\n",
	}
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return false, err
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			return false, err
		}
	}
	args := append([]string{"build", "-o", filepath.Join(dir, "probe")}, flags...)
	cmd := exec.Command(gocmd, append(args, ".")...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	cmd.Env = append(cmd.Env, "GOOS=linux", "GOARCH="+goarch, "GOARM=7", "CGO_ENABLED=0", "GOFLAGS=-mod=mod")
	out, err := cmd.CombinedOutput()
	switch {
	case err == nil:
		return false, nil
	case bytes.Contains(out, []byte("invalid reference to runtime."+symbol+"\n")):
		return true, nil
	default:
		return false, fmt.Errorf("probe build for %s failed for another reason: %s", goarch, lastLines(out, 3))
	}
}

// lastLines returns the last n non-empty lines of out, joined by " | ".
func lastLines(out []byte, n int) string {
	var lines []string
	for _, l := range strings.Split(string(out), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, " | ")
}

// Mechanism is what package pkg (whose assembly references
// runtime·cgocallback) needs on one SDK and GOARCH, decided from what the
// linker does, not from a version number.
type Mechanism struct {
	// PlainRefused: a plain reference from outside std is refused.
	PlainRefused bool
	// Flags to pass to go build/test: none when the plain reference
	// links; else -asmflags=pkg=-std, which marks only pkg's assembly
	// objects as std (the linker honours a //go:linknamestd push for an
	// object with that flag; unpushed symbols stay refused).
	Flags []string
}

// Choose probes the SDK (gocmd, env) for goarch and returns the mechanism
// for pkg. It fails when a plain reference is refused and the -std
// assembly flag does not make it link either.
func Choose(gocmd string, env []string, goarch, pkg string) (Mechanism, error) {
	refused, err := Refused(gocmd, env, goarch, "cgocallback")
	if err != nil || !refused {
		return Mechanism{}, err
	}
	still, err := Refused(gocmd, env, goarch, "cgocallback", "-asmflags="+Pkg+"=-std")
	if err != nil {
		return Mechanism{}, fmt.Errorf("-asmflags=%s=-std: %v", Pkg, err)
	}
	if still {
		return Mechanism{}, fmt.Errorf("%s refuses runtime·cgocallback from assembly even with -asmflags=-std", goarch)
	}
	return Mechanism{PlainRefused: true, Flags: []string{"-asmflags=" + pkg + "=-std"}}, nil
}
