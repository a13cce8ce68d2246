package ffi

import (
	"runtime"
	"sync"
	"unsafe"
)

// maxStackWords bounds the words of arguments passed on the stack:
// on 386 every argument is there, 64-bit ones in two words, and structs
// passed on the stack take their size in words (MaxArgs structs of
// MaxStructSize bytes do not fit: planFor says so).
const maxStackWords = 64

const wordSize = unsafe.Sizeof(uintptr(0))

// bigEndian: the machine stores a word's most significant byte first
// (s390x, of the platforms ffi supports).
const bigEndian = runtime.GOARCH == "s390x"

// callFrame is everything the assembly call path (nocgo_ffi_call in
// asm_GOARCH.s) needs to call a C function: it loads every argument
// register from gpr and fpr, copies stack[:nstack] to the bottom of the
// outgoing argument area, reads res, calls fn, and stores the result
// registers to *res. Field offsets reach the assembly through go_asm.h.
//
// A callFrame lives on the calling goroutine's stack, which may move if C
// calls back into Go during the call: so the assembly reads nothing from
// it after the call, and the results go to res, which is never on a
// goroutine stack.
type callFrame struct {
	fn     uintptr
	nstack uintptr     // words of stack used
	flags  uintptr     // per-arch: amd64 the vector register count for AL, 386 the result kind
	res    *callResult // where the result registers are stored
	ind    uintptr     // arm64: the indirect result location register, x8
	gpr    [numGPR]uintptr
	fpr    [numFPR]uint64
	stack  [maxStackWords]uintptr // last, so that a regFrame can stand in
}

// regFrame is a callFrame without the stack words, for the common calls
// whose arguments all travel in registers (nstack == 0): the frame is a
// third of the size, and zeroing it on every call is what it costs. The
// fields must match callFrame's, in order; TestRegFrameLayout checks it.
type regFrame struct {
	fn     uintptr
	nstack uintptr
	flags  uintptr
	res    *callResult
	ind    uintptr
	gpr    [numGPR]uintptr
	fpr    [numFPR]uint64
}

// frame gives the regFrame to code that takes a *callFrame; that code
// never touches stack when the plan's nstack is 0.
func (r *regFrame) frame() *callFrame { return (*callFrame)(unsafe.Pointer(r)) }

// callResult receives a call's result registers.
type callResult struct {
	r0, r1 uintptr // integer result registers (r1: high word of a 64-bit result on 32-bit arches)
	f0     uint64  // floating-point result register, as stored by the hardware
	// fhi: the next FP result registers, which carry the members of a
	// homogeneous floating-point struct result (amd64 xmm1, arm d1-d3,
	// arm64 v1-v3, ppc64le f2-f8, riscv64 fa1, loong64 f1).
	fhi [numFHI]uint64
}

// Results that fit in 32 bits come back as the return value of
// runtime.cgocall (the C result register's low half), and the stores go
// to resultSink, which nobody reads. Other results need a callResult of
// their own for the duration of the call.
var (
	resultSink callResult
	results    = sync.Pool{New: func() any { return new(callResult) }}
)

// cbFrame is what a callback entry (nocgo_callback_common in
// asm_GOARCH.s) builds on the C stack before it enters Go through
// crosscall2: the argument registers as received, where the caller's
// stack arguments begin, and room for the result.
type cbFrame struct {
	index  uintptr // what the entry point left: the slot number (arm: the entry's address + 8)
	stack  uintptr // address of the first stack-passed argument
	flags  uintptr // per-arch: 386 the result kind
	r0, r1 uintptr
	f0     uint64
	fhi    [numFHI]uint64 // as in callResult
	ind    uintptr        // arm64: x8 as received, where a struct result goes
	gpr    [numGPR]uintptr
	fpr    [numFPR]uint64
}

// Result kinds for the flags word on 386, where a floating-point result
// travels on the x87 stack and must be pushed or popped by the assembly.
const (
	flagResultInt     = 0
	flagResultFloat64 = 1 // f0 holds a float64; 386 pushes/pops st(0) as double
	flagResultStruct  = 2 // 386 callback: a struct result in memory; pop its hidden pointer on return
)
