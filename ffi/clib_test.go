package ffi_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"unsafe"

	"github.com/nocgo/rules_nocgo/ffi"
)

// The test C library (testdata/nocgotest.c). tools/matrix builds it for
// the target with tools/cc and passes its path in NOCGO_TESTLIB; Bazel
// (//ffi:nocgotest) passes its runfiles path there, which is resolved in
// RUNFILES_DIR. A native `go test` builds it with the host's cc.
var (
	clibOnce sync.Once
	clib     *ffi.Library
	clibPath string
	clibErr  error
)

// testLibPath is the file testLib loaded; call testLib first.
func testLibPath() string { return clibPath }

func testLib(t testing.TB) *ffi.Library {
	t.Helper()
	clibOnce.Do(func() {
		path := os.Getenv("NOCGO_TESTLIB")
		if dir := os.Getenv("RUNFILES_DIR"); path != "" && !filepath.IsAbs(path) && dir != "" {
			path = filepath.Join(dir, path)
		}
		if path == "" {
			dir, err := os.MkdirTemp("", "nocgotest")
			if err != nil {
				clibErr = err
				return
			}
			path = filepath.Join(dir, "libnocgotest.so")
			out, err := exec.Command("cc", "-O2", "-shared", "-fPIC", "-o", path, "testdata/nocgotest.c", "-lpthread").CombinedOutput()
			if err != nil {
				clibErr = fmt.Errorf("building the test C library with the host cc failed (cross runs must set NOCGO_TESTLIB, as tools/matrix does): %v\n%s", err, out)
				return
			}
		}
		clibPath = path
		clib, clibErr = ffi.Dlopen(path, ffi.RTLD_NOW)
	})
	if clibErr != nil {
		t.Fatal(clibErr)
	}
	return clib
}

func clibSym(t testing.TB, name string) ffi.Symbol {
	t.Helper()
	s, err := testLib(t).Sym(name)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// The 16 values of nocgotest.c's V1..V16.
const (
	v1  int8    = -3
	v2  float32 = 1.25
	v3  float64 = -2.5e10
	v4  int16   = -30000
	v5  uint32  = 4000000000
	v6  float32 = -0.75
	v7  int64   = -1234567890123
	v8  float64 = 3.0e-3
	v9  uint8   = 250
	v10 float32 = 1e20
	v11 int32   = -2000000000
	v12 float64 = 6.02e23
	v13 uintptr = 0x1234
	v14 float32 = -3.5
	v15 int64   = 0x7edcba9876543210
	v16 float64 = -1.0e-300
)

func TestMixed16GoToC(t *testing.T) {
	mix, err := ffi.Func16[int64, int8, float32, float64, int16, uint32, float32, int64, float64, uint8, float32, int32, float64, uintptr, float32, int64, float64](clibSym(t, "nt_mix16"))
	if err != nil {
		t.Fatal(err)
	}
	if bad := mix(v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11, v12, v13, v14, v15, v16); bad != 0 {
		t.Fatalf("nt_mix16: arguments that arrived wrong (bit i-1 = argument i): %016b", bad)
	}
	// The same through the dynamic binding.
	f, err := clibSym(t, "nt_mix16").Bind(ffi.Signature{Return: ffi.Int64, Params: []ffi.Kind{
		ffi.Int8, ffi.Float32, ffi.Float64, ffi.Int16, ffi.Uint32, ffi.Float32, ffi.Int64, ffi.Float64,
		ffi.Uint8, ffi.Float32, ffi.Int32, ffi.Float64, ffi.Uintptr, ffi.Float32, ffi.Int64, ffi.Float64}})
	if err != nil {
		t.Fatal(err)
	}
	r, err := f.Call(v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11, v12, v13, v14, v15, v16)
	if err != nil || r.(int64) != 0 {
		t.Fatalf("dynamic nt_mix16 = %v, %v", r, err)
	}
}

func TestMixed16CToGo(t *testing.T) {
	var got [16]any
	cb, err := ffi.Callback16(func(a1 int8, a2 float32, a3 float64, a4 int16, a5 uint32, a6 float32, a7 int64, a8 float64, a9 uint8, a10 float32, a11 int32, a12 float64, a13 uintptr, a14 float32, a15 int64, a16 float64) int64 {
		got = [16]any{a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16}
		return 0x0123456789abcdef
	})
	if err != nil {
		t.Fatal(err)
	}
	defer cb.Free()
	call, err := ffi.Func1[int64, uintptr](clibSym(t, "nt_call_mix16"))
	if err != nil {
		t.Fatal(err)
	}
	if r := call(cb.Ptr()); r != 0x0123456789abcdef {
		t.Errorf("callback result as seen by C: %#x", r)
	}
	want := [16]any{v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11, v12, v13, v14, v15, v16}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("argument %d: got %v, want %v", i+1, got[i], want[i])
		}
	}
}

