// Tests of the readers of Bazel's execution log and build events, the host
// path matching and the working-tree copy, on small hand-written inputs in
// the shapes Bazel 7 writes.
package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// Two spawns the way Bazel pretty-prints them, one after the other.
const execLogJSON = `{
  "commandArgs": ["/bin/bash", "-c", "cp a b"],
  "environmentVariables": [{
    "name": "PATH",
    "value": "/bin:/usr/bin"
  }, {
    "name": "GOROOT_FINAL",
    "value": "/work/checkout/sdk"
  }],
  "inputs": [{
    "path": "pkg/a",
    "digest": {
      "hash": "aaaa",
      "sizeBytes": "12",
      "hashFunctionName": "SHA-256"
    }
  }],
  "listedOutputs": ["bazel-out/k8-fastbuild/bin/pkg/b"],
  "mnemonic": "Genrule",
  "metrics": {"totalTime": "1.250s", "executionWallTime": "1s"},
  "runner": "remote cache hit",
  "cacheHit": true,
  "targetLabel": "//pkg:b"
}{
  "commandArgs": ["external/bazel_tools/tools/test/test-setup.sh", "pkg/t"],
  "inputs": [{
    "path": "bazel-out/k8-fastbuild/bin/pkg/b",
    "digest": {
      "hash": "bbbb",
      "sizeBytes": "3"
    }
  }, {
    "path": "pkg/a",
    "digest": {
      "hash": "aaaa",
      "sizeBytes": "12"
    }
  }],
  "listedOutputs": ["bazel-out/k8-fastbuild/testlogs/pkg/t/test.log"],
  "mnemonic": "TestRunner",
  "walltime": "3s",
  "runner": "processwrapper-sandbox",
  "targetLabel": "//pkg:t"
}`

