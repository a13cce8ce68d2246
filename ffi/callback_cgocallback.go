//go:build !(linux && nocgo_handoff)

// The default way C calls enter Go: crosscall2 -> runtime.cgocallback ->
// callbackDispatch, on the C caller's own thread (see handoff_linux.go for
// the alternative under the nocgo_handoff build tag).

package ffi

import "unsafe"

// crosscall2Target is the entry PC of callbackDispatch with Go's internal
// ABI, as runtime.cgocallback expects it.
func crosscall2Target() uintptr { return funcPC(callbackDispatch) }

// handoffMode: callbacks run on the C caller's thread, not a server's.
const handoffMode = false

// handoffServers is the number of handoff server goroutines: none here.
func handoffServers() int { return 0 }

// startCallbackServers has nothing to start: C callers run callbacks on
// their own threads.
func startCallbackServers() {}

func funcPC(f func(unsafe.Pointer)) uintptr {
	// A func value points to a closure whose first word is the code
	// pointer.
	return **(**uintptr)(unsafe.Pointer(&f))
}
