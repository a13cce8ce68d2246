package ffi

import "math"

// System V i386 ABI (linux/386), Intel386 psABI version 1.1, section
// 2.2.3 "Parameter Passing and Returning Values":
//   - no argument registers: every argument is on the stack, in order,
//     lowest address first, starting at 4(SP) on entry;
//   - each argument takes whole 4-byte words with no padding between
//     them: int8..int32, uintptr, pointers and float32 one word, int64,
//     uint64 and float64 two words (the low word first, at the lower
//     address), with no 8-byte alignment of the pair;
//   - results in AX, 64-bit integers in DX:AX (high:low), and float32 and
//     float64 on top of the x87 register stack, st(0), where the caller
//     must pop them.
// Integer arguments narrower than 32 bits are passed extended to 32 bits
// (raw values are already extended to 64); narrow ones received from C
// are truncated to their kind (normalize), as C callers need not extend.

const (
	numGPR = 0
	numFPR = 0
	numFHI = 0 // FP result registers after the first (fhi)
)

// Structs by value (same section; gcc's default on Linux,
// -fpcc-struct-return):
//   - a struct argument is copied onto the stack like the scalars, its
//     size rounded up to whole 4-byte words, with no extra alignment (no
//     member is aligned beyond 4 bytes in an i386 struct: long long and
//     double are 4-byte aligned there, see scalarAlign);
//   - EVERY struct result, whatever its size, is returned in memory the
//     caller provides: its address is pushed as a hidden first argument,
//     at 4(SP) on entry, and the callee pops it on return (ret $4) and
//     leaves it in EAX. The call path restores SP from its frame pointer,
//     so the pop needs no care there.

const structsSupported = true

func layout(p *plan, params []Kind) error {
	if p.ret.IsAggregate() {
		p.retHidden, p.retOff = true, p.alloc(p.ret.Size())
		p.hidden = loc{where: onStack, idx: 0}
		p.nstack = 1
	}
	for _, k := range params {
		if k.IsAggregate() {
			p.params = append(p.params, p.inParts(k, p.stackParts(k.Size())))
			continue
		}
		l := loc{kind: k, where: onStack, idx: uint8(p.nstack)}
		p.nstack++
		if k.size() == 8 {
			l.where = onStackPair // int64, uint64, float64: two words, low first
			p.nstack++
		}
		p.params = append(p.params, l)
	}
	// A floating-point result arrives in st(0): the call path pops it
	// into f0 as a float64, and a callback's entry pushes f0. An integer
	// result leaves the x87 stack empty, so the flag must be clear then.
	p.flags = flagResultInt
	if p.ret.isFloat() {
		p.flags = flagResultFloat64
	}
	return nil
}

// gprImage is how a raw integer value sits in a stack word: the low 32
// bits of the raw value, which is already extended.
func gprImage(k Kind, v uint64) uint64 { return v }

// fprImage is how a raw float value travels through st(0) between Go and
// the assembly: always as a float64 (the assembly loads and stores st(0)
// as a double), so a float32 is widened, exactly.
func fprImage(k Kind, v uint64) uint64 {
	if k == Float32 {
		return math.Float64bits(float64(math.Float32frombits(uint32(v))))
	}
	return v
}

// fprValue turns the float64 stored from st(0) back into a raw value,
// rounding it to float32 for a float32 result.
func fprValue(k Kind, img uint64) uint64 {
	if k == Float32 {
		return uint64(math.Float32bits(float32(math.Float64frombits(img))))
	}
	return img
}
