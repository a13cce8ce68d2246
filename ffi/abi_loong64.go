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

// layout and gprImage are the LP64D ones shared with riscv64 (abi_lp64d.go).

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
