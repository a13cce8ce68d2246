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
//
// The SDKs are internal/nocgosdk's: two releases and 1.27.3-strict, which
// reconstructs the Go 1.27 development rules under which
// runtime.cgocallback is std-only. Before testing a combination it probes
// the SDK's linker (internal/linkprobe): is a plain assembly reference to
// runtime·cgocallback from outside std refused? Where it is, fakecgo is
// built with the narrowest flag that passes (-asmflags=<fakecgo>=-std), the
// test binary is told so (NOCGO_EXPECT_FLAGS, asserted by fakecgo's
// TestBuildFlags against its build info), and the probe lines show it.
// A patched SDK that refuses nothing where its linker checks assembly
// (runtime·gogo refused) is toothless: the run fails. A release
// that would need a flag fails too: released SDKs get none.
//
// Handoff rows (-handoff, by default every patched SDK) test the
// nocgo_handoff build tag, whose callbacks reference no runtime symbol
// from assembly: built with the tag and no flag at all on any SDK. Such a
// row passes only if its tests pass (fakecgo's TestBuildFlags asserts from
// the build info that no -std flag was used, and the handoff tests must
// have run), and if tools/linkaudit, reading the row's compiled objects,
// finds no use of runtime.cgocallback or runtime.load_g — while the same
// audit without the tag does find fakecgo's reference, so it can see one.
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
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/nocgo/rules_nocgo/internal/linkprobe"
	"github.com/nocgo/rules_nocgo/internal/nocgosdk"
	"github.com/nocgo/rules_nocgo/internal/nocgotable"
)

var (
	allArches = nocgotable.GOARCHes()
	allSDKs   = nocgosdk.Names()

	// testLibs are the C libraries the tests load, built per arch with
	// tools/cc; env names the variable that carries the path.
	testLibs = []struct{ env, src, file string }{
		{"NOCGO_TESTLIB", "ffi/testdata/nocgotest.c", "libnocgotest.so"},                           // ffi, fakecgo
		{"NOCGO_RELIABILITY_LIB", "tests/reliability/testdata/reliability.c", "libreliability.so"}, // tests/reliability
	}
)

type combo struct {
	arch, sdk string
	handoff   bool // built with -tags nocgo_handoff and no flag
}

// handoffTag is the build tag of the no-runtime-symbol callback mode.
const handoffTag = "nocgo_handoff"

// handoffForbidden are the runtime symbols a handoff build must not use at
// all (the ones the strict SDK makes std-only).
const handoffForbidden = "runtime.cgocallback,runtime.load_g"

// handoffRequired are tests a handoff row must have passed: the build-info
// assertion and the tests of the mode's semantics.
var handoffRequired = []string{
	"fakecgo.TestBuildFlags", "fakecgo.TestDefaultLinkerChecks",
	"ffi.TestHandoffPoolFull", "ffi.TestCallbackThread", "ffi.TestNestedCallbacks",
	"ffi.TestCallbacksAtGOMAXPROCS1", "ffi.TestCThreadsCallGo", "ffi.TestQsortBsearch",
}

// handoffSkipsPkg: tests/reliability is not run in handoff rows. Its
// premises are the default mode's: a panic in a callback unwinds to the Go
// code that called C (handoff mode ends the program), and TestReentrancy
// keeps 8 x 100 nested levels in flight, which handoff mode serves with
// one parked OS thread per level, beyond its bound of 256.
const handoffSkipsPkg = "./tests/reliability"

// fakecgoPkg is the package whose assembly references runtime·cgocallback.
const fakecgoPkg = "github.com/nocgo/rules_nocgo/fakecgo"

