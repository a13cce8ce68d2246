//go:build loong64 || riscv64

package ffi

// What RISC-V and LoongArch LP64D share (abi_riscv64.go, abi_loong64.go
// say where each arch's registers are and how a float32 sits in an FP
// register, the one place they differ): eight integer and eight FP
// argument registers; a float that finds the FP registers used up takes
// the next integer register, and a variable argument of a variadic
// function always does; integers narrower than 64 bits are widened to 32
// bits by the sign of their type, then sign-extended to 64.

const (
	numGPR = 8
	numFPR = 8
	numFHI = 1 // FP result registers after the first (fhi)
)

// Structs by value (RISC-V psABI "Hardware Floating-point Calling
// Convention" and "Integer Calling Convention"; LoongArch ELF psABI,
// "Structures", the same rules with GAR/FAR for GPR/FPR):
//   - a struct is flattened to its scalar members (nested structs and
//     arrays included). If that gives one float or double, it is passed
//     like that float in an FP register; two floats, in two FP registers;
//     one float and one integer (at most 8 bytes), in one FP and one
//     integer register, in member order. Only if ALL the registers it
//     needs are free; otherwise, and for any other struct, the integer
//     convention applies;
//   - integer convention: a struct of at most 8 bytes in one integer
//     register, of at most 16 in two (low bytes first); if only one is
//     left, the first 8 bytes go in it and the rest on the stack (the one
//     case of a split); if none, on the stack, 8 bytes a slot. Larger
//     structs are copied by the caller and passed as a pointer to the copy
//     (an integer argument);
//   - a variable argument of a variadic function always follows the
//     integer convention;
//   - results: the same flattening into fa0/fa1 and a0 (float and integer
//     member: fa0 and a0), otherwise at most 16 bytes in a0/a1, and larger
//     ones in memory the caller provides, its address passed in a0 as if
//     it were the first argument.
// An integer member in an integer register is extended like an integer
// argument of its type; a float member in an FP register is held as a
// float argument is (NaN-boxed on RISC-V).

const structsSupported = true

func layout(p *plan, params []Kind) error {
	layoutRegFiles(p, params, regFiles{gprs: numGPR, fprs: numFPR, floatsInGPRs: true, variadicFloatsInGPRs: true,
		structResult: structResult, structArg: structArg})
	return nil
}

// flatParts is the hardware floating-point convention's placement of a
// struct: its members as parts with FP registers from fpr and integer
// registers from gpr, and how many of each; nil if it does not apply.
func flatParts(a *aggregate, gpr, fpr uint8) (parts []part, ngpr, nfpr uint8) {
	if len(a.leaves) > 2 || !(a.leaves[0].kind.isFloat() || a.leaves[len(a.leaves)-1].kind.isFloat()) {
		return nil, 0, 0
	}
	for _, l := range a.leaves {
		pt := part{off: uint16(l.off), size: uint8(l.kind.size()), kind: l.kind}
		if l.kind.isFloat() {
			pt.where, pt.idx = inFPR, fpr+nfpr
			nfpr++
		} else {
			pt.where, pt.idx = inGPR, gpr+ngpr
			ngpr++
		}
		parts = append(parts, pt)
	}
	return parts, ngpr, nfpr
}

func structResult(p *plan, a *regAlloc) {
	agg := p.ret.aggregate()
	if parts, _, _ := flatParts(agg, 0, 0); parts != nil {
		p.retParts = parts
		return
	}
	if agg.size <= 16 {
		p.retParts = gprParts(agg.size, 0)
		return
	}
	p.retHidden, p.retOff = true, p.alloc(agg.size)
	p.hidden = loc{where: inGPR, idx: 0}
	a.ngpr = 1
}

func structArg(p *plan, a *regAlloc, i int, k Kind) loc {
	agg := k.aggregate()
	if !(p.variadic && i >= p.numFixed) {
		parts, ngpr, nfpr := flatParts(agg, a.ngpr, a.nfpr)
		if parts != nil && a.ngpr+ngpr <= numGPR && a.nfpr+nfpr <= numFPR {
			a.ngpr += ngpr
			a.nfpr += nfpr
			return p.inParts(k, parts)
		}
	}
	if agg.size > 16 {
		return p.refArg(a, k, numGPR)
	}
	var parts []part
	for off := uintptr(0); off < agg.size; off += 8 {
		pt := part{off: uint16(off), size: uint8(min(8, agg.size-off))}
		if a.ngpr < numGPR {
			pt.where, pt.idx = inGPR, a.ngpr
			a.ngpr++
		} else {
			pt.where, pt.idx = onStack, uint8(p.nstack)
			p.nstack++
		}
		parts = append(parts, pt)
	}
	return p.inParts(k, parts)
}

// gprImage is how a raw value sits in an integer register or stack slot:
// a uint32 sign-extended from bit 31 (it travels as a negative 64-bit
// value when its top bit is set, and callees rely on it); everything else
// as the raw value already is (signed kinds sign-extended, narrower
// unsigned ones zero-extended, which equals their 32-bit image
// sign-extended; floats as their bits, a float32 in the low half).
func gprImage(k Kind, v uint64) uint64 {
	if k == Uint32 {
		return uint64(int64(int32(v)))
	}
	return v
}
