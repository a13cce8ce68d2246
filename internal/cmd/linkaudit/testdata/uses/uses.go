// Package uses is linkaudit's test input: one assembly reference to
// runtime·cgocallback and one Go linkname pull of runtime.cgocall.
package uses

import "unsafe"

// Probe calls runtime·cgocallback (never run: the test only reads the object).
func Probe()

//go:linkname cgocall runtime.cgocall
func cgocall(fn, arg unsafe.Pointer) int32

// Keep makes the pull a real reference.
var Keep = cgocall
