package ffi

import (
	"fmt"
	"math"
	"unsafe"
)

// where says how one argument travels under the platform's C ABI.
type where uint8

const (
	inGPR       where = iota // gpr[idx]
	inFPR                    // fpr[idx], as the register image fprImage makes
	inSReg                   // arm VFP: single register s<idx>, the idx%2 half of fpr[idx/2]
	inGPRPair                // 32-bit: a 64-bit value in gpr[idx] (low) and gpr[idx+1] (high)
	onStack                  // stack[idx]
	onStackPair              // 32-bit: a 64-bit value in stack[idx] (low) and stack[idx+1] (high)
)

// loc is where one parameter goes, and the kind it is passed as.
type loc struct {
	kind  Kind
	where where
	idx   uint8
}

// plan is a signature laid out for this platform's C ABI, computed once
// at bind time by layout (abi_GOARCH.go) and shared by calls and
// callbacks: a callback reads its arguments where a call puts them.
type plan struct {
	ret    Kind
	params []loc
	nstack int     // stack words the arguments take
	flags  uintptr // copied into callFrame.flags
	fits32 bool    // the result is void or an integer of at most 32 bits
	// variadic: the function is declared with "...": the parameters from
	// numFixed on are variable arguments, laid out by the ABI's variadic
	// rules, and declared holds every parameter's kind as bound (raw
	// values are of that kind; a variable argument may be passed as
	// another, promoted, kind). softFloatResult (arm): the float result
	// comes back in core registers.
	variadic        bool
	numFixed        int
	declared        []Kind
	softFloatResult bool
}

// newPlan checks a signature that is not variadic and lays it out.
func newPlan(ret Kind, params []Kind) (*plan, error) { return planFor(ret, params, 0) }

// planFor checks a signature and lays it out; numFixed > 0 makes it a
// variadic function with that many fixed parameters. The variable
// arguments undergo C's default argument promotions: float32 becomes
// float64 (its value converted when the call is made) and integers
// narrower than int (and bool) become int32, which their raw values
// already are, extended by their own kind.
func planFor(ret Kind, params []Kind, numFixed int) (*plan, error) {
	if ret >= numKinds {
		return nil, fmt.Errorf("ffi: unsupported result kind %v", ret)
	}
	if len(params) > MaxArgs {
		return nil, fmt.Errorf("ffi: %d parameters: at most %d are supported", len(params), MaxArgs)
	}
	if numFixed < 0 || numFixed > len(params) {
		return nil, fmt.Errorf("ffi: %d fixed parameters of %d", numFixed, len(params))
	}
	for i, k := range params {
		if k == Void || k >= numKinds {
			return nil, fmt.Errorf("ffi: parameter %d: unsupported kind %v", i, k)
		}
	}
	p := &plan{ret: ret, variadic: numFixed > 0, numFixed: numFixed}
	p.fits32 = ret == Void || (!ret.isFloat() && ret.size() <= 4)
	kinds := params
	if p.variadic {
		kinds = make([]Kind, len(params))
		for i, k := range params {
			kinds[i] = k
			if i >= numFixed {
				kinds[i] = promoted(k)
			}
		}
	} else {
		p.numFixed = len(params)
	}
	if err := layout(p, kinds); err != nil {
		return nil, err
	}
	if p.variadic {
		p.declared = append([]Kind(nil), params...)
	}
	if p.nstack > maxStackWords {
		return nil, fmt.Errorf("ffi: arguments need %d stack words, more than %d", p.nstack, maxStackWords)
	}
	return p, nil
}

// promoted is the kind a variable argument of kind k is passed as (C11
// 6.5.2.2p6, the default argument promotions).
func promoted(k Kind) Kind {
	switch k {
	case Float32:
		return Float64
	case Int8, Int16, Uint8, Uint16, Bool:
		return Int32
	}
	return k
}

// regFiles describes the ABIs that pass scalars in two register files,
// integer and floating-point, each assigned in order, and the rest in
// 8-byte stack slots in order (amd64, arm64, loong64, riscv64, s390x; 386,
// arm and ppc64le have rules of their own). The per-arch differences are
// data: how many registers, and whether a float that finds the FP
// registers used up takes the next integer register (RISC-V and
// LoongArch LP64D) or a stack slot (the others).
type regFiles struct {
	gprs, fprs   uint8
	floatsInGPRs bool
	// variadicFloatsInGPRs: a variable float argument skips the FP
	// registers and goes where an integer would (RISC-V, LoongArch).
	variadicFloatsInGPRs bool
}

