package ffi_test

// Memory safety and bad input: Go memory stays alive while C holds it,
// callback handles cannot alias, a freed callback called from C ends the
// program, libraries close once, names with NUL and values out of range
// are errors, C bools are normalised, errno is read on the right thread.

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"unsafe"

	"github.com/nocgo/rules_nocgo/ffi"
	"github.com/nocgo/rules_nocgo/internal/testchild"
)

const holdSize = 4096

// heldBuffer returns the address of a fresh Go buffer filled with
// nt_hold's pattern; nothing else refers to the buffer.
//
//go:noinline
func heldBuffer() unsafe.Pointer {
	b := make([]byte, holdSize)
	for i := range b {
		b[i] = byte(i*7 + 1)
	}
	return unsafe.Pointer(&b[0])
}

// churn allocates buffers of the held buffer's size and collects, so that
// a buffer the collector wrongly freed is reused and overwritten.
var churnSink [][]byte

func churn() {
	for round := 0; round < 4; round++ {
		runtime.GC()
		for i := 0; i < 256; i++ {
			b := make([]byte, holdSize)
			for j := range b {
				b[j] = 0xee
			}
			churnSink = append(churnSink, b)
		}
		churnSink = churnSink[:0]
	}
	runtime.GC()
}

func TestGoPointerStaysAliveDuringCall(t *testing.T) {
	sym := clibSym(t, "nt_hold")
	cb, err := ffi.VoidCallback0(churn)
	if err != nil {
		t.Fatal(err)
	}
	defer cb.Free()

	hold, err := ffi.Func3[int32, unsafe.Pointer, int32, uintptr](sym)
	if err != nil {
		t.Fatal(err)
	}
	dyn, err := sym.Bind(ffi.Signature{Return: ffi.Int32, Params: []ffi.Kind{ffi.Pointer, ffi.Int32, ffi.Pointer}})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 5; i++ {
		if n := hold(heldBuffer(), holdSize, cb.Ptr()); n != 0 {
			t.Fatalf("typed call %d: %d of %d bytes of the argument buffer changed while C held it", i, n, holdSize)
		}
		r, err := dyn.Call(heldBuffer(), int32(holdSize), cb.Ptr())
		if err != nil {
			t.Fatal(err)
		}
		if n := r.(int32); n != 0 {
			t.Fatalf("dynamic call %d: %d of %d bytes of the argument buffer changed while C held it", i, n, holdSize)
		}
	}
}

// callNoop calls cb through C: nt_call_noop(f, 1) returns f(0).
func callNoop(t *testing.T, ptr uintptr) int32 {
	t.Helper()
	call, err := ffi.Func2[int32, uintptr, int32](clibSym(t, "nt_call_noop"))
	if err != nil {
		t.Fatal(err)
	}
	return call(ptr, 1)
}

func TestCallbackHandlesDoNotAlias(t *testing.T) {
	live, err := ffi.Callback1(func(int32) int32 { return 42 })
	if err != nil {
		t.Fatal(err)
	}
	defer live.Free()

	// The zero Callback owns nothing: freeing it must not free slot 0
	// or any other.
	var zero ffi.Callback
	zero.Free()
	if zero.Ptr() != 0 {
		t.Fatalf("zero Callback has pointer %#x", zero.Ptr())
	}
	other, err := ffi.Callback1(func(int32) int32 { return 7 })
	if err != nil {
		t.Fatal(err)
	}
	defer other.Free()
	if got := callNoop(t, live.Ptr()); got != 42 {
		t.Fatalf("after freeing a zero Callback, the live one runs another function: got %d, want 42", got)
	}

	// A copy names the same callback: freeing both frees one slot once.
	a, err := ffi.Callback1(func(int32) int32 { return 1 })
	if err != nil {
		t.Fatal(err)
	}
	aPtr := a.Ptr()
	copyOfA := *a
	a.Free()
	copyOfA.Free()
	a.Free()
	if a.Ptr() != 0 || copyOfA.Ptr() != 0 {
		t.Fatalf("freed callback still has a pointer: %#x, copy %#x", a.Ptr(), copyOfA.Ptr())
	}
	var made []*ffi.Callback
	defer func() {
		for _, c := range made {
			c.Free()
		}
	}()
	seen := map[uintptr]int{live.Ptr(): -1, other.Ptr(): -2}
	for i := 0; i < 8; i++ {
		want := int32(100 + i)
		c, err := ffi.Callback1(func(int32) int32 { return want })
		if err != nil {
			t.Fatal(err)
		}
		made = append(made, c)
		if j, dup := seen[c.Ptr()]; dup {
			t.Fatalf("callbacks %d and %d share the C pointer %#x", i, j, c.Ptr())
		}
		seen[c.Ptr()] = i
		if c.Ptr() == aPtr && ffi.CallbackSlots-ffi.LiveCallbacks() > 1 {
			t.Fatalf("callback %d reuses the slot freed just before while other slots are free", i)
		}
	}
	for i, c := range made {
		if got := callNoop(t, c.Ptr()); got != int32(100+i) {
			t.Fatalf("callback %d: C got %d, want %d", i, got, 100+i)
		}
	}
}

