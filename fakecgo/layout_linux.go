//go:build !cgo && (amd64 || 386 || arm || arm64 || loong64 || ppc64le || riscv64 || s390x)

package fakecgo

// glibc object sizes, rounded up to cover every supported GOARCH. The
// memory is only ever handed to libc, never read by Go.
type (
	pthreadAttr [64]byte  // pthread_attr_t: 56 bytes on 64-bit, 36 on 32-bit
	sigset      [128]byte // sigset_t: 1024 bits
)

// cTimespec is laid out as struct timespec on this GOARCH: time_t and long
// are both word-sized on glibc (32-bit ABIs without _TIME_BITS=64).
type cTimespec struct{ sec, nsec uintptr }

// gStack mirrors the first field of runtime.g, its stack bounds. The
// runtime documents the offset as known to runtime/cgo (G in libcgo.h);
// _cgo_init and thread start write these two words, nothing else of g.
type gStack struct{ lo, hi uintptr }

// threadStart mirrors runtime.cgothreadstart, the argument of
// _cgo_thread_start: the new M's g0, its TLS slot and the function
// (runtime.mstart) the new thread must run once g0 is installed.
type threadStart struct {
	g   uintptr
	tls uintptr
	fn  uintptr
}

const (
	sigSetmask = 2  // SIG_SETMASK on every linux GOARCH
	eagain     = 11 // EAGAIN on every linux GOARCH
)
