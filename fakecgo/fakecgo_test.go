package fakecgo_test

import (
	"os"
	"runtime"
	"runtime/debug"
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

// os.Setenv and os.Unsetenv go through _cgo_setenv/_cgo_unsetenv, so C's
// getenv sees them.
func TestEnvReachesC(t *testing.T) {
	sym, err := libc(t).Sym("getenv")
	if err != nil {
		t.Fatal(err)
	}
	getenv, err := ffi.Func1[uintptr, unsafe.Pointer](sym)
	if err != nil {
		t.Fatal(err)
	}
	os.Setenv("NOCGO_FAKECGO_TEST", "from-go")
	p := getenv(cstr("NOCGO_FAKECGO_TEST"))
	if p == 0 {
		t.Fatal("C getenv does not see os.Setenv")
	}
	got := unsafe.String((*byte)(unsafe.Add(nil, p)), 7)
	if got != "from-go" {
		t.Fatalf("C getenv = %q, want from-go", got)
	}
	os.Unsetenv("NOCGO_FAKECGO_TEST")
	if getenv(cstr("NOCGO_FAKECGO_TEST")) != 0 {
		t.Fatal("C getenv still sees the variable after os.Unsetenv")
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
// (crosscall2(nil, g) -> cgocallback -> dropm). A broken destructor path
// crashes here or leaks Ms; run enough threads to notice either.
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
	for r := 0; r < rounds; r++ {
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
	if count != rounds*width {
		t.Fatalf("callback ran %d times, want %d", count, rounds*width)
	}
}

// The binary must be built with the toolchain's default linker checks:
// nothing in the build may switch off linkname checking.
func TestDefaultLinkerChecks(t *testing.T) {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		t.Fatal("no build info in the test binary")
	}
	for _, s := range bi.Settings {
		if strings.Contains(s.Value, "checklinkname") {
			t.Fatalf("built with %s=%q: linker checks must stay on", s.Key, s.Value)
		}
	}
}
