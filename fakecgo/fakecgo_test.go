package fakecgo_test

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unsafe"

	"github.com/nocgo/rules_nocgo/ffi"
)

func libc(t *testing.T) *ffi.Library {
	t.Helper()
	l, err := ffi.Dlopen("libc.so.6", ffi.RTLD_NOW)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func cstr(s string) unsafe.Pointer { b := append([]byte(s), 0); return unsafe.Pointer(&b[0]) }

// getenvC binds libc's getenv and returns a function giving C's view of
// a variable: its value, and whether it is set.
func getenvC(t *testing.T) func(string) (string, bool) {
	t.Helper()
	sym, err := libc(t).Sym("getenv")
	if err != nil {
		t.Fatal(err)
	}
	getenv, err := ffi.Func1[uintptr, unsafe.Pointer](sym)
	if err != nil {
		t.Fatal(err)
	}
	return func(name string) (string, bool) {
		p := getenv(cstr(name))
		if p == 0 {
			return "", false
		}
		return goString(p), true
	}
}

// goString copies the NUL-terminated C string at p (at most 4 KiB).
func goString(p uintptr) string {
	var b []byte
	for i := 0; i < 4096; i++ {
		c := *(*byte)(unsafe.Add(nil, p+uintptr(i)))
		if c == 0 {
			return string(b)
		}
		b = append(b, c)
	}
	return string(b) + "...(no NUL in 4 KiB)"
}

// os.Setenv and os.Unsetenv go through _cgo_setenv/_cgo_unsetenv, so C's
// getenv sees them. The second Setenv, shorter than the first, must
// replace the C value, not leave it (setenv's overwrite flag): the whole
// C string is compared, up to its NUL.
func TestEnvReachesC(t *testing.T) {
	getenv := getenvC(t)
	const name = "NOCGO_FAKECGO_TEST"
	os.Setenv(name, "from-go-first")
	os.Setenv(name, "from-go")
	if got, ok := getenv(name); !ok || got != "from-go" {
		t.Fatalf("C getenv = %q, %v; want \"from-go\", true", got, ok)
	}
	os.Unsetenv(name)
	if got, ok := getenv(name); ok {
		t.Fatalf("C getenv = %q after os.Unsetenv", got)
	}
}

// os.Clearenv empties C's environment too (_cgo_clearenv): a variable set
// from Go and one inherited from the parent process both disappear.
func TestClearenvReachesC(t *testing.T) {
	getenv := getenvC(t)
	saved := os.Environ()
	t.Cleanup(func() {
		for _, kv := range saved {
			k, v, _ := strings.Cut(kv, "=")
			os.Setenv(k, v)
		}
	})
	inherited := ""
	for _, kv := range saved {
		if k, _, _ := strings.Cut(kv, "="); k != "" {
			if _, ok := getenv(k); ok {
				inherited = k
				break
			}
		}
	}
	if inherited == "" {
		t.Fatal("C sees none of the inherited environment")
	}
	os.Setenv("NOCGO_FAKECGO_CLEARENV", "x")
	if _, ok := getenv("NOCGO_FAKECGO_CLEARENV"); !ok {
		t.Fatal("C getenv does not see os.Setenv")
	}
	os.Clearenv()
	for _, k := range []string{"NOCGO_FAKECGO_CLEARENV", inherited} {
		if got, ok := getenv(k); ok {
			t.Errorf("after os.Clearenv, C getenv(%q) = %q", k, got)
		}
	}
	// And C follows Go again afterwards.
	os.Setenv("NOCGO_FAKECGO_CLEARENV", "again")
	if got, _ := getenv("NOCGO_FAKECGO_CLEARENV"); got != "again" {
		t.Fatalf("C getenv after Clearenv and Setenv = %q, want \"again\"", got)
	}
}

// Every new M is a pthread made by _cgo_thread_start; locking many
// goroutines to threads forces many of them.
func TestManyThreads(t *testing.T) {
	sym, err := libc(t).Sym("pthread_self")
	if err != nil {
		t.Fatal(err)
	}
	self, _ := ffi.Func0[uintptr](sym)
	const n = 64
	var mu sync.Mutex
	seen := map[uintptr]bool{}
	var ready, done sync.WaitGroup
	release := make(chan struct{})
	for i := 0; i < n; i++ {
		ready.Add(1)
		done.Add(1)
		go func() {
			defer done.Done()
			runtime.LockOSThread() // never unlocked: the thread exits with the goroutine
			mu.Lock()
			seen[self()] = true
			mu.Unlock()
			ready.Done()
			<-release // hold the thread until all are counted
		}()
	}
	ready.Wait()
	distinct := len(seen)
	close(release)
	done.Wait()
	if distinct != n {
		t.Fatalf("%d goroutines locked to threads at once ran on %d distinct pthreads", n, distinct)
	}
}

// C threads that call into Go once and exit: each borrows an M, keeps it
// through _cgo_bindm, and gives it back from the pthread key destructor
// (crosscall2(nil, g) -> cgocallback -> dropm). Without that, every new C
// thread would need a new M: the runtime's M count (the threadcreate
// profile counts every M, extra Ms of C threads too) would grow with the
// number of threads, not with how many run at once. The OS thread count
// (/proc/self/status Threads) must come back down once they are joined.
func TestShortLivedCThreads(t *testing.T) {
	l := libc(t)
	createSym, _ := l.Sym("pthread_create")
	joinSym, _ := l.Sym("pthread_join")
	create, _ := ffi.Func4[int32, unsafe.Pointer, uintptr, uintptr, uintptr](createSym)
	join, _ := ffi.Func2[int32, uintptr, unsafe.Pointer](joinSym)
	var mu sync.Mutex
	count := 0
	cb, err := ffi.Callback1(func(arg uintptr) uintptr {
		mu.Lock()
		count++
		mu.Unlock()
		return arg * 2
	})
	if err != nil {
		t.Fatal(err)
	}
	defer cb.Free()
	const rounds, width = 25, 8
	round := func() {
		var ids [width]uintptr
		for i := range ids {
			if rc := create(unsafe.Pointer(&ids[i]), 0, cb.Ptr(), uintptr(i)); rc != 0 {
				t.Fatalf("pthread_create: %d", rc)
			}
		}
		for i, id := range ids {
			var ret uintptr
			join(id, unsafe.Pointer(&ret))
			if ret != uintptr(i)*2 {
				t.Fatalf("thread returned %d, want %d", ret, i*2)
			}
		}
	}
	round() // the first round may add the Ms any later one reuses
	msBefore, threadsBefore := pprof.Lookup("threadcreate").Count(), osThreads(t)
	for r := 1; r < rounds; r++ {
		round()
	}
	msAfter, threadsAfter := pprof.Lookup("threadcreate").Count(), osThreads(t)
	if count != rounds*width {
		t.Fatalf("callback ran %d times, want %d", count, rounds*width)
	}
	t.Logf("%d C threads: Ms %d -> %d, OS threads %d -> %d", (rounds-1)*width, msBefore, msAfter, threadsBefore, threadsAfter)
	// Slack for Ms and threads the runtime starts meanwhile for its own
	// reasons (GC workers, spinning Ms): far below one per C thread.
	const slack = width
	if msAfter-msBefore > slack {
		t.Errorf("%d C threads made %d new Ms: the Ms of exited C threads are not reused", (rounds-1)*width, msAfter-msBefore)
	}
	if threadsAfter-threadsBefore > slack {
		t.Errorf("OS threads %d -> %d after joining every C thread", threadsBefore, threadsAfter)
	}
}

// osThreads returns the Threads line of /proc/self/status.
func osThreads(t *testing.T) int {
	t.Helper()
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "Threads:"); ok {
			n, err := strconv.Atoi(strings.TrimSpace(v))
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
	}
	t.Fatal("no Threads line in /proc/self/status")
	return 0
}

