// Command matrix builds and runs the fakecgo, ffi and reliability tests for every
// GOARCH x Go SDK combination, each under its emulator (tools/exec/goexec),
// and prints one line per combination and a summary:
//
//	linux/riscv64  go1.27.3  PASS  41 tests  3.1s  qemu
//	...
//	16 passed, 0 failed
//
// The last column says how the test binaries ran, as goexec recorded it
// (NOCGO_EXEC_RECORD): "native" or "qemu" (linux/386 goes either way, see
// NOCGO_386 in tools/exec/goexec).
//
// It exits non-zero if any combination fails. An arch that cannot run is a
// FAIL with the reason, never a skip. Run it as tools/matrix.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"
)

var (
	allArches = []string{"amd64", "386", "arm", "arm64", "loong64", "ppc64le", "riscv64", "s390x"}
	allSDKs   = []string{"1.26.8", "1.27.3"}

	// testLibs are the C libraries the tests load, built per arch with
	// tools/cc; env names the variable that carries the path.
	testLibs = []struct{ env, src, file string }{
		{"NOCGO_TESTLIB", "ffi/testdata/nocgotest.c", "libnocgotest.so"},                           // ffi, fakecgo
		{"NOCGO_RELIABILITY_LIB", "tests/reliability/testdata/reliability.c", "libreliability.so"}, // tests/reliability
	}
)

type combo struct {
	arch, sdk string
}

type result struct {
	combo
	ok       bool
	tests    int
	failed   []string
	reason   string
	duration time.Duration
	// how the test binaries ran: "native", "qemu", both joined by "+", or "".
	how string
}

func main() {
	arches := flag.String("arch", strings.Join(allArches, ","), "comma-separated GOARCH list")
	sdks := flag.String("sdk", strings.Join(allSDKs, ","), "comma-separated Go SDK versions")
	jobs := flag.Int("j", 2, "combinations run at once")
	pkgs := flag.String("pkgs", "./fakecgo,./ffi,./tests/reliability", "packages to test")
	flag.Parse()

	root, err := repoRoot()
	if err != nil {
		fatalf("%v", err)
	}
	cache := os.Getenv("NOCGO_CACHE")
	if cache == "" {
		home, _ := os.UserHomeDir()
		cache = filepath.Join(home, ".cache", "rules_nocgo")
	}
	work := filepath.Join(cache, "matrix")
	logs := filepath.Join(work, "logs")
	logsDir = logs
	if err := os.MkdirAll(logs, 0o755); err != nil {
		fatalf("%v", err)
	}

	var combos []combo
	for _, sdk := range split(*sdks) {
		for _, arch := range split(*arches) {
			if !contains(allArches, arch) {
				fatalf("unknown arch %q: want one of %s", arch, strings.Join(allArches, ", "))
			}
			combos = append(combos, combo{arch, sdk})
		}
	}

	// The test C libraries, once per arch; each test binary gets the path
	// of every one in its environment variable.
	libs := map[string][]string{} // arch -> NAME=path
	libErr := map[string]string{}
	for _, arch := range split(*arches) {
		for _, tl := range testLibs {
			lib := filepath.Join(work, arch, tl.file)
			os.MkdirAll(filepath.Dir(lib), 0o755)
			out, err := run(root, nil, filepath.Join(root, "tools", "cc"), arch, "-O2", "-shared", "-fPIC", "-o", lib, tl.src, "-lpthread")
			if err != nil {
				libErr[arch] = fmt.Sprintf("cannot build the test C library %s with tools/cc %s: %v: %s", tl.src, arch, err, lastLine(out))
				break
			}
			libs[arch] = append(libs[arch], tl.env+"="+lib)
		}
	}

	linkerChecks(root, work, split(*sdks))

	// Combinations run *jobs at a time; lines are printed in matrix order
	// as soon as a combination and all before it are done.
	results := make([]result, len(combos))
	finished := make([]bool, len(combos))
	printed := 0
	sem := make(chan struct{}, *jobs)
	var wg sync.WaitGroup
	var printMu sync.Mutex
	for i, c := range combos {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			var r result
			if reason, bad := libErr[c.arch]; bad {
				r = result{combo: c, reason: reason}
			} else {
				r = testCombo(root, c, libs[c.arch], split(*pkgs))
			}
			printMu.Lock()
			results[i], finished[i] = r, true
			for printed < len(combos) && finished[printed] {
				printResult(results[printed])
				printed++
			}
			printMu.Unlock()
		}()
	}
	wg.Wait()

	passed, failed := 0, 0
	for _, r := range results {
		if r.ok {
			passed++
		} else {
			failed++
		}
	}
	fmt.Printf("%d passed, %d failed\n", passed, failed)
	if failed > 0 {
		fmt.Printf("logs: %s\n", logs)
		os.Exit(1)
	}
}

func printResult(r result) {
	status := "PASS"
	if !r.ok {
		status = "FAIL"
	}
	how := r.how
	if how == "" {
		how = "-"
	}
	fmt.Printf("%-14s go%-7s %s  %3d tests  %5.1fs  %-6s", "linux/"+r.arch, r.sdk, status, r.tests, r.duration.Seconds(), how)
	if !r.ok {
		if len(r.failed) > 0 {
			fmt.Printf("  failed: %s", strings.Join(r.failed, " "))
		}
		if r.reason != "" {
			fmt.Printf("  (%s)", r.reason)
		}
	}
	fmt.Println()
}

