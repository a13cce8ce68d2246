package ffi

import "math"

// 64-bit ELF V2 ABI for the Power Architecture (OpenPOWER "64-Bit ELF V2
// ABI Specification", version 1.5, section 2.2.3 "Function Calling
// Sequence"), as used by C on linux/ppc64le:
//   - every argument is assigned the next doubleword of the parameter
//     save area, whether or not it travels in a register; the first 8
//     doublewords correspond to r3-r10;
//   - float32/float64 arguments go in f1-f13 in order, but still use up
//     their doubleword, and with it the GPR of that doubleword: in
//     f(double, long) the long is in r4, not r3;
//   - an integer argument goes in the GPR of its doubleword; one whose
//     doubleword is 9th or later goes in memory, as does a float after
//     f13 (a float can then never fall on a GPR doubleword: 13 floats
//     before it have used up the first 8);
//   - floats are held in FP registers in double precision: a float32
//     argument or result is converted to double in the register, but in
//     memory it is single precision in the first 4 bytes of its
//     doubleword;
//   - results in r3 (integers) or f1 (floats);
//   - a variadic callee reads its variable arguments from the parameter
//     save area doublewords, those of r3-r10 once it has spilled them
//     there, and a C caller passes variadic floats only in their GPR or
//     memory doubleword, as doubles. So every call stores each FPR argument's
//     image in its doubleword too (nocgo_ffi_call; flags says which),
//     which a prototyped callee ignores: printf("%g", x) works, with x
//     passed as Float64 (or Float32: the image is a double either way).
// Integer arguments and results narrower than 64 bits are extended to 64
// bits by the producer (sign or zero by type); raw values already are.

const (
	numGPR = 8
	numFPR = 13
)

// gprWords is how many parameter save area doublewords the GPRs carry.
const gprWords = numGPR

// flags, for nocgo_ffi_call: bits 0-3 the number of FPR arguments, then 4
// bits per FPR argument (f1 first), the doubleword it also goes to.
const (
	flagsFPRBits = 4
	_            = uint(1<<flagsFPRBits - MaxArgs) // every doubleword index fits
	_            = uint(64 - flagsFPRBits*(1+numFPR))
)

// structsSupported: not yet on this arch; planFor rejects structs.
const structsSupported = false

func layout(p *plan, params []Kind) error {
	var nfpr uint8
	for slot, k := range params {
		l := loc{kind: k}
		switch {
		case k.isFloat() && nfpr < numFPR:
			l.where, l.idx = inFPR, nfpr
			nfpr++
			p.flags |= uintptr(slot) << (flagsFPRBits * nfpr)
		case slot < gprWords:
			l.where, l.idx = inGPR, uint8(slot)
		default:
			l.where, l.idx = onStack, uint8(slot-gprWords)
		}
		p.params = append(p.params, l)
	}
	// stack[i] is doubleword gprWords+i of the parameter save area; those
	// of FPR arguments get their images from nocgo_ffi_call.
	p.nstack = max(0, len(params)-gprWords)
	p.flags |= uintptr(nfpr)
	return nil
}

// gprImage is how a raw value sits in a GPR or a parameter save area
// doubleword: integers extended to 64 bits (as raw values are), a float32
// in memory in its first (little-endian: low) 4 bytes.
func gprImage(k Kind, v uint64) uint64 { return v }

// fprImage is how a raw float value sits in an FP register: always in
// double precision.
func fprImage(k Kind, v uint64) uint64 {
	if k == Float32 {
		return math.Float64bits(float64(math.Float32frombits(uint32(v))))
	}
	return v
}

// fprValue turns an FP register image back into a raw value.
func fprValue(k Kind, img uint64) uint64 {
	if k == Float32 {
		return uint64(math.Float32bits(float32(math.Float64frombits(img))))
	}
	return img
}
