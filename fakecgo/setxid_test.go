package fakecgo_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
	"unsafe"

	"github.com/nocgo/rules_nocgo/ffi"
)

// syscall.Set*id go through libc (fakecgo's syscall.cgo_libc_set*id
// entries), and glibc applies the change to every thread: Go threads
// locked to goroutines, C threads running Go callbacks, C threads blocked
// in C, the runtime's own. Each call is checked on every thread of the
// process through /proc/self/task/*/status. It runs in a child, which
// ends as nobody.
func TestSetxidAllThreads(t *testing.T) {
	if inChild("setxid") {
		setxidChild(t)
		return
	}
	if os.Geteuid() != 0 {
		t.Skip("changing credentials needs root")
	}
	out, err := runChild(t, "TestSetxidAllThreads", "setxid")
	if err != nil {
		t.Fatalf("child failed: %v", err)
	}
	if !bytes.Contains(out, []byte("--- PASS: TestSetxidAllThreads")) || !bytes.Contains(out, []byte("setxid: checked")) {
		t.Fatal("the child did not run the credential checks")
	}
}

// creds are the credential lines of one thread's status file.
type creds struct {
	uid, gid [4]int // real, effective, saved, filesystem
	groups   []int
}

func (c creds) String() string {
	return fmt.Sprintf("Uid %v Gid %v Groups %v", c.uid, c.gid, c.groups)
}

func setxidChild(t *testing.T) {
	threads := startThreads(t)
	var emulatorThreads map[string]bool
	if emulated(t) {
		emulatorThreads = findEmulatorThreads(t)
		if len(emulatorThreads) > 1 {
			t.Fatalf("%d threads look like qemu's own (%v); qemu 10 has one", len(emulatorThreads), emulatorThreads)
		}
	}
	// The -1 of setres*id/setre*id keeps a value; syscall passes it as
	// uintptr(-1), the fakecgo entry narrows it to a C uid_t.
	steps := []struct {
		name string
		call func() error
		want creds
	}{
		{"Setgroups", func() error { return syscall.Setgroups([]int{12345, 23456}) },
			creds{[4]int{0, 0, 0, 0}, [4]int{0, 0, 0, 0}, []int{12345, 23456}}},
		{"Setregid", func() error { return syscall.Setregid(1001, 1002) },
			creds{[4]int{0, 0, 0, 0}, [4]int{1001, 1002, 1002, 1002}, []int{12345, 23456}}},
		{"Setresgid", func() error { return syscall.Setresgid(2001, -1, 2003) },
			creds{[4]int{0, 0, 0, 0}, [4]int{2001, 1002, 2003, 1002}, []int{12345, 23456}}},
		{"Setegid", func() error { return syscall.Setegid(3002) },
			creds{[4]int{0, 0, 0, 0}, [4]int{2001, 3002, 2003, 3002}, []int{12345, 23456}}},
		{"Setgid", func() error { return syscall.Setgid(65534) },
			creds{[4]int{0, 0, 0, 0}, [4]int{65534, 65534, 65534, 65534}, []int{12345, 23456}}},
		{"Setgroups(nil)", func() error { return syscall.Setgroups(nil) },
			creds{[4]int{0, 0, 0, 0}, [4]int{65534, 65534, 65534, 65534}, nil}},
		{"Seteuid", func() error { return syscall.Seteuid(3002) },
			creds{[4]int{0, 3002, 0, 3002}, [4]int{65534, 65534, 65534, 65534}, nil}},
		{"Setresuid", func() error { return syscall.Setresuid(-1, 0, -1) }, // back to root: 0 is the saved uid
			creds{[4]int{0, 0, 0, 0}, [4]int{65534, 65534, 65534, 65534}, nil}},
		{"Setreuid", func() error { return syscall.Setreuid(2001, 2002) },
			creds{[4]int{2001, 2002, 2002, 2002}, [4]int{65534, 65534, 65534, 65534}, nil}},
		{"Setuid", func() error { return syscall.Setuid(2001) }, // unprivileged now: sets only the effective uid
			creds{[4]int{2001, 2001, 2002, 2001}, [4]int{65534, 65534, 65534, 65534}, nil}},
	}
	checked := 0
	for _, s := range steps {
		if err := s.call(); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		n := checkAllThreads(t, s.name, s.want, emulatorThreads)
		if n < threads {
			t.Fatalf("%s: checked %d threads, want at least the %d this test started", s.name, n, threads)
		}
		checked += n
	}
	// libc's errors come back as an Errno: errno, read on the thread that
	// made the call.
	if err := syscall.Setuid(0); !errors.Is(err, syscall.EPERM) {
		t.Fatalf("Setuid(0) as uid 2001 = %v, want EPERM", err)
	}
	if err := syscall.Setgroups([]int{1}); !errors.Is(err, syscall.EPERM) {
		t.Fatalf("Setgroups as uid 2001 = %v, want EPERM", err)
	}
	t.Logf("setxid: checked %d thread states over %d changes (%d threads started by the test; emulator threads skipped: %v)",
		checked, len(steps), threads, emulatorThreads)
}