// testCombo runs `go test -json` for one arch and SDK, with the toolchain's
// default linker checks (no -ldflags at all), under tools/exec/goexec.
func testCombo(root string, c combo, libs []string, pkgs []string) result {
	r := result{combo: c}
	env := []string{
		"GOTOOLCHAIN=go" + c.sdk,
		"CGO_ENABLED=0",
		"GOOS=linux",
		"GOARCH=" + c.arch,
	}
	env = append(env, libs...)
	if c.arch == "arm" {
		env = append(env, "GOARM=7")
	}
	record := filepath.Join(cacheLogs(), fmt.Sprintf("linux_%s_go%s.exec", c.arch, c.sdk))
	os.Remove(record)
	env = append(env, "NOCGO_EXEC_RECORD="+record)
	args := append([]string{"test", "-count=1", "-json", "-exec", filepath.Join(root, "tools", "exec", "goexec")}, pkgs...)
	start := time.Now()
	out, err := run(root, env, "go", args...)
	r.duration = time.Since(start)
	r.how = readHow(record, c.arch)
	logName := filepath.Join(cacheLogs(), fmt.Sprintf("linux_%s_go%s.log", c.arch, c.sdk))
	os.WriteFile(logName, out, 0o644)

	var buildOutput []string
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var ev struct {
			Action, Package, Test, Output string
		}
		if json.Unmarshal(sc.Bytes(), &ev) != nil {
			buildOutput = append(buildOutput, sc.Text())
			continue
		}
		if ev.Action == "build-output" {
			buildOutput = append(buildOutput, strings.TrimRight(ev.Output, "\n"))
		}
		if ev.Test == "" {
			if ev.Action == "fail" {
				r.failed = append(r.failed, filepath.Base(ev.Package)+"(package)")
			}
			continue
		}
		switch ev.Action {
		case "pass":
			r.tests++
		case "fail":
			r.failed = append(r.failed, ev.Test)
		case "skip":
			// A skipped test is not a pass.
			r.failed = append(r.failed, ev.Test+"(skipped)")
		}
	}
	sort.Strings(r.failed)
	r.ok = err == nil && len(r.failed) == 0 && r.tests > 0
	if !r.ok {
		switch {
		case len(buildOutput) > 0:
			r.reason = lastLine([]byte(strings.Join(buildOutput, "\n")))
		case r.tests == 0 && len(r.failed) == 0:
			r.reason = "no test ran: " + lastLine(out)
		}
	}
	return r
}

// readHow reads goexec's record (lines "<goarch> <native|qemu>") and
// returns the ways the arch's binaries ran, sorted and joined by "+".
func readHow(record, arch string) string {
	data, err := os.ReadFile(record)
	if err != nil {
		return ""
	}
	seen := map[string]bool{}
	for _, line := range strings.Split(string(data), "\n") {
		f := strings.Fields(line)
		if len(f) == 2 && f[0] == arch {
			seen[f[1]] = true
		}
	}
	var hows []string
	for h := range seen {
		hows = append(hows, h)
	}
	sort.Strings(hows)
	return strings.Join(hows, "+")
}

// linkerChecks shows that the toolchains really check linknames from
// assembly: a package whose assembly calls runtime·asmcgocall (std-only)
// must fail to link with Go 1.27+. Our builds pass no flag that could
// weaken this; the fakecgo test TestDefaultLinkerChecks asserts it for
// every test binary.
func linkerChecks(root, work string, sdks []string) {
	for _, sdk := range sdks {
		if !strings.HasPrefix(sdk, "1.27") && !strings.HasPrefix(sdk, "1.28") {
			fmt.Printf("linker checks: go%s does not check linknames from assembly (the check arrived in Go 1.27)\n", sdk)
			continue
		}
		out, err := run(filepath.Join(root, "internal", "cmd", "matrix", "testdata", "linkprobe"),
			[]string{"GOTOOLCHAIN=go" + sdk, "CGO_ENABLED=0", "GOFLAGS=-mod=mod"},
			"go", "build", "-o", filepath.Join(work, "linkprobe"), ".")
		switch {
		case err != nil && bytes.Contains(out, []byte("invalid reference to runtime.asmcgocall")):
			fmt.Printf("linker checks: go%s on: it refuses a non-std assembly reference to runtime·asmcgocall\n", sdk)
		case err == nil:
			fatalf("linker checks: go%s linked a forbidden reference to runtime·asmcgocall: checks are off", sdk)
		default:
			fatalf("linker checks: go%s probe failed unexpectedly: %s", sdk, out)
		}
	}
}

var logsDir string

func cacheLogs() string { return logsDir }

func run(dir string, env []string, name string, args ...string) ([]byte, error) {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var buf bytes.Buffer
	cmd.Stdout = &buf
	cmd.Stderr = &buf
	cmd.Stdin = nil
	err := cmd.Run()
	return buf.Bytes(), err
}

func repoRoot() (string, error) {
	_, file, _, ok := runtime.Caller(0)
	if ok {
		if r := filepath.Join(filepath.Dir(file), "..", "..", ".."); exists(filepath.Join(r, "go.mod")) {
			return filepath.Abs(r)
		}
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for d := wd; d != "/"; d = filepath.Dir(d) {
		if exists(filepath.Join(d, "fakecgo")) && exists(filepath.Join(d, "go.mod")) {
			return d, nil
		}
	}
	return "", fmt.Errorf("run tools/matrix from inside the rules_nocgo checkout")
}

func exists(p string) bool { _, err := os.Stat(p); return err == nil }

func split(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func lastLine(b []byte) string {
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		if l := strings.TrimSpace(lines[i]); l != "" && !strings.HasPrefix(l, "FAIL") && !strings.HasPrefix(l, "exit status") {
			return l
		}
	}
	return strings.TrimSpace(string(b))
}

func fatalf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "matrix: "+format+"\n", args...)
	os.Exit(2)
}
