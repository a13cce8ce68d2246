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
	numFHI = 7 // FP result registers after the first (fhi)
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

// Structs by value (same section, "Parameter Passing in Registers" and
// "Return Values"):
//   - a struct takes as many consecutive doublewords as its size rounded
//     up to 8 bytes, and its memory image goes in them: in the GPRs of
//     doublewords 0-7 and in memory from doubleword 8 on, so a struct may
//     be split between the last GPRs and memory;
//   - a homogeneous floating-point aggregate (1 to 8 members, all float
//     or all double, nested structs and arrays flattened) that is not a
//     variable argument has its members passed in the next FPRs instead,
//     one member each and a float converted to double precision; members
//     that find no FPR left are passed in their doublewords (a prototyped
//     callee ignores the doublewords of members in FPRs: a homogeneous
//     variable argument is passed as its image, like other structs);
//   - results: a homogeneous aggregate in f1-f8 (float members in double
//     precision); any other struct of at most 16 bytes in r3, r4 (its
//     memory image); larger ones in memory the caller provides, its address
//     passed in r3 as the first argument (doubleword 0).
// With structs in a signature the doubleword numbers can exceed what the
// flags' 4-bit fields hold, so the FPR arguments' double images are
// mirrored into their doublewords by plan.putMirror instead of the
// assembly.

const structsSupported = true

func layout(p *plan, params []Kind) error {
	var nfpr uint8
	dw := 0 // next doubleword of the parameter save area
	if ra := p.ret.aggregate(); ra != nil {
		switch {
		case hfaParts(ra, 0) != nil:
			p.retParts = hfaParts(ra, 0)
		case ra.size <= 16:
			p.retParts = gprParts(ra.size, 0)
		default:
			p.retHidden, p.retOff = true, p.alloc(ra.size)
			p.hidden = loc{where: inGPR, idx: 0}
			dw = 1
		}
	}
	for i, k := range params {
		if a := k.aggregate(); a != nil {
			// The doublewords that carry part of the struct: all of
			// them, or for a homogeneous aggregate those of the members
			// that find no FPR (which then come after the words, so
			// that a callback reads them over the words' bytes).
			var fprs []part
			carry := ^uint32(0)
			if hfa := hfaParts(a, nfpr); hfa != nil && !(p.variadic && i >= p.numFixed) {
				carry = 0
				for _, pt := range hfa {
					if nfpr < numFPR {
						fprs = append(fprs, pt)
						nfpr++
					} else {
						carry |= 1 << (pt.off / 8)
					}
				}
			}
			var parts []part
			for off := uintptr(0); off < a.size; off += 8 {
				pt := part{off: uint16(off), size: uint8(min(8, a.size-off)), where: inGPR, idx: uint8(dw)}
				if dw >= gprWords {
					pt.where, pt.idx = onStack, uint8(dw-gprWords)
				}
				if carry&(1<<(off/8)) != 0 {
					parts = append(parts, pt)
				}
				dw++
			}
			p.params = append(p.params, p.inParts(k, append(parts, fprs...)))
			continue
		}
		l := loc{kind: k}
		switch {
		case k.isFloat() && nfpr < numFPR:
			l.where, l.idx = inFPR, nfpr
			nfpr++
			p.mirror = append(p.mirror, uint8(dw))
		case dw < gprWords:
			l.where, l.idx = inGPR, uint8(dw)
		default:
			l.where, l.idx = onStack, uint8(dw-gprWords)
		}
		p.params = append(p.params, l)
		dw++
	}
	// stack[i] is doubleword gprWords+i of the parameter save area; those
	// of FPR arguments get their images from nocgo_ffi_call.
	p.nstack = max(0, dw-gprWords)
	if !p.agg {
		for j, d := range p.mirror {
			p.flags |= uintptr(d) << (flagsFPRBits * (j + 1))
		}
		p.flags |= uintptr(len(p.mirror))
		p.mirror = nil
	}
	return nil
}

// hfaParts is a homogeneous aggregate's members as FPRs from first, or nil
// if a is not one.
func hfaParts(a *aggregate, first uint8) []part {
	k, n := a.homogeneous()
	if n == 0 || n > 8 {
		return nil
	}
	parts := make([]part, n)
	for j, l := range a.leaves {
		parts[j] = part{off: uint16(l.off), size: uint8(k.size()), kind: k, where: inFPR, idx: first + uint8(j)}
	}
	return parts
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