// A C call through a freed callback ends the program, naming the slot;
// recover in the Go code that called C cannot stop it.
func TestFreedCallbackCallIsFatal(t *testing.T) {
	if testchild.Role() == "freed-callback" {
		cb, err := ffi.Callback1(func(x int32) int32 { return x })
		if err != nil {
			fmt.Println(err)
			os.Exit(3)
		}
		ptr := cb.Ptr()
		cb.Free()
		func() {
			defer func() {
				if r := recover(); r != nil {
					fmt.Println("recovered:", r)
					os.Exit(0)
				}
			}()
			callNoop(t, ptr)
		}()
		fmt.Println("the call through a freed callback returned")
		os.Exit(0)
	}
	out, err := runChild(t, "TestFreedCallbackCallIsFatal", "freed-callback")
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() == 0 {
		t.Fatalf("child: err = %v, want a non-zero exit; output:\n%s", err, out)
	}
	if !strings.Contains(out, "C called callback slot") || !strings.Contains(out, "which is free") {
		t.Fatalf("child output does not name the freed slot:\n%s", out)
	}
}

// runChild runs this test binary again with only test name, as a child
// with role mode (internal/testchild), and returns its output.
func runChild(t *testing.T, name, mode string) (string, error) {
	t.Helper()
	cmd := childCommand(t, name, mode)
	var buf bytes.Buffer
	cmd.Stdout, cmd.Stderr = &buf, &buf
	err := cmd.Run()
	return buf.String(), err
}

// childCommand is the command runChild runs: this test binary again, with
// only test name, as a child with role mode (testchild.Role).
func childCommand(t *testing.T, name, mode string) *exec.Cmd {
	t.Helper()
	cmd, err := testchild.Command(context.Background(), mode, "-test.run=^"+name+"$", "-test.count=1")
	if err != nil {
		t.Fatal(err)
	}
	return cmd
}

func TestCallbackSlotsReusedOldestFirst(t *testing.T) {
	var cbs []*ffi.Callback
	defer func() {
		for _, cb := range cbs {
			cb.Free()
		}
	}()
	for ffi.LiveCallbacks() < ffi.CallbackSlots {
		cb, err := ffi.VoidCallback0(func() {})
		if err != nil {
			t.Fatal(err)
		}
		cbs = append(cbs, cb)
	}
	first, second := cbs[3].Ptr(), cbs[1].Ptr()
	cbs[3].Free()
	cbs[1].Free()
	x, err := ffi.VoidCallback0(func() {})
	if err != nil {
		t.Fatal(err)
	}
	y, err := ffi.VoidCallback0(func() {})
	if err != nil {
		t.Fatal(err)
	}
	cbs[3], cbs[1] = x, y
	if x.Ptr() != first || y.Ptr() != second {
		t.Fatalf("slots reused as %#x, %#x; want the oldest freed first: %#x, %#x", x.Ptr(), y.Ptr(), first, second)
	}
}

// testLibCopy copies the test C library to a file of its own, so that
// only the handles a test opens keep it loaded.
func testLibCopy(t *testing.T) string {
	t.Helper()
	testLib(t)
	src, err := os.ReadFile(testLibPath())
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "libnocgoclose.so")
	if err := os.WriteFile(path, src, 0o755); err != nil {
		t.Fatal(err)
	}
	return path
}

func mapped(t *testing.T, path string) bool {
	t.Helper()
	maps, err := os.ReadFile("/proc/self/maps")
	if err != nil {
		t.Fatal(err)
	}
	return bytes.Contains(maps, []byte(path))
}

