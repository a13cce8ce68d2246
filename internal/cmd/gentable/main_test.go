// Tests of gentable: the checked-in copies are current, a hand edit of any copy (or of
// MODULE.bazel's nocgo.sdk tags) fails the check naming it, and a broken table is refused.
package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const repoRoot = "../../.."

func TestRepoCopiesAreCurrent(t *testing.T) {
	if err := run(repoRoot, true); err != nil {
		t.Fatal(err)
	}
}

// scratchRoot copies the table, the patches it names, MODULE.bazel and every generated copy
// into a temporary repository root.
func scratchRoot(t *testing.T) string {
	t.Helper()
	tab, err := readTable(filepath.Join(repoRoot, tableFile))
	if err != nil {
		t.Fatal(err)
	}
	outs, err := tab.render()
	if err != nil {
		t.Fatal(err)
	}
	files := []string{tableFile, "MODULE.bazel"}
	for _, o := range outs {
		files = append(files, o.path)
	}
	for _, s := range tab.SDKs {
		files = append(files, s.Patches...)
	}
	dir := t.TempDir()
	for _, f := range files {
		data, err := os.ReadFile(filepath.Join(repoRoot, f))
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(dir, f), string(data))
	}
	return dir
}

func writeFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func editFile(t *testing.T, path, old, new string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), old) {
		t.Fatalf("%s has no %q to edit", path, old)
	}
	writeFile(t, path, strings.Replace(string(data), old, new, 1))
}

func TestHandEditsFailTheCheck(t *testing.T) {
	cases := []struct {
		name, file, old, new, want string
	}{
		{"starlark platform", "rules/private/table.bzl", `triplet = "riscv64-linux-gnu"`, `triplet = "riscv64-linux-musl"`, "stale copies of platforms/table.json"},
		{"starlark pinned SDKs", "rules/private/table.bzl", `PINNED_SDK_NAMES = ["1.27.3", "1.26.8", "1.27.3-strict"]`, `PINNED_SDK_NAMES = ["1.26.8", "1.27.3", "1.27.3-strict"]`, "rules/private/table.bzl"},
		{"bash case table", "tools/lib/table.sh", `ppc64le) echo "ppc64el" ;;`, `ppc64le) echo "ppc64le" ;;`, "tools/lib/table.sh"},
		{"bash arch list", "tools/lib/table.sh", `NOCGO_GOARCHES="amd64 386 arm`, `NOCGO_GOARCHES="amd64 arm`, "tools/lib/table.sh"},
		{"gazelle platforms", "gazelle/ztable.go", `"linux_s390x"}`, `"linux_s390x", "linux_mips64"}`, "gazelle/ztable.go"},
		{"gazelle SDKs", "gazelle/ztable.go", `{"1.26.8", "1.27.3"}`, `{"1.27.3"}`, "gazelle/ztable.go"},
		{"Go tools' table", "internal/nocgotable/ztable.go", `Debarch: "ppc64el"`, `Debarch: "ppc64le"`, "internal/nocgotable/ztable.go"},
		{"MODULE.bazel sha256", "MODULE.bazel", `"30c2b1bf7dcc88d3eb0a1364e47ddd9128edb3110a30e8a0ef61cd5856b31de7"`, `"30c2b1bf7dcc88d3eb0a1364e47ddd9128edb3110a30e8a0ef61cd5856b31de8"`, "nocgo.sdk tag 2 (1.26.8): sha256"},
		{"MODULE.bazel version", "MODULE.bazel", `version = "1.26.8"`, `version = "1.26.9"`, "nocgo.sdk tag 2 (1.26.8): version"},
		{"MODULE.bazel extra tag", "MODULE.bazel", "use_repo(nocgo,", "nocgo.sdk(\n    sha256 = \"00\",\n    version = \"1.25.0\",\n)\nuse_repo(nocgo,", "4 nocgo.sdk tags; the table pins 3"},
		{"MODULE.bazel extra attribute", "MODULE.bazel", `version = "1.26.8",`, `version = "1.26.8",` + "\n    experiments = [\"x\"],", "experiments is not in the table"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			root := scratchRoot(t)
			if err := run(root, true); err != nil {
				t.Fatalf("the copied repository fails before the edit: %v", err)
			}
			editFile(t, filepath.Join(root, c.file), c.old, c.new)
			err := run(root, true)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("check after editing %s = %v, want an error with %q", c.file, err, c.want)
			}
			// Without -check the generated copies are rewritten (MODULE.bazel is only checked).
			if !strings.HasPrefix(c.file, "MODULE") {
				if err := run(root, false); err != nil {
					t.Fatalf("regenerating: %v", err)
				}
				if err := run(root, true); err != nil {
					t.Fatalf("check after regenerating: %v", err)
				}
			}
		})
	}
}