func TestSixteenOfAClass(t *testing.T) {
	ints, err := ffi.Func16[int64, int64, int32, int64, int32, int64, int32, int64, int32, int64, int32, int64, int32, int64, int32, int64, int32](clibSym(t, "nt_ints16"))
	if err != nil {
		t.Fatal(err)
	}
	var want int64
	for i := int64(1); i <= 16; i++ {
		want += i * (i * -1000003)
	}
	if got := ints(-1000003, -2000006, -3000009, -4000012, -5000015, -6000018, -7000021, -8000024, -9000027, -10000030, -11000033, -12000036, -13000039, -14000042, -15000045, -16000048); got != want {
		t.Errorf("nt_ints16 = %d, want %d", got, want)
	}
	floats, err := ffi.Func16[float64, float64, float32, float64, float32, float64, float32, float64, float32, float64, float32, float64, float32, float64, float32, float64, float32](clibSym(t, "nt_floats16"))
	if err != nil {
		t.Fatal(err)
	}
	// sum of i*i for i = 1..16
	if got := floats(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16); got != 1496 {
		t.Errorf("nt_floats16 = %v, want 1496", got)
	}
	cb, err := ffi.Callback16(func(a1 float64, a2 float32, a3 float64, a4 float32, a5 float64, a6 float32, a7 float64, a8 float32, a9 float64, a10 float32, a11 float64, a12 float32, a13 float64, a14 float32, a15 float64, a16 float32) float64 {
		return a1*1 + float64(a2)*2 + a3*3 + float64(a4)*4 + a5*5 + float64(a6)*6 + a7*7 + float64(a8)*8 + a9*9 + float64(a10)*10 + a11*11 + float64(a12)*12 + a13*13 + float64(a14)*14 + a15*15 + float64(a16)*16
	})
	if err != nil {
		t.Fatal(err)
	}
	defer cb.Free()
	call, err := ffi.Func1[float64, uintptr](clibSym(t, "nt_call_floats16"))
	if err != nil {
		t.Fatal(err)
	}
	if got := call(cb.Ptr()); got != 1496 {
		t.Errorf("nt_call_floats16 = %v, want 1496", got)
	}
}

func TestResults(t *testing.T) {
	check := func(name string, got, want any) {
		t.Helper()
		if got != want {
			t.Errorf("%s = %v (%T), want %v", name, got, got, want)
		}
	}
	i8, _ := ffi.Func0[int8](clibSym(t, "nt_ret_i8"))
	check("nt_ret_i8", i8(), int8(-5))
	u8, _ := ffi.Func0[uint8](clibSym(t, "nt_ret_u8"))
	check("nt_ret_u8", u8(), uint8(200))
	i16, _ := ffi.Func0[int16](clibSym(t, "nt_ret_i16"))
	check("nt_ret_i16", i16(), int16(-300))
	u32, _ := ffi.Func0[uint32](clibSym(t, "nt_ret_u32"))
	check("nt_ret_u32", u32(), uint32(4000000000))
	i64, _ := ffi.Func0[int64](clibSym(t, "nt_ret_i64"))
	check("nt_ret_i64", i64(), int64(-1234567890123))
	u64, _ := ffi.Func0[uint64](clibSym(t, "nt_ret_u64"))
	check("nt_ret_u64", u64(), uint64(0xfedcba9876543210))
	f32, _ := ffi.Func2[float32, float32, float64](clibSym(t, "nt_ret_f32"))
	check("nt_ret_f32", f32(1.5, -4), float32(-6))
	f64, _ := ffi.Func2[float64, float32, float64](clibSym(t, "nt_ret_f64"))
	check("nt_ret_f64", f64(0.25, 1e10), 1e10+0.25)
}

