package ffi

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
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

// Library is a shared object loaded with Dlopen. Its methods are safe to
// call from many goroutines at once.
type Library struct {
	name   string
	mu     sync.RWMutex // Close holds it for writing, Sym for reading
	handle uintptr      // 0 once closed
}

var errClosed = errors.New("ffi: Sym on a closed or nil Library")

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
		var err error
		if buf, err = cString(path); err != nil {
			return nil, fmt.Errorf("ffi: dlopen: library path %w", err)
		}
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
	if l == nil {
		return 0, errClosed
	}
	buf, err := cString(name)
	if err != nil {
		return 0, fmt.Errorf("ffi: symbol name %w", err)
	}
	l.mu.RLock()
	defer l.mu.RUnlock()
	if l.handle == 0 {
		return 0, errClosed
	}
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
// afterwards. Closing a closed Library does nothing and returns nil; of
// many concurrent calls, one calls dlclose.
func (l *Library) Close() error {
	if l == nil {
		return errors.New("ffi: Close on a nil Library")
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.handle == 0 {
		return nil
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

func dlerror() string {
	p := callRaw(dlPlans.error, dlerrorAddr())
	if p == 0 {
		return ""
	}
	return goString(uintptr(p))
}

// cString copies s into a NUL-terminated buffer for C. A NUL inside s is
// an error: C would see only the part before it.
func cString(s string) ([]byte, error) {
	if i := strings.IndexByte(s, 0); i >= 0 {
		return nil, fmt.Errorf("%q holds a NUL byte at offset %d", s, i)
	}
	b := make([]byte, len(s)+1)
	copy(b, s)
	return b, nil
}