func TestTableEditReachesEveryCopy(t *testing.T) {
	root := scratchRoot(t)
	editFile(t, filepath.Join(root, tableFile), `"qemu_cpu": "cortex-a15"`, `"qemu_cpu": "cortex-a7"`)
	err := run(root, true)
	if err == nil {
		t.Fatal("the check passed after the table changed")
	}
	for _, f := range []string{"rules/private/table.bzl", "internal/nocgotable/ztable.go"} {
		if !strings.Contains(err.Error(), f) {
			t.Errorf("the check does not name %s: %v", f, err)
		}
	}
}

func TestBrokenTablesAreRefused(t *testing.T) {
	cases := []struct {
		name, old, new, want string
	}{
		{"name not linux_<goarch>", `"name": "linux_arm64"`, `"name": "linux_aarch64"`, "the name must be linux_<goarch>"},
		{"unknown native", `"native": "probe"`, `"native": "sometimes"`, `native must be "always", "never" or "probe"`},
		{"qemu on a native platform", `"qemu": null`, `"qemu": "x86_64"`, `qemu must be null with native "always"`},
		{"quote in a value", `"triplet": "s390x-linux-gnu"`, `"triplet": "s390x\"; rm -rf /"`, "is not a plain name"},
		{"absolute ldso", `"ldso": "lib/ld64.so.1"`, `"ldso": "/lib/ld64.so.1"`, "is not lib/<file> or lib64/<file>"},
		{"two defaults", `"default": false,
      "bazel": true`, `"default": true,
      "bazel": true`, "2 SDKs are the default"},
		{"short sha256", `"30c2b1bf7dcc88d3eb0a1364e47ddd9128edb3110a30e8a0ef61cd5856b31de7"`, `"30c2b1"`, "is not 64 lower-case hex digits"},
		{"derived from nothing", `"base": "1.27.3"`, `"base": "1.27.4"`, `base "1.27.4" is not a release of the table`},
		{"missing patch file", `"sdk/patches/go1.27.3-strict.patch"`, `"sdk/patches/none.patch"`, "none.patch"},
		{"unknown field", `"debarch": "s390x",`, `"debarch": "s390x", "endian": "big",`, `unknown field "endian"`},
		{"unknown test platform", `"bazel_test_platforms": ["linux_riscv64", "linux_s390x"]`, `"bazel_test_platforms": ["linux_riscv64", "linux_mips64"]`, `"linux_mips64" is not a platform of the table`},
		{"repeated test platform", `"bazel_test_platforms": ["linux_riscv64", "linux_s390x"]`, `"bazel_test_platforms": ["linux_s390x", "linux_s390x"]`, `"linux_s390x" listed twice`},
		{"no test platform", `"bazel_test_platforms": ["linux_riscv64", "linux_s390x"]`, `"bazel_test_platforms": []`, "empty; list at least one platform"},
		{"default SDK not on every platform", `"bazel_test_platforms": null`, `"bazel_test_platforms": ["linux_amd64"]`, "the default SDK is tested on every platform"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			root := scratchRoot(t)
			editFile(t, filepath.Join(root, tableFile), c.old, c.new)
			err := run(root, false)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("run = %v, want an error with %q", err, c.want)
			}
		})
	}
}