// checkAllThreads compares every thread's credentials with want, but
// those in skip, and returns how many threads it checked.
func checkAllThreads(t *testing.T, step string, want creds, skip map[string]bool) (checked int) {
	t.Helper()
	tasks, err := os.ReadDir("/proc/self/task")
	if err != nil {
		t.Fatal(err)
	}
	for _, task := range tasks {
		if skip[task.Name()] {
			continue
		}
		got, _, err := threadStatus(task.Name())
		if errors.Is(err, os.ErrNotExist) {
			continue // the thread exited
		}
		if err != nil {
			t.Fatalf("thread %s: %v", task.Name(), err)
		}
		checked++
		if got.uid != want.uid || got.gid != want.gid || !slices.Equal(got.groups, want.groups) {
			t.Errorf("after %s, thread %s has %v, want %v", step, task.Name(), got, want)
		}
	}
	if t.Failed() {
		t.FailNow()
	}
	return checked
}

// findEmulatorThreads returns qemu-user's own threads (call_rcu), which
// the process holds besides the program's. qemu makes the guest's set*id
// calls with raw system calls on the calling thread only (glibc in the
// guest signals each guest thread to make its own), so those keep their
// credentials. qemu starts them with every host signal blocked but the
// synchronous ones, for good. A guest thread shows the same host mask
// only for a moment (while qemu queues a signal for it), so a thread
// counts as qemu's only if the mask stays through 10 looks 20 ms apart.
func findEmulatorThreads(t *testing.T) map[string]bool {
	t.Helper()
	const sigsegv, sigterm = 11, 15
	found := map[string]bool{}
	for look := 0; look < 10; look++ {
		tasks, err := os.ReadDir("/proc/self/task")
		if err != nil {
			t.Fatal(err)
		}
		now := map[string]bool{}
		for _, task := range tasks {
			_, blocked, err := threadStatus(task.Name())
			if err == nil && blocked&(1<<(sigterm-1)) != 0 && blocked&(1<<(sigsegv-1)) == 0 {
				now[task.Name()] = true
			}
		}
		if look == 0 {
			found = now
		}
		for tid := range found {
			if !now[tid] {
				delete(found, tid)
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	return found
}

// threadStatus reads the credentials and the blocked signals of a thread
// of this process.
func threadStatus(tid string) (creds, uint64, error) {
	b, err := os.ReadFile("/proc/self/task/" + tid + "/status")
	if err != nil {
		return creds{}, 0, err
	}
	return parseStatus(string(b))
}

func parseStatus(s string) (c creds, sigblk uint64, err error) {
	seen := 0
	for _, line := range strings.Split(s, "\n") {
		key, val, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		f := strings.Fields(val)
		switch key {
		case "Uid", "Gid":
			if len(f) != 4 {
				return c, 0, fmt.Errorf("bad %q", line)
			}
			dst := &c.uid
			if key == "Gid" {
				dst = &c.gid
			}
			for i := range f {
				if dst[i], err = strconv.Atoi(f[i]); err != nil {
					return c, 0, err
				}
			}
			seen++
		case "Groups":
			for _, g := range f {
				n, err := strconv.Atoi(g)
				if err != nil {
					return c, 0, err
				}
				c.groups = append(c.groups, n)
			}
			slices.Sort(c.groups)
			seen++
		case "SigBlk":
			if len(f) != 1 {
				return c, 0, fmt.Errorf("bad %q", line)
			}
			if sigblk, err = strconv.ParseUint(f[0], 16, 64); err != nil {
				return c, 0, err
			}
			seen++
		}
	}
	if seen != 4 {
		return c, 0, errors.New("missing Uid, Gid, Groups or SigBlk")
	}
	return c, sigblk, nil
}

// startThreads starts threads of every kind that must follow a credential
// change and returns how many threads the process has at least: Go
// threads locked to goroutines, C threads waiting inside a Go callback,
// C threads blocked in C (read on a pipe) called from a Go callback, and
// the main thread. They stay until the test ends.
func startThreads(t *testing.T) int {
	l := libc(t)
	bind := func(name string) ffi.Symbol {
		s, err := l.Sym(name)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	create, err := ffi.Func4[int32, unsafe.Pointer, uintptr, uintptr, uintptr](bind("pthread_create"))
	if err != nil {
		t.Fatal(err)
	}
	read, err := ffi.Func3[uintptr, int32, unsafe.Pointer, uintptr](bind("read"))
	if err != nil {
		t.Fatal(err)
	}
	var pipe [2]int
	if err := syscall.Pipe(pipe[:]); err != nil {
		t.Fatal(err)
	}

	const goThreads, cInGo, cInC = 8, 4, 2
	var ready sync.WaitGroup
	release := make(chan struct{})
	t.Cleanup(func() {
		close(release)
		syscall.Write(pipe[1], make([]byte, cInC))
	})
	for range goThreads {
		ready.Add(1)
		go func() {
			runtime.LockOSThread() // never unlocked: the thread ends with the goroutine
			ready.Done()
			<-release
		}()
	}
	inGo, err := ffi.Callback1(func(uintptr) uintptr {
		ready.Done()
		<-release
		return 0
	})
	if err != nil {
		t.Fatal(err)
	}
	inC, err := ffi.Callback1(func(uintptr) uintptr {
		ready.Done()
		var b [1]byte
		read(int32(pipe[0]), unsafe.Pointer(&b[0]), 1)
		return 0
	})
	if err != nil {
		t.Fatal(err)
	}
	for i := range cInGo + cInC {
		cb := inGo
		if i >= cInGo {
			cb = inC
		}
		ready.Add(1)
		var id uintptr
		if rc := create(unsafe.Pointer(&id), 0, cb.Ptr(), 0); rc != 0 {
			t.Fatalf("pthread_create: %d", rc)
		}
	}
	ready.Wait()
	return 1 + goThreads + cInGo + cInC
}