func TestCloseOnceUnderConcurrency(t *testing.T) {
	path := testLibCopy(t)
	a, err := ffi.Dlopen(path, ffi.RTLD_NOW)
	if err != nil {
		t.Fatal(err)
	}
	b, err := ffi.Dlopen(path, ffi.RTLD_NOW)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make([]error, 16)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = a.Close()
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("Close %d: %v", i, err)
		}
	}
	if _, err := a.Sym("nt_noop"); err == nil {
		t.Fatal("Sym on a closed Library succeeded")
	}
	// b still holds the library: one dlclose ran, not sixteen.
	if !mapped(t, path) {
		t.Fatal("the library was unloaded while another handle still held it: dlclose ran more than once")
	}
	s, err := b.Sym("nt_noop")
	if err != nil {
		t.Fatal(err)
	}
	noop, err := ffi.Func1[int32, int32](s)
	if err != nil {
		t.Fatal(err)
	}
	if got := noop(41); got != 42 {
		t.Fatalf("nt_noop(41) = %d", got)
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	if mapped(t, path) {
		t.Fatal("the library is still loaded after its last handle closed")
	}
}

func TestNamesWithNUL(t *testing.T) {
	if _, err := ffi.Dlopen("libc.so.6\x00.other", ffi.RTLD_NOW); err == nil || !strings.Contains(err.Error(), "NUL") {
		t.Fatalf("Dlopen of a name with NUL: err = %v, want an error about the NUL", err)
	}
	libc, err := ffi.Dlopen("libc.so.6", ffi.RTLD_NOW)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := libc.Sym("strlen\x00junk"); err == nil || !strings.Contains(err.Error(), "NUL") {
		t.Fatalf("Sym of a name with NUL: err = %v, want an error about the NUL", err)
	}
}

