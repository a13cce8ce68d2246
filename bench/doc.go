// Package bench compares the cost of a C call and of a C-to-Go callback
// through rules_nocgo's ffi, through cgo, and through purego. Each lives
// in its own test binary (cgo needs CGO_ENABLED=1; purego ships its own
// fakecgo, which cannot share a binary with ours); tools/bench runs the
// three with the same flags in one go and prints the ratios. Package nocgo
// is built twice: as is, and with -tags nocgo_handoff, whose callbacks
// are handed to a Go-owned thread (ffi's doc: "Handoff mode"), so the
// table shows the handoff cost per callback next to the default path.
//
// All three call the same C functions: nt_noop (return x+1) and
// nt_call_noop (call f n times), from ffi/testdata/nocgotest.c.
package bench
