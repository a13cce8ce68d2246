package ffi

// System V AMD64 ABI (linux/amd64), section 3.2.3:
//   - integer and pointer arguments in DI, SI, DX, CX, R8, R9;
//   - float32/float64 arguments in XMM0-XMM7, in the low 32/64 bits;
//   - the rest on the stack in order, one 8-byte slot each, lowest
//     address first, starting at 8(SP) on entry;
//   - results in AX (integers) or XMM0 (floats);
//   - AL holds an upper bound of the vector registers used, which
//     variadic callees read.
// Integer arguments narrower than 64 bits are passed extended by the
// caller (gcc and clang rely on extension to 32 bits); raw values are
// already extended to 64.
//
// Structs by value, section 3.2.3 "Parameter Passing", classification:
//   - a struct larger than two eightbytes (16 bytes) is MEMORY;
//   - otherwise each of its eightbytes is INTEGER if any scalar in it is
//     an integer or pointer, else SSE (only float/double in it; two
//     floats share one eightbyte, in the low 64 bits of one XMM register);
//   - an argument: if ALL its INTEGER eightbytes find a free GPR and ALL
//     its SSE eightbytes a free XMM register, each goes in the next one of
//     its class, in order; otherwise (and for MEMORY) the whole struct is
//     copied to the stack, in as many 8-byte slots as it needs, and the
//     registers stay free for later arguments;
//   - a result: INTEGER eightbytes in RAX then RDX, SSE ones in XMM0
//     then XMM1, in order ({double, long}: XMM0 and RAX); a MEMORY result
//     is written by the callee where the caller's hidden pointer says,
//     which is passed in RDI as if it were the first argument (the
//     parameters start at RSI), and given back in RAX.

const (
	numGPR = 6
	numFPR = 8
	numFHI = 1 // FP result registers after the first (fhi)
)

const structsSupported = true

func layout(p *plan, params []Kind) error {
	p.flags = uintptr(layoutRegFiles(p, params, regFiles{gprs: numGPR, fprs: numFPR,
		structResult: structResult, structArg: structArg}))
	return nil
}

// eightbytes classifies a struct: its eightbytes as register parts, the
// first of each class at index 0, or nil for MEMORY.
func eightbytes(a *aggregate) (parts []part, nint, nsse uint8) {
	if a.size > 16 {
		return nil, 0, 0
	}
	var isInt [2]bool
	for _, l := range a.leaves {
		if !l.kind.isFloat() {
			isInt[l.off/8] = true
		}
	}
	for off := uintptr(0); off < a.size; off += 8 {
		pt := part{off: uint16(off), size: uint8(min(8, a.size-off))}
		if isInt[off/8] {
			pt.where, pt.idx = inGPR, nint
			nint++
		} else {
			pt.kind = Float64 // the eightbyte's bits, as they sit in the XMM register
			if pt.size == 4 {
				pt.kind = Float32
			}
			pt.where, pt.idx = inFPR, nsse
			nsse++
		}
		parts = append(parts, pt)
	}
	return parts, nint, nsse
}

func structResult(p *plan, a *regAlloc) {
	parts, _, _ := eightbytes(p.ret.aggregate())
	if parts == nil {
		p.retHidden, p.retOff = true, p.alloc(p.ret.Size())
		p.hidden = loc{where: inGPR, idx: 0}
		a.ngpr = 1
		return
	}
	p.retParts = parts
}

func structArg(p *plan, a *regAlloc, i int, k Kind) loc {
	parts, nint, nsse := eightbytes(k.aggregate())
	if parts == nil || a.ngpr+nint > numGPR || a.nfpr+nsse > numFPR {
		return p.inParts(k, p.stackParts(k.Size()))
	}
	for j := range parts {
		if parts[j].where == inGPR {
			parts[j].idx += a.ngpr
		} else {
			parts[j].idx += a.nfpr
		}
	}
	a.ngpr += nint
	a.nfpr += nsse
	return p.inParts(k, parts)
}

// gprImage is how a raw integer value sits in a register or stack slot.
func gprImage(k Kind, v uint64) uint64 { return v }

// fprImage is how a raw float value sits in an XMM register: float32 in
// the low 32 bits.
func fprImage(k Kind, v uint64) uint64 { return v }

// fprValue turns an XMM register image back into a raw value.
func fprValue(k Kind, img uint64) uint64 {
	if k == Float32 {
		return uint64(uint32(img))
	}
	return img
}
