// Package nocgotable is platforms/table.json, the one table of the project's
// target platforms and pinned Go SDKs, as Go values for the project's Go
// tools (tools/matrix, tools/linkaudit, tools/emulators-lock, ffi's
// generator). The values are in ztable.go, which internal/cmd/gentable
// writes from the JSON file together with the table's other copies (the
// Starlark, bash and Gazelle ones); tools/test fails when one is stale.
package nocgotable

//go:generate go run ../cmd/gentable

import (
	"fmt"
	"strings"
)

// A Platform is one target platform (see platforms/table.json's "fields").
type Platform struct {
	Name        string   // linux_<goarch>
	GOARCH      string   // GOARCH
	CPU         string   // the @platforms//cpu constraint value
	Constraints []string // more constraint values (GOARM level for arm)
	Qemu        string   // qemu-user target (qemu-<Qemu>); "" where the host always runs it
	Native      string   // "always", "never" or "probe"
	Triplet     string   // GNU triplet
	Multiarch   string   // Debian multiarch folder name
	Debarch     string   // Debian architecture name
	Ldso        string   // the dynamic loader, relative to the sysroot
	LdsoAliases []string // other loader names Go writes into PT_INTERP
	QemuCPU     string   // qemu -cpu model; "" for qemu's default
}

// An SDK is one Go SDK the project tests with: a release, or a release
// with patches applied (derived).
type SDK struct {
	Name    string   // what -sdk, nocgo.sdk and nocgo_test's sdks take: 1.27.3, 1.27.3-strict
	SHA256  string   // a release's golang.org/toolchain module zip; "" for a derived SDK
	Default bool     // nocgo_test's SDK when its sdks are empty
	Base    string   // a derived SDK's release; "" for a release
	Patches []string // a derived SDK's repository-relative patch files
	Bazel   bool     // MODULE.bazel pins it with nocgo.sdk
}

// Release returns the name of the release s is (or is derived from).
func (s SDK) Release() string {
	if s.Base != "" {
		return s.Base
	}
	return s.Name
}

// GOARCHes returns every platform's GOARCH, in the table's order.
func GOARCHes() []string {
	var out []string
	for _, p := range Platforms {
		out = append(out, p.GOARCH)
	}
	return out
}

// PlatformByGOARCH returns the platform of a GOARCH.
func PlatformByGOARCH(goarch string) (Platform, error) {
	for _, p := range Platforms {
		if p.GOARCH == goarch {
			return p, nil
		}
	}
	return Platform{}, fmt.Errorf("unknown GOARCH %q: want one of %s", goarch, strings.Join(GOARCHes(), ", "))
}