// The binary must be built with the toolchain's default linker checks:
// no -checklinkname flag, and no -std compiler or assembler flag (it
// lets a package reference what only std may, as -asmflags=-std does in
// ENVIRONMENT.md's probe). The test can only read what the build info
// records: cmd/go records -gcflags and -asmflags, and -ldflags unless
// -trimpath is set (go.dev/issue/52372); rules_go (v0.65.0,
// go/tools/builders/buildinfo.go) records no compiler, assembler or link
// flags at all and always sets -trimpath. So the link flags are checked
// where they are visible and the test says so where they are not.
func TestDefaultLinkerChecks(t *testing.T) {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		t.Fatal("no build info in the test binary")
	}
	settings := map[string]string{}
	for _, s := range bi.Settings {
		settings[s.Key] = s.Value
	}
	if settings["-compiler"] != "gc" || settings["CGO_ENABLED"] != "0" {
		t.Fatalf("build info records no build settings (%v): nothing to check", bi.Settings)
	}
	for k, v := range settings {
		if strings.Contains(v, "checklinkname") {
			t.Errorf("built with %s=%q: linker checks must stay on", k, v)
		}
		if k == "-gcflags" || k == "-asmflags" {
			for _, f := range strings.Fields(v) {
				// The one exception: fakecgo's own assembly marked std,
				// which SDKs that make runtime.cgocallback std-only need
				// (TestBuildFlags asserts where it is used).
				if k == "-asmflags" && f == fakecgoPath+"=-std" {
					continue
				}
				if _, flag, _ := strings.Cut(f, "="); flag == "-std" || f == "-std" {
					t.Errorf("built with %s=%q: -std lifts the linkname restrictions", k, v)
				}
			}
		}
	}
	if settings["-trimpath"] == "true" {
		t.Skip("built with -trimpath (as rules_go always builds): the build info does not record -ldflags, " +
			"so a -checklinkname flag cannot be seen from here")
	}
}
