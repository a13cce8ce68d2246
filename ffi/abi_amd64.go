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

const (
	numGPR = 6
	numFPR = 8
)

func layout(p *plan, params []Kind) error {
	p.flags = uintptr(layoutRegFiles(p, params, regFiles{gprs: numGPR, fprs: numFPR}))
	return nil
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
