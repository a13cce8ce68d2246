package gazelle

import (
	"encoding/json"
	"os"
	"regexp"
	"slices"
	"testing"
)

// The extension validates directives against two lists that internal/cmd/gentable generates
// from platforms/table.json (ztable.go); these tests read the table and MODULE.bazel from the
// checkout (../) and fail when the generated copy is stale. Under Bazel the same files are
// data of the test (gazelle/BUILD.bazel).

func readRepoFile(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		t.Fatalf("%s not found: run the test from a rules_nocgo checkout", path)
	}
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// repoTable is the part of platforms/table.json the extension copies.
type repoTable struct {
	Platforms []struct {
		Name string `json:"name"`
	} `json:"platforms"`
	SDKs []struct {
		Name  string `json:"name"`
		Bazel bool   `json:"bazel"`
		Base  string `json:"base"`
	} `json:"sdks"`
}

func readTable(t *testing.T) repoTable {
	t.Helper()
	var tab repoTable
	if err := json.Unmarshal(readRepoFile(t, "../platforms/table.json"), &tab); err != nil {
		t.Fatalf("platforms/table.json: %v", err)
	}
	return tab
}

func TestPlatformNamesMatchTable(t *testing.T) {
	var names []string
	for _, p := range readTable(t).Platforms {
		names = append(names, p.Name)
	}
	slices.Sort(names)
	if !slices.Equal(names, platformNames) {
		t.Errorf("platforms/table.json has %v; platformNames has %v: run 'go generate ./internal/nocgotable'", names, platformNames)
	}
}

func TestDefaultKnownSDKsMatchTable(t *testing.T) {
	var versions []string
	for _, s := range readTable(t).SDKs {
		// Released SDKs only: a derived one (1.27.3-strict) is a dev dependency.
		if s.Bazel && s.Base == "" {
			versions = append(versions, s.Name)
		}
	}
	slices.Sort(versions)
	if !slices.Equal(versions, defaultKnownSDKs) {
		t.Errorf("platforms/table.json pins the releases %v in Bazel; defaultKnownSDKs is %v: run 'go generate ./internal/nocgotable'", versions, defaultKnownSDKs)
	}
}

func TestDefaultKnownSDKsMatchModule(t *testing.T) {
	src := string(readRepoFile(t, "../MODULE.bazel"))
	var versions []string
	for _, m := range regexp.MustCompile(`(?s)nocgo\.sdk\([^)]*?version = "([^"]+)"`).FindAllStringSubmatch(src, -1) {
		versions = append(versions, m[1])
	}
	slices.Sort(versions)
	if !slices.Equal(versions, defaultKnownSDKs) {
		t.Errorf("MODULE.bazel pins %v with nocgo.sdk; defaultKnownSDKs is %v", versions, defaultKnownSDKs)
	}
}
