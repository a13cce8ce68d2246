package fakecgo_test

import (
	"bytes"
	"os"
	"runtime"
	"syscall"
	"testing"
	"time"
)

// A thread that cannot be started ends the process with the reason, as
// runtime/cgo's "pthread_create failed: Resource temporarily
// unavailable". The child makes pthread_create fail for real: it lowers
// RLIMIT_NPROC to one thread, becomes nobody (root is not limited), and
// asks for more threads.
func TestThreadStartErrorText(t *testing.T) {
	if inChild("threadfail") {
		threadFailChild(t)
		return
	}
	if os.Geteuid() != 0 {
		t.Skip("making pthread_create fail needs root (RLIMIT_NPROC binds non-root users)")
	}
	out, err := runChild(t, "TestThreadStartErrorText", "threadfail")
	if err == nil {
		t.Fatal("the child ran to the end: starting a thread did not fail")
	}
	const want = "fakecgo: _cgo_thread_start: pthread_create failed: Resource temporarily unavailable\n"
	if !bytes.Contains(out, []byte(want)) {
		t.Fatalf("the child's output lacks %q", want)
	}
}

func threadFailChild(t *testing.T) {
	const rlimitNproc = 6 // RLIMIT_NPROC on every supported linux GOARCH
	if err := syscall.Setrlimit(rlimitNproc, &syscall.Rlimit{Cur: 1, Max: 1}); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Setgid(65534); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Setuid(65534); err != nil {
		t.Fatal(err)
	}
	// Each goroutine locked to a thread needs an M of its own.
	for range 64 {
		go func() {
			runtime.LockOSThread()
			select {}
		}()
	}
	time.Sleep(time.Minute)
	t.Fatal("64 threads started with RLIMIT_NPROC = 1")
}
