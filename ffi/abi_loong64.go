package ffi

// LoongArch LP64D (Procedure Call Standard for the LoongArch Architecture,
// section "Base ABI: scalar arguments") as used on linux/loong64:
//   - integer and pointer arguments in R4-R11 (a0-a7);
//   - float32/float64 arguments in F0-F7 (fa0-fa7), a float32 in the low
//     32 bits (no NaN-boxing);
//   - a float argument that finds the FP argument registers used up goes
//     to the next free integer argument register, as its bits (a float32
//     in the low half), and only then to the stack;
//   - the rest on the stack in order, one 8-byte slot each, lowest
//     address first, from 0(R3) at the call;
//   - results in R4 (integers) or F0 (floats);
//   - an integer narrower than 64 bits is extended to 32 bits by its own
//     type, then SIGN-extended to 64: a uint32 with bit 31 set arrives
//     with its upper 32 bits all ones. Callees rely on it; so do callers
//     of our callbacks for the result.
// Variable arguments of a variadic function travel as under the
// soft-float convention: a float variable argument goes in the next free
// integer argument register (its bits), then on the stack.

const (
	numGPR = 8
	numFPR = 8
)

func layout(p *plan, params []Kind) error {
	layoutRegFiles(p, params, regFiles{gprs: numGPR, fprs: numFPR, floatsInGPRs: true, variadicFloatsInGPRs: true})
	return nil
}

// gprImage is how a raw value sits in a register or stack slot: a uint32
// sign-extended from bit 31, everything else as the raw value already is
// (signed kinds sign-extended, narrower unsigned ones zero-extended, which
// equals their 32-bit image sign-extended; floats as their bits).
func gprImage(k Kind, v uint64) uint64 {
	if k == Uint32 {
		return uint64(int64(int32(v)))
	}
	return v
}

// fprImage is how a raw float value sits in an FP register: a float32 in
// the low 32 bits; the callee ignores the upper half.
func fprImage(k Kind, v uint64) uint64 { return v }

// fprValue turns an FP register image back into a raw value.
func fprValue(k Kind, img uint64) uint64 {
	if k == Float32 {
		return uint64(uint32(img))
	}
	return img
}
