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
)

// structsSupported: not yet on this arch; planFor rejects structs.
const structsSupported = false

func layout(p *plan, params []Kind) error {
	layoutRegFiles(p, params, regFiles{gprs: numGPR, fprs: numFPR, floatsInGPRs: true, variadicFloatsInGPRs: true})
	return nil
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