func writeTemp(t *testing.T, name, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestSummarizeExecLog(t *testing.T) {
	s, err := summarizeExecLog(writeTemp(t, "exec.json", execLogJSON), true)
	if err != nil {
		t.Fatal(err)
	}
	if s.spawns != 2 || s.hits != 1 {
		t.Errorf("spawns, hits = %d, %d; want 2, 1", s.spawns, s.hits)
	}
	wantMiss := []miss{{"TestRunner", "//pkg:t", "processwrapper-sandbox", "bazel-out/k8-fastbuild/testlogs/pkg/t/test.log"}}
	if !reflect.DeepEqual(s.misses, wantMiss) {
		t.Errorf("misses = %v, want %v", s.misses, wantMiss)
	}
	if got, want := s.hitsByMnemonic(), "Genrule 1/1, TestRunner 0/1"; got != want {
		t.Errorf("hitsByMnemonic = %q, want %q", got, want)
	}
	if len(s.inputs) != 2 || s.inputs["pkg/a"].Hash != "aaaa" || s.inputs["bazel-out/k8-fastbuild/bin/pkg/b"].Hash != "bbbb" {
		t.Errorf("inputs = %v", s.inputs)
	}
	if top, total := s.slowest(1); top != "TestRunner 1 spawns 3s" || total != 4*time.Second {
		t.Errorf("slowest(1) = %q, %v", top, total)
	}
	key := s.missKeys["bazel-out/k8-fastbuild/testlogs/pkg/t/test.log"]
	if !slices.Contains(key, "input bazel-out/k8-fastbuild/bin/pkg/b bbbb") || !slices.Contains(key, "argv pkg/t") {
		t.Errorf("key of the miss = %v", key)
	}
	leaks := s.paths.report(newPathSet("/work/checkout").matches, true)
	if len(leaks) != 1 || !strings.HasPrefix(leaks[0], "Genrule env:GOROOT_FINAL /work/checkout/sdk: 1 spawn(s) of 1 target(s)") {
		t.Errorf("leaks = %q", leaks)
	}
	notes := s.paths.report(newPathSet("/work/checkout").matches, false)
	for _, want := range []string{"Genrule argv /bin/bash", "Genrule env:PATH /bin", "Genrule env:PATH /usr/bin"} {
		if !slices.ContainsFunc(notes, func(l string) bool { return strings.HasPrefix(l, want+":") }) {
			t.Errorf("notes %q lack %q", notes, want)
		}
	}
}

func TestExecLogErrors(t *testing.T) {
	for name, text := range map[string]string{
		"truncated":  execLogJSON[:200],
		"not a log":  `{"id": {"started": {}}}`,
		"wrong type": `{"mnemonic": "X", "cacheHit": "yes"}`,
	} {
		err := readExecLog(writeTemp(t, "exec.json", text), func(*spawn) error { return nil })
		if err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestKeyDiff(t *testing.T) {
	got := keyDiff([]string{"argv a", "input x 1", "env A=1"}, []string{"argv a", "input x 2", "env A=1"}, 10)
	want := []string{"< input x 1", "> input x 2"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("keyDiff = %q, want %q", got, want)
	}
}

// Build events of a run whose tests came from the cache in three ways.
const bepJSON = `{"id":{"started":{"uuid":"u"}},"started":{"command":"test"}}
{"id":{"testResult":{"label":"//a:t","run":1,"shard":1,"attempt":1,"configuration":{"id":"c"}}},"testResult":{"status":"PASSED","cachedLocally":true,"executionInfo":{}}}
{"id":{"testResult":{"label":"//b:t","run":1,"shard":1,"attempt":1,"configuration":{"id":"c"}}},"testResult":{"status":"PASSED","executionInfo":{"strategy":"remote-cache","cachedRemotely":true}}}
{"id":{"testResult":{"label":"//c:t","run":1,"shard":1,"attempt":1,"configuration":{"id":"c"}}},"testResult":{"status":"FAILED","executionInfo":{"strategy":"processwrapper-sandbox"}}}
{"id":{"testSummary":{"label":"//c:t","configuration":{"id":"c"}}},"testSummary":{"overallStatus":"FAILED","totalRunCount":1}}
{"id":{"buildMetrics":{}},"buildMetrics":{"actionSummary":{"actionsCreated":"20","actionsExecuted":"12","runnerCount":[{"name":"total","count":12},{"name":"internal","count":4},{"name":"remote cache hit","count":7},{"name":"processwrapper-sandbox","count":1,"execKind":"Local"}]}}}
{"id":{"buildFinished":{}},"finished":{"overallSuccess":false,"exitCode":{"name":"TESTS_FAILED","code":3}}}
`

func TestDecodeBEP(t *testing.T) {
	b, err := decodeBEP(strings.NewReader(bepJSON), "bep")
	if err != nil {
		t.Fatal(err)
	}
	if b.tests != 3 || b.cachedLocally != 1 || b.cachedRemotely != 1 || len(b.executedTests) != 1 {
		t.Errorf("tests: %s", b.testsText())
	}
	if !strings.HasPrefix(b.executedTests[0], "//c:t (run 1, shard 1, attempt 1: FAILED, processwrapper-sandbox)") {
		t.Errorf("executed = %q", b.executedTests)
	}
	if !reflect.DeepEqual(b.notPassed, []string{"//c:t FAILED"}) {
		t.Errorf("notPassed = %q", b.notPassed)
	}
	want := map[string]int{"internal": 4, "remote cache hit": 7, "processwrapper-sandbox": 1}
	if !b.haveMetrics || !reflect.DeepEqual(b.runners, want) {
		t.Errorf("runners = %v, want %v", b.runners, want)
	}
	if !b.finished || b.exitCode != 3 || b.exitCodeName != "TESTS_FAILED" {
		t.Errorf("finished %v, exit %d %s", b.finished, b.exitCode, b.exitCodeName)
	}
	if _, err := decodeBEP(strings.NewReader(`{"id":{},"testResult":{"status":"PASSED"}}`), "bep"); err == nil {
		t.Error("a test result without its test: no error")
	}
}

func TestPathSet(t *testing.T) {
	s := newPathSet("/root/.cache/rules_nocgo/", "/tmp", "relative", "/tmp")
	if len(s) != 2 {
		t.Fatalf("newPathSet = %q: want the two absolute paths, once each, without trailing /", s)
	}
	for p, want := range map[string]bool{
		"/tmp":                           true,
		"/tmp/x":                         true,
		"/tmpfoo":                        false,
		"/tmp.d":                         false,
		"/root/.cache/rules_nocgo/bazel": true,
		"/root/.cache/rules_nocgo2":      false,
		"/usr/bin":                       false,
	} {
		if got := s.matches(p); got != want {
			t.Errorf("matches(%q) = %v, want %v", p, got, want)
		}
	}
	data := []byte("x\x00/tmpfoo /tmp/a/b:c \"/root/.cache/rules_nocgo/disk\" /tmp/a/b;")
	got := s.find(data, 5)
	want := []string{"/root/.cache/rules_nocgo/disk", "/tmp/a/b"}
	slices.Sort(got)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("find = %q, want %q", got, want)
	}
	if got := s.find([]byte("/tmp/1 /tmp/2 /tmp/3"), 2); len(got) != 2 {
		t.Errorf("find with max 2 = %q", got)
	}
}

func TestAbsPaths(t *testing.T) {
	got := absPaths("-I/usr/include --sysroot=/opt/x:external/y //pkg:t @@repo//a /a/b,/c")
	want := []string{"/usr/include", "/opt/x", "/a/b", "/c"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("absPaths = %q, want %q", got, want)
	}
}

// A link to an absolute path that exists only inside the Bazel root is
// followed there.
func TestResolveInRoot(t *testing.T) {
	dir := t.TempDir()
	root := filepath.Join(dir, "root")
	if err := os.MkdirAll(filepath.Join(root, "usr/share/only-in-root"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "usr/share/only-in-root/f"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link")
	if err := os.Symlink("/usr/share/only-in-root", link); err != nil {
		t.Fatal(err)
	}
	got, err := resolveInRoot(filepath.Join(link, "f"), root)
	if err != nil || got != filepath.Join(root, "usr/share/only-in-root/f") {
		t.Errorf("resolveInRoot = %q, %v", got, err)
	}
	if _, err := resolveInRoot(filepath.Join(link, "f"), ""); err == nil {
		t.Error("without a root: no error")
	}
}

func TestCopyWorkingTree(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	repo := t.TempDir()
	run := func(args ...string) {
		cmd := exec.Command("git", args...)
		cmd.Dir = repo
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v %s", args, err, out)
		}
	}
	run("init", "-q")
	for name, text := range map[string]string{
		".gitignore": "ignored\n", "tracked": "t", "sub/deleted": "d", "untracked": "u", "ignored": "i",
	} {
		os.MkdirAll(filepath.Dir(filepath.Join(repo, name)), 0o755)
		if err := os.WriteFile(filepath.Join(repo, name), []byte(text), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	run("add", ".gitignore", "tracked", "sub/deleted")
	os.Remove(filepath.Join(repo, "sub/deleted"))
	dst := filepath.Join(t.TempDir(), "copy")
	n, err := copyWorkingTree(repo, dst)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	filepath.Walk(dst, func(p string, fi os.FileInfo, err error) error {
		if err == nil && fi.Mode().IsRegular() {
			rel, _ := filepath.Rel(dst, p)
			got = append(got, rel)
		}
		return nil
	})
	slices.Sort(got)
	want := []string{".gitignore", "tracked", "untracked"}
	if n != 3 || !reflect.DeepEqual(got, want) {
		t.Errorf("copied %d: %q, want %q", n, got, want)
	}
	if fi, err := os.Stat(filepath.Join(dst, "tracked")); err != nil || fi.Mode().Perm() != 0o755 {
		t.Errorf("mode of the copy: %v %v", fi.Mode(), err)
	}
}

func TestParseArgs(t *testing.T) {
	o, err := parseArgs([]string{"-storage", "/s", "//a/...", "//b:c", "--", "--test_output=errors"})
	if err != nil {
		t.Fatal(err)
	}
	if o.storage != "/s" || !reflect.DeepEqual(o.patterns, []string{"//a/...", "//b:c"}) ||
		!reflect.DeepEqual(o.bazelFlags, []string{"--test_output=errors"}) {
		t.Errorf("parseArgs = %+v", o)
	}
	o, err = parseArgs([]string{"--", "--config=x"})
	if err != nil || !reflect.DeepEqual(o.patterns, []string{"//..."}) || !reflect.DeepEqual(o.bazelFlags, []string{"--config=x"}) {
		t.Errorf("parseArgs(-- --config=x) = %+v, %v", o, err)
	}
	o, err = parseArgs([]string{"//...", "-//gazelle/...", "--", "-k"})
	if err != nil || !reflect.DeepEqual(o.patterns, []string{"//...", "-//gazelle/..."}) {
		t.Errorf("parseArgs with a subtracted pattern = %+v, %v", o, err)
	}
	if _, err := parseArgs([]string{"//a", "--test_output=errors"}); err == nil {
		t.Error("a Bazel flag before --: no error")
	}
}
