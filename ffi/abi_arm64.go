package ffi

// AAPCS64 (Procedure Call Standard for the Arm 64-bit Architecture, Arm
// IHI 0055, section 6.8 "Parameter passing") as used on linux/arm64:
//   - integer and pointer arguments in R0-R7 (the NGRN counts them);
//   - float32/float64 arguments in V0-V7 (the NSRN counts them), as
//     S<n> (the low 32 bits) or D<n> (the low 64 bits);
//   - the two classes are counted separately: a float does not use up an
//     integer register, nor the other way round;
//   - the rest on the stack in order, lowest address first, from 0(RSP)
//     at the call; on Linux every such argument takes an 8-byte slot
//     (Apple packs them by size: not supported here), a float32 in the
//     low half;
//   - results in R0 (integers) or V0 (S0/D0);
//   - variadic arguments follow the same rules on Linux.
//
// Composite types (structs) by value, section 6.8.2 rules B.2-B.5, C.2-C.5,
// C.10-C.16, and 6.9 (results):
//   - a homogeneous floating-point aggregate (HFA: 1 to 4 members, all
//     float or all double, nested structs and arrays flattened) goes in
//     as many consecutive V registers as it has members, one member each
//     (S<n> or D<n>), if that many are free (C.2); otherwise NSRN is set
//     to 8 (C.3: no later float goes in a register either) and the HFA is
//     copied to the stack, its size rounded up to 8 bytes (C.4, C.5);
//   - any other composite larger than 16 bytes is copied to memory by the
//     caller and replaced by a pointer to the copy, an integer argument
//     (B.4);
//   - any other composite of at most 16 bytes takes its size rounded up to
//     8 bytes in consecutive X registers (low bytes first), if enough are
//     free (C.12); otherwise NGRN is set to 8 (C.13: no later integer goes
//     in a register) and it is copied to the stack (C.14-C.16): it is never
//     split between registers and stack;
//   - results: an HFA in V0-V3, a composite of at most 16 bytes in X0,X1,
//     anything else in memory the caller provides, its address passed in
//     X8 (the indirect result location register), which is not an
//     argument register: the parameters start at X0 as usual.
// The callee must not rely on the upper bits of an integer argument
// narrower than 64 bits (gcc and clang extend what they receive); raw
// values are extended to 64 bits anyway, which is also what a C caller
// of a callback may leave there: plan.arg truncates and re-extends.

const (
	numGPR = 8
	numFPR = 8
	numFHI = 3 // FP result registers after the first (fhi)
)

const structsSupported = true

func layout(p *plan, params []Kind) error {
	layoutRegFiles(p, params, regFiles{gprs: numGPR, fprs: numFPR, structResult: structResult, structArg: structArg})
	return nil
}

// hfaParts is an HFA's members as V registers from first, or nil if a is
// not an HFA.
func hfaParts(a *aggregate, first uint8) []part {
	k, n := a.homogeneous()
	if n == 0 || n > 4 {
		return nil
	}
	parts := make([]part, n)
	for j, l := range a.leaves {
		parts[j] = part{off: uint16(l.off), size: uint8(k.size()), kind: k, where: inFPR, idx: first + uint8(j)}
	}
	return parts
}

func structResult(p *plan, a *regAlloc) {
	agg := p.ret.aggregate()
	switch {
	case hfaParts(agg, 0) != nil:
		p.retParts = hfaParts(agg, 0)
	case agg.size <= 16:
		p.retParts = gprParts(agg.size, 0)
	default:
		p.retHidden, p.retOff = true, p.alloc(agg.size)
		p.hidden = loc{where: inInd}
	}
}

func structArg(p *plan, a *regAlloc, i int, k Kind) loc {
	agg := k.aggregate()
	if parts := hfaParts(agg, a.nfpr); parts != nil {
		if a.nfpr+uint8(len(parts)) <= numFPR {
			a.nfpr += uint8(len(parts))
			return p.inParts(k, parts)
		}
		a.nfpr = numFPR
		return p.inParts(k, p.stackParts(agg.size))
	}
	if agg.size > 16 {
		return p.refArg(a, k, numGPR)
	}
	words := uint8((agg.size + 7) / 8)
	if a.ngpr+words <= numGPR {
		parts := gprParts(agg.size, a.ngpr)
		a.ngpr += words
		return p.inParts(k, parts)
	}
	a.ngpr = numGPR
	return p.inParts(k, p.stackParts(agg.size))
}

// gprImage is how a raw integer value sits in a register or stack slot:
// as is (a stack slot holding a float32 has its bits in the low half,
// which is the lower address on little-endian arm64).
func gprImage(k Kind, v uint64) uint64 { return v }

// fprImage is how a raw float value sits in a D register: a float32 in
// the low 32 bits (S<n>); the upper bits are ignored by the callee.
func fprImage(k Kind, v uint64) uint64 { return v }

// fprValue turns a D register image back into a raw value.
func fprValue(k Kind, img uint64) uint64 {
	if k == Float32 {
		return uint64(uint32(img))
	}
	return img
}
