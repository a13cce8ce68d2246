package ffi

// s390x ELF ABI (linux/s390x), ELF Application Binary Interface s390x
// Supplement, "Function Calling Sequence" / "Parameter Passing":
//   - integer and pointer arguments in R2-R6;
//   - float32/float64 arguments in F0, F2, F4, F6;
//   - the rest on the stack in order, integers and floats alike, one
//     8-byte slot each, lowest address first, starting at 160(R15) on
//     entry (above the 160-byte register save area);
//   - results in R2 (integers) or F0 (floats).
// The ABI is big-endian, and the images below are numeric so that they
// hold whatever the byte order:
//   - an integer narrower than 64 bits is sign- or zero-extended to 64
//     bits by the caller, by its own type, in a register and in a stack
//     slot alike; the callee extends a narrow result the same way. Raw
//     values are already extended by kind;
//   - a float32 in an FP register occupies its leftmost (high) 32 bits,
//     the short format of the hardware;
//   - a value narrower than 8 bytes on the stack is right-justified in its
//     slot: at the slot's high address, which is the low half of the slot
//     read as a 64-bit word. So a float32 on the stack sits where a
//     float32 in a GPR image would, and not where it sits in an FPR.
// Variadic arguments follow the same rules (a variadic float32 is
// promoted to float64 by the C caller, so bind it as Float64).

const (
	numGPR = 5
	numFPR = 4
)

// structsSupported: not yet on this arch; planFor rejects structs.
const structsSupported = false

func layout(p *plan, params []Kind) error {
	layoutRegFiles(p, params, regFiles{gprs: numGPR, fprs: numFPR})
	return nil
}

// gprImage is how a raw value sits in an integer register or a stack
// slot: integers are already extended by their kind, and a float32 on the
// stack is right-justified, its bits in the low half of the word.
func gprImage(k Kind, v uint64) uint64 { return v }

// fprImage is how a raw float value sits in a 64-bit FP register: a
// float32 in the high half, the low half zero.
func fprImage(k Kind, v uint64) uint64 {
	if k == Float32 {
		return uint64(uint32(v)) << 32
	}
	return v
}

// fprValue turns an FP register image back into a raw value.
func fprValue(k Kind, img uint64) uint64 {
	if k == Float32 {
		return img >> 32
	}
	return img
}
