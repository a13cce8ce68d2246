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
// The callee must not rely on the upper bits of an integer argument
// narrower than 64 bits (gcc and clang extend what they receive); raw
// values are extended to 64 bits anyway, which is also what a C caller
// of a callback may leave there: plan.arg truncates and re-extends.

const (
	numGPR = 8
	numFPR = 8
)

func layout(p *plan, params []Kind) error {
	layoutRegFiles(p, params, regFiles{gprs: numGPR, fprs: numFPR})
	return nil
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