func TestCallRejectsOutOfRange(t *testing.T) {
	sym := clibSym(t, "nt_identity_i32")
	bind := func(k ffi.Kind) *ffi.Func {
		f, err := sym.Bind(ffi.Signature{Return: ffi.Int32, Params: []ffi.Kind{k}})
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	for _, c := range []struct {
		kind ffi.Kind
		arg  any
	}{
		{ffi.Int32, int64(4294967301)},
		{ffi.Int32, uint32(1 << 31)},
		{ffi.Uint8, 300},
		{ffi.Uint8, -1},
		{ffi.Int8, 128},
		{ffi.Int8, int16(-129)},
		{ffi.Uint32, int64(-1)},
		{ffi.Uint16, uint64(1 << 16)},
		{ffi.Int64, uint64(1 << 63)},
		{ffi.Uint64, -5},
		{ffi.Bool, 2},
		{ffi.Float32, 1e40},
	} {
		_, err := bind(c.kind).Call(c.arg)
		if err == nil || !strings.Contains(err.Error(), "argument 0") || !strings.Contains(err.Error(), "out of range") {
			t.Errorf("%T %v as %v: err = %v, want an out-of-range error naming argument 0", c.arg, c.arg, c.kind, err)
		}
	}
	// The edges of each range are accepted and arrive intact.
	for _, c := range []struct {
		kind ffi.Kind
		arg  any
		want int32
	}{
		{ffi.Int32, int64(-2147483648), -2147483648},
		{ffi.Int8, -128, -128},
		{ffi.Uint8, uint64(255), 255},
		{ffi.Uint16, 65535, 65535},
		{ffi.Bool, true, 1},
		{ffi.Bool, 1, 1},
	} {
		r, err := bind(c.kind).Call(c.arg)
		if err != nil || r.(int32) != c.want {
			t.Errorf("%T %v as %v: got %v, %v; want %d", c.arg, c.arg, c.kind, r, err, c.want)
		}
	}
}

// boolByte is the byte that holds b: a Go bool must hold 0 or 1.
func boolByte(b bool) uint8 { return *(*uint8)(unsafe.Pointer(&b)) }

func TestBoolResultsAreNormalised(t *testing.T) {
	sym := clibSym(t, "nt_identity_i32")
	typed, err := ffi.Func1[bool, int32](sym)
	if err != nil {
		t.Fatal(err)
	}
	dyn, err := sym.Bind(ffi.Signature{Return: ffi.Bool, Params: []ffi.Kind{ffi.Int32}})
	if err != nil {
		t.Fatal(err)
	}
	// C's _Bool is its low byte: 2 is true, 256 is false.
	for _, c := range []struct {
		in   int32
		want bool
	}{{0, false}, {1, true}, {2, true}, {0x7f01, true}, {256, false}} {
		r := typed(c.in)
		if r != c.want || boolByte(r) != boolByte(c.want) {
			t.Errorf("typed: C returned %#x: got bool byte %d, want %v", c.in, boolByte(r), c.want)
		}
		d, err := dyn.Call(c.in)
		if err != nil {
			t.Fatal(err)
		}
		if db := d.(bool); db != c.want || boolByte(db) != boolByte(c.want) {
			t.Errorf("dynamic: C returned %#x: got bool byte %d, want %v", c.in, boolByte(db), c.want)
		}
	}
	// A callback's bool parameter: nt_call_u16 passes 65000 (low byte 0xe8).
	var got bool
	cb, err := ffi.Callback1(func(b bool) uint16 { got = b; return 0 })
	if err != nil {
		t.Fatal(err)
	}
	defer cb.Free()
	call, err := ffi.Func1[int32, uintptr](clibSym(t, "nt_call_u16"))
	if err != nil {
		t.Fatal(err)
	}
	call(cb.Ptr())
	if !got || boolByte(got) != 1 {
		t.Fatalf("callback bool parameter from C's 65000: byte %d, want true (1)", boolByte(got))
	}
}

func TestCaptureErrno(t *testing.T) {
	libc, err := ffi.Dlopen("libc.so.6", ffi.RTLD_NOW)
	if err != nil {
		t.Fatal(err)
	}
	closeSym, err := libc.Sym("close")
	if err != nil {
		t.Fatal(err)
	}
	closeFd, err := ffi.Func1[int32, int32](closeSym)
	if err != nil {
		t.Fatal(err)
	}
	accessSym, err := libc.Sym("access")
	if err != nil {
		t.Fatal(err)
	}
	access, err := ffi.Func2[int32, unsafe.Pointer, int32](accessSym)
	if err != nil {
		t.Fatal(err)
	}
	missing := cstr("/nonexistent/nocgo")
	// Many goroutines, each wanting its own errno, while the scheduler
	// moves them between threads: each must see the errno of its call.
	var wg sync.WaitGroup
	fails := make(chan string, 64)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				var r int32
				var err error
				want := syscall.EBADF
				if (g+i)%2 == 0 {
					err = ffi.CaptureErrno(func() { r = closeFd(-1) })
				} else {
					want = syscall.ENOENT
					err = ffi.CaptureErrno(func() { r = access(missing, 0) })
				}
				if r != -1 || !errors.Is(err, want) {
					fails <- fmt.Sprintf("goroutine %d call %d: r = %d, err = %v, want -1, %v", g, i, r, err, want)
					return
				}
				runtime.Gosched()
			}
		}()
	}
	wg.Wait()
	close(fails)
	for f := range fails {
		t.Error(f)
	}
	// errno is cleared first: a call that succeeds reports nil even
	// right after one that failed on the same thread.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	closeFd(-1)
	if err := ffi.CaptureErrno(func() { access(cstr("/"), 0) }); err != nil {
		t.Fatalf("errno of a successful call: %v, want nil", err)
	}
}

// Every callback slot's entry point is reachable from C and runs its own
// callback: the entries are one block of fixed-stride code, so a wrong
// stride would send C into the middle of another entry.
func TestEveryCallbackSlotReachable(t *testing.T) {
	var cbs []*ffi.Callback
	defer func() {
		for _, cb := range cbs {
			cb.Free()
		}
	}()
	for ffi.LiveCallbacks() < ffi.CallbackSlots {
		id := int32(len(cbs))
		cb, err := ffi.Callback1(func(x int32) int32 { return id*10 + x })
		if err != nil {
			t.Fatal(err)
		}
		cbs = append(cbs, cb)
	}
	call, err := ffi.Func2[int32, uintptr, int32](clibSym(t, "nt_call_noop"))
	if err != nil {
		t.Fatal(err)
	}
	seen := map[uintptr]bool{}
	for i, cb := range cbs {
		if seen[cb.Ptr()] {
			t.Fatalf("callback %d shares the C pointer %#x", i, cb.Ptr())
		}
		seen[cb.Ptr()] = true
		// nt_call_noop(f, 2) = f(0) + f(1)
		if got, want := call(cb.Ptr(), 2), int32(i)*20+1; got != want {
			t.Fatalf("callback %d (C pointer %#x): got %d, want %d", i, cb.Ptr(), got, want)
		}
	}
	t.Logf("%d callbacks made and called through C, %d slots in all", len(cbs), ffi.CallbackSlots)
}