// layoutRegFiles lays params out by r's rules and returns how many FP
// registers they use.
func layoutRegFiles(p *plan, params []Kind, r regFiles) (nfpr uint8) {
	var ngpr uint8
	for i, k := range params {
		l := loc{kind: k}
		inFPRs := k.isFloat() && !(r.variadicFloatsInGPRs && p.variadic && i >= p.numFixed)
		switch {
		case inFPRs && nfpr < r.fprs:
			l.where, l.idx = inFPR, nfpr
			nfpr++
		case ngpr < r.gprs && (!inFPRs || r.floatsInGPRs):
			l.where, l.idx = inGPR, ngpr
			ngpr++
		default:
			// Once a class runs out of registers its arguments go to
			// the stack, while the other class may still use registers.
			l.where, l.idx = onStack, uint8(p.nstack)
			p.nstack++
		}
		p.params = append(p.params, l)
	}
	return nfpr
}

// declaredKind is the kind parameter i was bound with: the kind of its raw
// value.
func (p *plan) declaredKind(i int) Kind {
	if p.declared != nil {
		return p.declared[i]
	}
	return p.params[i].kind
}

// put stores raw value v of parameter i into the call frame.
func (p *plan) put(fr *callFrame, i int, v uint64) {
	l := p.params[i]
	if p.declared != nil && p.declared[i] == Float32 && l.kind == Float64 {
		// A variable float32, promoted to double.
		v = math.Float64bits(float64(math.Float32frombits(uint32(v))))
	}
	switch l.where {
	case inGPR:
		fr.gpr[l.idx] = uintptr(gprImage(l.kind, v))
	case inFPR:
		fr.fpr[l.idx] = fprImage(l.kind, v)
	case inSReg:
		shift := 32 * (l.idx & 1)
		r := &fr.fpr[l.idx>>1]
		*r = *r&^(0xffffffff<<shift) | uint64(uint32(v))<<shift
	case inGPRPair:
		fr.gpr[l.idx] = uintptr(v)
		fr.gpr[l.idx+1] = uintptr(v >> 32)
	case onStack:
		fr.stack[l.idx] = uintptr(gprImage(l.kind, v))
	case onStackPair:
		fr.stack[l.idx] = uintptr(v)
		fr.stack[l.idx+1] = uintptr(v >> 32)
	}
}

// arg reads parameter i of a callback as a raw value.
func (p *plan) arg(cb *cbFrame, i int) uint64 {
	l := p.params[i]
	var v uint64
	switch l.where {
	case inGPR:
		v = uint64(cb.gpr[l.idx])
	case inFPR:
		v = fprValue(l.kind, cb.fpr[l.idx])
	case inSReg:
		v = cb.fpr[l.idx>>1] >> (32 * (l.idx & 1))
	case inGPRPair:
		v = uint64(cb.gpr[l.idx]) | uint64(cb.gpr[l.idx+1])<<32
	case onStack:
		v = uint64(stackWord(cb, l.idx))
	case onStackPair:
		v = uint64(stackWord(cb, l.idx)) | uint64(stackWord(cb, l.idx+1))<<32
	}
	return normalize(l.kind, v)
}

func stackWord(cb *cbFrame, idx uint8) uintptr {
	return *(*uintptr)(unsafe.Add(cPointer(uint64(cb.stack)), uintptr(idx)*wordSize))
}

// result reads the raw result of a finished call.
func (p *plan) result(fr *callResult) uint64 {
	switch {
	case p.ret == Void:
		return 0
	case p.softFloatResult: // the float's bits in r0 (r0:r1 for a double)
		return normalize(p.ret, uint64(fr.r0)|uint64(fr.r1)<<32)
	case p.ret.isFloat():
		return normalize(p.ret, fprValue(p.ret, fr.f0))
	case p.ret.is64() && wordSize == 4:
		return uint64(fr.r0) | uint64(fr.r1)<<32
	}
	return normalize(p.ret, uint64(fr.r0))
}

// setResult stores a callback's raw result where the entry code returns it.
func (p *plan) setResult(cb *cbFrame, v uint64) {
	switch {
	case p.ret == Void:
	case p.ret.isFloat():
		cb.f0 = fprImage(p.ret, v)
		cb.flags = flagResultFloat64
	default:
		cb.r0 = uintptr(gprImage(p.ret, v))
		cb.r1 = uintptr(v >> 32)
	}
}