type result struct {
	combo
	probe    probeResult
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
	pkgs := flag.String("pkgs", "./fakecgo,./ffi,./internal/loadedlibc,./tests/reliability", "packages to test")
	var patched []string
	for _, name := range allSDKs {
		if sdk, _ := nocgosdk.Lookup(name); sdk.Patch != "" {
			patched = append(patched, name)
		}
	}
	handoffSDKs := flag.String("handoff", strings.Join(patched, ","), "comma-separated SDKs (of -sdk) that also get handoff rows (-tags "+handoffTag+", no flag)")
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
	for _, sdk := range nocgosdk.CommaList(*sdks) {
		for _, arch := range nocgosdk.CommaList(*arches) {
			if _, err := nocgosdk.Lookup(sdk); err != nil {
				fatalf("%v", err)
			}
			if !slices.Contains(allArches, arch) {
				fatalf("unknown arch %q: want one of %s", arch, strings.Join(allArches, ", "))
			}
			combos = append(combos, combo{arch: arch, sdk: sdk})
		}
	}
	for _, sdk := range nocgosdk.CommaList(*handoffSDKs) {
		if !slices.Contains(nocgosdk.CommaList(*sdks), sdk) {
			continue
		}
		for _, arch := range nocgosdk.CommaList(*arches) {
			combos = append(combos, combo{arch: arch, sdk: sdk, handoff: true})
		}
	}
	linkaudit := ""
	if len(combos) > 0 && combos[len(combos)-1].handoff {
		linkaudit = filepath.Join(work, "linkaudit")
		if out, err := run(root, nil, "go", "build", "-o", linkaudit, "./internal/cmd/linkaudit"); err != nil {
			fatalf("building tools/linkaudit: %v: %s", err, out)
		}
	}

	// The test C libraries, once per arch; each test binary gets the path
	// of every one in its environment variable.
	libs := map[string][]string{} // arch -> NAME=path
	libErr := map[string]string{}
	for _, arch := range nocgosdk.CommaList(*arches) {
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
				testPkgs := nocgosdk.CommaList(*pkgs)
				if c.handoff {
					testPkgs = slices.DeleteFunc(slices.Clone(testPkgs), func(p string) bool { return p == handoffSkipsPkg })
				}
				r = testCombo(root, c, libs[c.arch], testPkgs)
				if c.handoff && r.ok {
					if reason := auditHandoff(root, work, linkaudit, c); reason != "" {
						r.ok, r.reason = false, reason
					}
				}
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

	printProbes(results)
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
	fmt.Printf("%-14s go%-13s %s  %3d tests  %5.1fs  %-6s", "linux/"+r.arch, r.sdk, status, r.tests, r.duration.Seconds(), how)
	switch {
	case r.handoff:
		fmt.Printf("  handoff: -tags %s, no flag; linkaudit: no %s", handoffTag, handoffForbidden)
	case len(r.probe.flags) > 0:
		fmt.Printf("  %s", strings.Join(r.probe.flags, " "))
	}
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

// probeResult is what the SDK's linker does for one arch (see probe).
type probeResult struct {
	asmChecked   bool   // a plain assembly reference to runtime·gogo (asm on every arch, never pushed) is refused
	plainRefused bool   // ... and one to runtime·cgocallback
	directive    string // runtime.cgocallback's directive in the SDK's source: linkname, linknamestd or ""
	flags        []string
	err          error
}

// probe asks the SDK's linker about one arch and chooses fakecgo's flags.
func probe(root string, sdk nocgosdk.SDK, env []string, arch string) probeResult {
	var p probeResult
	p.directive, p.err = cgocallbackDirective(sdk, env)
	if p.err != nil {
		return p
	}
	if p.asmChecked, p.err = linkprobe.Refused(sdk.Go(), env, arch, "gogo"); p.err != nil {
		return p
	}
	mech, err := linkprobe.Choose(sdk.Go(), env, arch, fakecgoPkg)
	if err != nil {
		p.err = err
		return p
	}
	p.plainRefused, p.flags = mech.PlainRefused, mech.Flags
	if len(p.flags) > 0 {
		// The flag opens std-only pushes, not the runtime: an unpushed
		// symbol must stay refused with it.
		still, err := linkprobe.Refused(sdk.Go(), env, arch, "gogo", "-asmflags="+linkprobe.Pkg+"=-std")
		if err != nil {
			p.err = err
			return p
		}
		if !still {
			p.err = fmt.Errorf("-asmflags=-std lets an assembly reference to the unpushed runtime·gogo through: the flag opens more than std-only pushes")
			return p
		}
	}
	switch {
	case sdk.Patch != "" && p.directive != "linknamestd":
		p.err = fmt.Errorf("%s is not applied: runtime.cgocallback has //go:%s in the SDK's source", sdk.Patch, p.directive)
	case sdk.Patch != "" && p.asmChecked && !p.plainRefused:
		p.err = fmt.Errorf("toothless: the linker checks assembly references here (runtime·gogo refused) but accepts runtime·cgocallback, which the SDK's source makes std-only")
	case sdk.Patch == "" && len(p.flags) > 0:
		p.err = fmt.Errorf("a released SDK refuses runtime·cgocallback from fakecgo's assembly: it would need %s, and released SDKs get no flag", strings.Join(p.flags, " "))
	}
	return p
}

// cgocallbackDirective reads the //go:linkname or //go:linknamestd line
// naming cgocallback from the SDK's runtime sources.
func cgocallbackDirective(sdk nocgosdk.SDK, env []string) (string, error) {
	cmd := exec.Command(sdk.Go(), "env", "GOROOT")
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("go env GOROOT: %v", err)
	}
	files, err := filepath.Glob(filepath.Join(strings.TrimSpace(string(out)), "src", "runtime", "*.go"))
	if err != nil || len(files) == 0 {
		return "", fmt.Errorf("no runtime sources in %s", strings.TrimSpace(string(out)))
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return "", err
		}
		for _, line := range strings.Split(string(data), "\n") {
			if fl := strings.Fields(line); len(fl) == 2 && fl[1] == "cgocallback" && (fl[0] == "//go:linkname" || fl[0] == "//go:linknamestd") {
				return strings.TrimPrefix(fl[0], "//go:"), nil
			}
		}
	}
	return "", nil
}

