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
	numFHI = 0 // FP result registers after the first (fhi)
)

// Structs by value (s390x ELF ABI Supplement, "Parameter Passing" and
// "Return Values", as GCC implements them: s390_function_arg_float,
// s390_function_arg_integer, s390_return_in_memory):
//   - a struct whose only member is a float or double (also through
//     nested single-member structs) is passed like that float: in the
//     next FP register, else in a stack slot;
//   - a struct of size 1, 2, 4 or 8 is passed like an integer of that
//     size: its bytes as a big-endian number, right-justified in the next
//     integer register or stack slot;
//   - any other struct is copied by the caller and passed as a pointer to
//     the copy, an integer argument;
//   - every struct result (any size) is returned in memory the caller
//     provides, its address passed in r2 as if it were the first argument.

const structsSupported = true

func layout(p *plan, params []Kind) error {
	layoutRegFiles(p, params, regFiles{gprs: numGPR, fprs: numFPR, structResult: structResult, structArg: structArg})
	return nil
}

func structResult(p *plan, a *regAlloc) {
	p.retHidden, p.retOff = true, p.alloc(p.ret.Size())
	p.hidden = loc{where: inGPR, idx: 0}
	a.ngpr = 1
}

func structArg(p *plan, a *regAlloc, i int, k Kind) loc {
	agg := k.aggregate()
	pt := part{size: uint8(agg.size)}
	switch {
	case len(agg.leaves) == 1 && agg.leaves[0].kind.isFloat() && singleMember(k):
		pt.kind = agg.leaves[0].kind
		if a.nfpr < numFPR {
			pt.where, pt.idx = inFPR, a.nfpr
			a.nfpr++
			return p.inParts(k, []part{pt})
		}
	case agg.size == 1 || agg.size == 2 || agg.size == 4 || agg.size == 8:
		if a.ngpr < numGPR {
			pt.where, pt.idx = inGPR, a.ngpr
			a.ngpr++
			return p.inParts(k, []part{pt})
		}
	default:
		return p.refArg(a, k, numGPR)
	}
	pt.where, pt.idx = onStack, uint8(p.nstack)
	p.nstack++
	return p.inParts(k, []part{pt})
}

// singleMember reports whether k is a struct of one member that is a
// scalar or, recursively, such a struct (not an array).
func singleMember(k Kind) bool {
	a := k.aggregate()
	if a == nil {
		return true
	}
	return !a.array && len(a.fields) == 1 && singleMember(a.fields[0])
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
