package ffi

import (
	"errors"
	"fmt"
	"runtime"
	"unsafe"

	_ "github.com/nocgo/rules_nocgo/fakecgo" // runtime/cgo's work, without cgo
)

// Flags for Dlopen (glibc values, the same on every linux GOARCH).
const (
	RTLD_LAZY   = 0x1
	RTLD_NOW    = 0x2
	RTLD_GLOBAL = 0x100
	RTLD_LOCAL  = 0
)

// Library is a shared object loaded with Dlopen.
type Library struct {
	name   string
	handle uintptr
}

// Symbol is the address of a C function (or object) in memory.
type Symbol uintptr

// Dlopen loads the shared object at path (a file name is searched the way
// the dynamic linker searches, as dlopen(3) says). An empty path gives
// the main program and the libraries loaded with it. The error carries
// dlerror's text.
func Dlopen(path string, flags int) (*Library, error) {
	var cpath uintptr
	var buf []byte
	if path != "" {
		buf = cString(path)
		cpath = uintptr(unsafe.Pointer(&buf[0]))
	}
	// dlerror's state is per thread: stay on one until it is read.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	h := callRaw(dlPlans.open, dlopenAddr(), uint64(cpath), uint64(flags))
	runtime.KeepAlive(buf)
	if h == 0 {
		return nil, fmt.Errorf("ffi: dlopen %q: %s", path, dlerror())
	}
	return &Library{name: path, handle: uintptr(h)}, nil
}

// Sym looks up a symbol. The error carries dlerror's text.
func (l *Library) Sym(name string) (Symbol, error) {
	if l == nil || l.handle == 0 {
		return 0, errors.New("ffi: Sym on a closed or nil Library")
	}
	buf := cString(name)
	runtime.LockOSThread() // dlerror's state is per thread
	defer runtime.UnlockOSThread()
	callRaw(dlPlans.error, dlerrorAddr()) // clear a stale error
	s := callRaw(dlPlans.sym, dlsymAddr(), uint64(l.handle), uint64(uintptr(unsafe.Pointer(&buf[0]))))
	runtime.KeepAlive(buf)
	if s == 0 {
		msg := dlerror()
		if msg == "" {
			msg = "symbol is NULL"
		}
		return 0, fmt.Errorf("ffi: %s in %q: %s", name, l.name, msg)
	}
	return Symbol(s), nil
}

// Close unloads the library (dlclose). Symbols from it must not be used
// afterwards.
func (l *Library) Close() error {
	if l == nil || l.handle == 0 {
		return errors.New("ffi: Close on a closed or nil Library")
	}
	runtime.LockOSThread() // dlerror's state is per thread
	defer runtime.UnlockOSThread()
	if callRaw(dlPlans.close, dlcloseAddr(), uint64(l.handle)) != 0 {
		return fmt.Errorf("ffi: dlclose %q: %s", l.name, dlerror())
	}
	l.handle = 0
	return nil
}

var dlPlans = struct{ open, sym, close, error *plan }{
	open:  mustPlan(Pointer, Pointer, Int32),
	sym:   mustPlan(Pointer, Pointer, Pointer),
	close: mustPlan(Int32, Pointer),
	error: mustPlan(Pointer),
}

func mustPlan(ret Kind, params ...Kind) *plan {
	p, err := newPlan(ret, params)
	if err != nil {
		panic(err)
	}
	return p
}

// callRaw calls fn with raw arguments laid out by p.
func callRaw(p *plan, fn uintptr, args ...uint64) uint64 {
	var fr callFrame
	fr.fn = fn
	for i, a := range args {
		p.put(&fr, i, a)
	}
	return p.do(&fr)
}

func dlerror() string {
	p := callRaw(dlPlans.error, dlerrorAddr())
	if p == 0 {
		return ""
	}
	return goString(uintptr(p))
}

func cString(s string) []byte {
	b := make([]byte, len(s)+1)
	copy(b, s)
	return b
}

// goString copies the NUL-terminated C string at p.
func goString(p uintptr) string {
	s := cPointer(uint64(p))
	n := 0
	for *(*byte)(unsafe.Add(s, n)) != 0 {
		n++
	}
	return string(unsafe.Slice((*byte)(s), n))
}

// cPointer turns the address of C memory into a pointer.
func cPointer(v uint64) unsafe.Pointer {
	var p unsafe.Pointer
	storeRaw(unsafe.Pointer(&p), Pointer, v)
	return p
}
