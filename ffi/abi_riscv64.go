package ffi

// RISC-V LP64D calling convention (linux/riscv64), RISC-V ELF psABI
// specification, "Procedure Calling Convention", hardware floating-point
// variant:
//   - integer and pointer arguments in A0-A7 (X10-X17);
//   - float32/float64 arguments in FA0-FA7 (F10-F17); once those are
//     used up, a float argument goes in the next free integer register
//     like an integer (float32 in the low 32 bits, the rest undefined),
//     and only then on the stack;
//   - the rest on the stack in order, one 8-byte slot each, lowest
//     address first, starting at 0(SP) on entry (no red zone);
//   - results in A0 (integers) or FA0 (floats).
// Integer arguments and results narrower than 64 bits are widened to 32
// bits by the sign of their type, then sign-extended to 64: so a uint32
// with its top bit set travels as a negative 64-bit value, in registers
// and on the stack alike. Callees may rely on it.
// Variable arguments of a variadic function follow the integer
// convention even when floating-point: a double goes in the next free
// A register (its bits), then on the stack (psABI, "Procedure Calling
// Convention": variadic arguments are passed as under the soft-float ABI).

// layout and gprImage are the LP64D ones shared with loong64 (abi_lp64d.go).

// fprImage is how a raw float value sits in a 64-bit FP register. A
// float32 must be NaN-boxed, the upper 32 bits all ones: single-precision
// instructions read any other pattern as the canonical NaN.
func fprImage(k Kind, v uint64) uint64 {
	if k == Float32 {
		return 0xffffffff_00000000 | uint64(uint32(v))
	}
	return v
}

// fprValue turns an FP register image back into a raw value: a float32
// is the low half of its NaN box.
func fprValue(k Kind, img uint64) uint64 {
	if k == Float32 {
		return uint64(uint32(img))
	}
	return img
}
