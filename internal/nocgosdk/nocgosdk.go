// Package nocgosdk names the Go SDKs the project tests with outside Bazel
// (tools/matrix, tools/linkaudit) and gives the environment that selects
// each one for the go command. The SDKs are those of platforms/table.json
// (internal/nocgotable).
//
// Two are releases fetched through the module proxy by GOTOOLCHAIN. The
// third, 1.27.3-strict, is go1.27.3 with sdk/patches/go1.27.3-strict.patch
// applied by tools/setup (internal/cmd/sdkpatch): it reconstructs the Go
// 1.27 development rules of golang/go@aee6009, under which
// runtime.cgocallback and runtime.load_g were std-only.
package nocgosdk

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/nocgo/rules_nocgo/internal/nocgotable"
)

// An SDK is one Go SDK the project tests with.
type SDK struct {
	Name    string // as given to -sdk: "1.26.8", "1.27.3-strict"
	Version string // its GOVERSION: "go1.26.8", "go1.27.3"
	// Patch is the repository-relative path of the patch that makes this
	// SDK out of the release Version; empty for a release.
	Patch string
}

// All lists every SDK of platforms/table.json, in the table's order.
var All = fromTable(nocgotable.SDKs)

// fromTable converts the table's SDKs. The table has at most one patch per
// SDK (internal/cmd/gentable checks it): internal/cmd/sdkpatch applies one.
func fromTable(sdks []nocgotable.SDK) []SDK {
	var out []SDK
	for _, s := range sdks {
		sdk := SDK{Name: s.Name, Version: "go" + s.Release()}
		if len(s.Patches) > 0 {
			sdk.Patch = s.Patches[0]
		}
		out = append(out, sdk)
	}
	return out
}

// Names returns the names of All.
func Names() []string {
	var n []string
	for _, s := range All {
		n = append(n, s.Name)
	}
	return n
}

// Lookup returns the SDK called name.
func Lookup(name string) (SDK, error) {
	for _, s := range All {
		if s.Name == name {
			return s, nil
		}
	}
	return SDK{}, fmt.Errorf("unknown SDK %q: want one of %s", name, strings.Join(Names(), ", "))
}

// Home is $NOCGO_HOME (default /opt/rules_nocgo), where tools/setup puts
// patched SDKs.
func Home() string {
	if h := os.Getenv("NOCGO_HOME"); h != "" {
		return h
	}
	return "/opt/rules_nocgo"
}

// PatchedGOROOT is where tools/setup builds a patched SDK (the same path
// as nocgo_derived_goroot in tools/lib/common.sh).
func (s SDK) PatchedGOROOT() string {
	return filepath.Join(Home(), "sdk", "go"+s.Name)
}

// Go returns the go command to run with Env: for a patched SDK its own
// bin/go (exec looks a bare name up in this process's PATH, not in Env's).
func (s SDK) Go() string {
	if s.Patch == "" {
		return "go"
	}
	return filepath.Join(s.PatchedGOROOT(), "bin", "go")
}

// Env returns the environment entries that make the go command use s.
// root is the repository root, used to check that a patched SDK was built
// from the checked-in patch (its stamp, see internal/cmd/sdkpatch).
func (s SDK) Env(root string) ([]string, error) {
	if s.Patch == "" {
		return []string{"GOTOOLCHAIN=" + s.Version}, nil
	}
	goroot := s.PatchedGOROOT()
	have, err := os.ReadFile(filepath.Join(goroot, ".nocgo-sdkpatch"))
	if err != nil {
		return nil, fmt.Errorf("SDK %s is not built at %s (run tools/setup): %v", s.Name, goroot, err)
	}
	cmd := exec.Command("go", "run", "./internal/cmd/sdkpatch", "-goroot", goroot, "-patch", s.Patch, "-stamp")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOTOOLCHAIN=local")
	want, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("stamp of %s: %v", s.Patch, err)
	}
	if string(have) != string(want) {
		return nil, fmt.Errorf("SDK %s at %s was built from another patch than %s (run tools/setup)", s.Name, goroot, s.Patch)
	}
	return []string{
		"GOROOT=" + goroot,
		"GOTOOLCHAIN=local",
		"PATH=" + filepath.Join(goroot, "bin") + string(os.PathListSeparator) + os.Getenv("PATH"),
	}, nil
}

// CommaList splits a comma-separated flag value (the -sdk, -arch and
// -pkgs of the commands that use this package) into its elements, trimmed,
// the empty ones dropped.
func CommaList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}
