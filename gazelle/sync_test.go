package gazelle

import (
	"os"
	"regexp"
	"slices"
	"testing"
)

// The extension validates directives against copies of two lists of the rules; these tests
// keep the copies honest. They read the rules' sources from the checkout (../); under Bazel
// the same files are data of the test (gazelle/BUILD.bazel).

func readRepoFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		t.Fatalf("%s not found: run the test from a rules_nocgo checkout", path)
	}
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestPlatformNamesMatchRules(t *testing.T) {
	src := readRepoFile(t, "../rules/private/platforms.bzl")
	var names []string
	for _, m := range regexp.MustCompile(`(?m)^    "(\w+)": struct\(`).FindAllStringSubmatch(src, -1) {
		names = append(names, m[1])
	}
	slices.Sort(names) // PLATFORM_NAMES = sorted(PLATFORMS.keys())
	if !slices.Equal(names, platformNames) {
		t.Errorf("PLATFORMS in rules/private/platforms.bzl has %v; platformNames has %v", names, platformNames)
	}
}

func TestDefaultKnownSDKsMatchModule(t *testing.T) {
	src := readRepoFile(t, "../MODULE.bazel")
	var versions []string
	for _, m := range regexp.MustCompile(`(?s)nocgo\.sdk\([^)]*?version = "([^"]+)"`).FindAllStringSubmatch(src, -1) {
		versions = append(versions, m[1])
	}
	slices.Sort(versions)
	if !slices.Equal(versions, defaultKnownSDKs) {
		t.Errorf("MODULE.bazel pins %v with nocgo.sdk; defaultKnownSDKs is %v", versions, defaultKnownSDKs)
	}
}