func TestCallbackResults(t *testing.T) {
	f32cb, err := ffi.Callback3(func(a float32, b float64, c int32) float32 {
		if a != 1.5 || b != 2.25 || c != -3 {
			t.Errorf("f32 callback got (%v, %v, %v)", a, b, c)
		}
		return a * float32(b) * float32(c)
	})
	if err != nil {
		t.Fatal(err)
	}
	defer f32cb.Free()
	callF32, _ := ffi.Func1[float32, uintptr](clibSym(t, "nt_call_f32"))
	if got := callF32(f32cb.Ptr()); got != -10.125 {
		t.Errorf("nt_call_f32 = %v, want -10.125", got)
	}

	f64cb, err := ffi.Callback3(func(a float64, b float32, c int64) float64 {
		if a != -0.5 || b != 8 || c != 1<<40 {
			t.Errorf("f64 callback got (%v, %v, %v)", a, b, c)
		}
		return a + float64(b) + float64(c)
	})
	if err != nil {
		t.Fatal(err)
	}
	defer f64cb.Free()
	callF64, _ := ffi.Func1[float64, uintptr](clibSym(t, "nt_call_f64"))
	if got := callF64(f64cb.Ptr()); got != -0.5+8+(1<<40) {
		t.Errorf("nt_call_f64 = %v", got)
	}

	i8cb, _ := ffi.Callback1(func(a int8) int8 { return a - 28 }) // -128
	defer i8cb.Free()
	callI8, _ := ffi.Func1[int32, uintptr](clibSym(t, "nt_call_i8"))
	if got := callI8(i8cb.Ptr()); got != -127 {
		t.Errorf("nt_call_i8 = %d, want -127", got)
	}
	u16cb, _ := ffi.Callback1(func(a uint16) uint16 { return a + 535 }) // 65535
	defer u16cb.Free()
	callU16, _ := ffi.Func1[int32, uintptr](clibSym(t, "nt_call_u16"))
	if got := callU16(u16cb.Ptr()); got != 65536 {
		t.Errorf("nt_call_u16 = %d, want 65536", got)
	}
}

// C threads calling one Go callback concurrently; the callback allocates
// and talks to a goroutine, so it needs a real M and g on each thread.
func TestCThreadsCallGo(t *testing.T) {
	results := make(chan int64, 64)
	done := make(chan struct{})
	var total int64
	go func() {
		for r := range results {
			total += r
		}
		close(done)
	}()
	var mu sync.Mutex
	perThread := map[int32]int{}
	cb, err := ffi.Callback2(func(thread, i int32) int64 {
		s := make([]int64, 0, 4) // allocate on the C thread
		s = append(s, int64(thread)*1000000+int64(i))
		if i%100 == 0 {
			results <- 1
			mu.Lock()
			perThread[thread]++
			mu.Unlock()
		}
		return s[0]
	})
	if err != nil {
		t.Fatal(err)
	}
	defer cb.Free()
	threads, err := ffi.Func3[int64, uintptr, int32, int32](clibSym(t, "nt_threads"))
	if err != nil {
		t.Fatal(err)
	}
	const n, calls = 8, 1000
	if bad := threads(cb.Ptr(), n, calls); bad != 0 {
		t.Fatalf("nt_threads: %d wrong results", bad)
	}
	close(results)
	<-done
	if total != n*calls/100 {
		t.Errorf("goroutine saw %d messages, want %d", total, n*calls/100)
	}
	if len(perThread) != n {
		t.Errorf("callbacks seen from %d threads, want %d", len(perThread), n)
	}
	runtime.GC()
}

func TestPthreadCreateGoStartRoutine(t *testing.T) {
	create, err := ffi.Func4[int32, unsafe.Pointer, uintptr, uintptr, uintptr](sym(t, "libc.so.6", "pthread_create"))
	if err != nil {
		t.Fatal(err)
	}
	join, err := ffi.Func2[int32, uintptr, unsafe.Pointer](sym(t, "libc.so.6", "pthread_join"))
	if err != nil {
		t.Fatal(err)
	}
	const workers = 4
	start, err := ffi.Callback1(func(arg uintptr) uintptr {
		// Run on a thread C made: allocate, start a goroutine, use channels.
		ch := make(chan []int)
		go func() {
			s := make([]int, 0)
			for i := 0; i < int(arg)*1000; i++ {
				s = append(s, i)
			}
			ch <- s
		}()
		s := <-ch
		return uintptr(len(s)) + arg
	})
	if err != nil {
		t.Fatal(err)
	}
	defer start.Free()
	var ids [workers]uintptr
	for i := range ids {
		if rc := create(unsafe.Pointer(&ids[i]), 0, start.Ptr(), uintptr(i+1)); rc != 0 {
			t.Fatalf("pthread_create = %d", rc)
		}
	}
	for i, id := range ids {
		var ret uintptr
		if rc := join(id, unsafe.Pointer(&ret)); rc != 0 {
			t.Fatalf("pthread_join = %d", rc)
		}
		if want := uintptr(i+1)*1000 + uintptr(i+1); ret != want {
			t.Errorf("thread %d returned %d, want %d", i, ret, want)
		}
	}
}