// printProbes prints, per SDK, where a plain assembly reference to
// runtime·cgocallback is refused and which flag fakecgo got there.
func printProbes(results []result) {
	type key struct{ sdk, what string }
	groups := map[key][]string{}
	var order []key
	for _, r := range results {
		if r.handoff {
			continue // the same probe as the SDK's normal row
		}
		p := r.probe
		var what string
		switch {
		case p.err != nil:
			what = "probe failed"
		case p.plainRefused:
			what = fmt.Sprintf("REFUSED (runtime.cgocallback: //go:%s); fakecgo built with %s", p.directive, strings.Join(p.flags, " "))
		case p.asmChecked:
			what = fmt.Sprintf("accepted (runtime.cgocallback: //go:%s; assembly references are checked here); no flag", p.directive)
		default:
			what = "accepted (assembly references are not checked here: runtime·gogo links too); no flag"
		}
		k := key{r.sdk, what}
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], r.arch)
	}
	for _, k := range order {
		fmt.Printf("probe go%s, plain assembly reference to runtime·cgocallback from outside std on %s: %s\n", k.sdk, strings.Join(groups[k], ", "), k.what)
	}
}

// testCombo runs `go test -json` for one arch and SDK, with the toolchain's
// default linker checks (no -ldflags at all), under tools/exec/goexec.
func testCombo(root string, c combo, libs []string, pkgs []string) result {
	r := result{combo: c}
	sdk, err := nocgosdk.Lookup(c.sdk)
	if err != nil {
		r.reason = err.Error()
		return r
	}
	sdkEnv, err := sdk.Env(root)
	if err != nil {
		r.reason = err.Error()
		return r
	}
	r.probe = probe(root, sdk, sdkEnv, c.arch)
	if r.probe.err != nil {
		r.reason = "linker probe: " + r.probe.err.Error()
		return r
	}
	flags := r.probe.flags
	suffix := ""
	if c.handoff {
		flags = []string{"-tags=" + handoffTag}
		suffix = "_handoff"
	}
	expect := "none"
	if len(flags) > 0 && !c.handoff {
		expect = strings.Join(flags, " ")
	}
	env := append(sdkEnv,
		"CGO_ENABLED=0",
		"GOOS=linux",
		"GOARCH="+c.arch,
		"NOCGO_EXPECT_FLAGS="+expect,
	)
	env = append(env, libs...)
	if c.arch == "arm" {
		env = append(env, "GOARM=7")
	}
	record := filepath.Join(cacheLogs(), fmt.Sprintf("linux_%s_go%s%s.exec", c.arch, c.sdk, suffix))
	os.Remove(record)
	env = append(env, "NOCGO_EXEC_RECORD="+record)
	args := []string{"test", "-count=1", "-json", "-exec", filepath.Join(root, "tools", "exec", "goexec")}
	args = append(append(args, flags...), pkgs...)
	start := time.Now()
	out, err := run(root, env, sdk.Go(), args...)
	r.duration = time.Since(start)
	r.how = readHow(record, c.arch)
	logName := filepath.Join(cacheLogs(), fmt.Sprintf("linux_%s_go%s%s.log", c.arch, c.sdk, suffix))
	os.WriteFile(logName, out, 0o644)

	var buildOutput []string
	passed := map[string]bool{}
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
			passed[filepath.Base(ev.Package)+"."+ev.Test] = true
		case "fail":
			r.failed = append(r.failed, ev.Test)
		case "skip":
			// A skipped test is not a pass.
			r.failed = append(r.failed, ev.Test+"(skipped)")
		}
	}
	if c.handoff && r.tests > 0 {
		for _, name := range handoffRequired {
			if !passed[name] {
				r.failed = append(r.failed, name+"(did not run)")
			}
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

// auditHandoff runs tools/linkaudit on one handoff row's build and reads
// its -json record: with the tag, no use of handoffForbidden and nothing
// refused; without the tag, fakecgo's reference to runtime.cgocallback
// must show up as forbidden, or the audit could not see one. It returns
// why the row fails, or "".
func auditHandoff(root, work, linkaudit string, c combo) string {
	audit := func(tags, name string) ([]struct {
		Symbol, Pkg        string
		Allowed, Forbidden bool
	}, error) {
		out := filepath.Join(work, fmt.Sprintf("linkaudit_%s_go%s_%s.json", c.arch, c.sdk, name))
		os.Remove(out)
		cmdOut, err := run(root, nil, linkaudit, "-sdk", c.sdk, "-arch", c.arch, "-tags", tags, "-noflags",
			"-forbid", handoffForbidden, "-json", out)
		data, rerr := os.ReadFile(out)
		if rerr != nil {
			return nil, fmt.Errorf("linkaudit wrote no record (%v): %s", err, lastLine(cmdOut))
		}
		var uses []struct {
			Symbol, Pkg        string
			Allowed, Forbidden bool
		}
		if err := json.Unmarshal(data, &uses); err != nil {
			return nil, err
		}
		return uses, nil
	}
	uses, err := audit(handoffTag, "handoff")
	if err != nil {
		return "linkaudit: " + err.Error()
	}
	for _, u := range uses {
		if u.Forbidden || !u.Allowed {
			return fmt.Sprintf("linkaudit: the handoff build uses %s (%s)", u.Symbol, u.Pkg)
		}
	}
	control, err := audit("", "default")
	if err != nil {
		return "linkaudit (control): " + err.Error()
	}
	for _, u := range control {
		if u.Forbidden && u.Symbol == "runtime.cgocallback" && u.Pkg == "fakecgo" {
			return ""
		}
	}
	return "linkaudit (control): the default build's reference to runtime.cgocallback was not seen: the audit is blind"
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
