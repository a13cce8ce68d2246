package ffi

import (
	"fmt"
	"math"
	"runtime"
	"slices"
	"sync"
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
	inParts                  // a struct in pieces: loc.parts
	inInd                    // arm64: the indirect result register x8 (callFrame.ind)
)

// loc is where one parameter goes, and the kind it is passed as.
type loc struct {
	kind  Kind
	where where
	idx   uint8
	// A struct (kind is an aggregate) has where == inParts: it travels
	// as plan.parts[idx].
}

// part is one piece of a struct argument or result that travels in a
// register or a stack word: size bytes at offset off in the struct. kind
// is a scalar kind to read and write the piece as (a float member in an FP
// register, an integer member that the ABI wants extended), or Void for
// plain bytes (loadBytes, storeBytes).
type part struct {
	off   uint16
	size  uint8
	kind  Kind
	where where // inGPR, inFPR, inSReg or onStack
	idx   uint8
	// ref: the struct is passed by reference; it is copied to the call's
	// struct memory at offset off, and the copy's address is the word
	// passed.
	ref bool
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
	// rules (a variable argument may be passed as another, promoted,
	// kind than it was bound with). bound holds every parameter's kind as
	// bound: the kind of its raw value. softFloatResult (arm): the float
	// result comes back in core registers.
	variadic bool
	numFixed int
	bound    []Kind
	// gprOnly: every parameter is a core register's raw value, and no
	// argument is promoted (a fixed-arity call): callRaw's fast loop.
	gprOnly bool
	// argsInPlace (callbacks): gprOnly, no parameter is a Bool (C may
	// pass a _Bool's byte as other than 0 or 1: argTo normalizes it) and
	// none is wider than a register, so each argument is the low-order
	// bytes of its register as they are, at offset argAt[i] in the
	// cbFrame: goArg's fast path.
	argsInPlace     bool
	argAt           [MaxArgs]uint16
	softFloatResult bool
	// Structs by value (agg: a parameter or the result is one). A call
	// needs memSize bytes of struct memory, off the goroutine stack, for
	// copies passed by reference and a result returned in memory. The
	// result comes back in retParts (registers), or, when retHidden, in
	// the struct memory at retOff, whose address the caller passes at
	// hidden (a register, x8 or a stack word).
	agg       bool
	parts     [][]part // the parts of struct parameters (loc.idx)
	memSize   uintptr
	retParts  []part
	retHidden bool
	retOff    uint16
	hidden    loc
	// retWord (callbacks): the result is an integer, bool or pointer in
	// one core register, and no struct is in the signature; retSext: the
	// ABI wants it sign-extended to the register's width (signed kinds,
	// and uint32 on LP64D). setResultOf's fast path: the result is stored
	// at offset retLow in r0 and is retSize bytes wide (widenResult).
	retWord, retSext bool
	retSize          uint8
	retLow           uintptr
	// mirror (ppc64le, with structs): the doubleword of each FPR
	// argument that is not part of a struct, in FPR order, where its
	// double image also goes (putMirror).
	mirror []uint8
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
	if !ret.valid() {
		return nil, fmt.Errorf("ffi: unsupported result kind %v", ret)
	}
	if a := ret.aggregate(); a != nil && a.array {
		return nil, fmt.Errorf("ffi: result kind %v: C functions cannot return arrays", ret)
	}
	if len(params) > MaxArgs {
		return nil, fmt.Errorf("ffi: %d parameters: at most %d are supported", len(params), MaxArgs)
	}
	if numFixed < 0 || numFixed > len(params) {
		return nil, fmt.Errorf("ffi: %d fixed parameters of %d", numFixed, len(params))
	}
	agg := ret.IsAggregate()
	for i, k := range params {
		if k == Void || !k.valid() {
			return nil, fmt.Errorf("ffi: parameter %d: unsupported kind %v", i, k)
		}
		if a := k.aggregate(); a != nil {
			if a.array {
				return nil, fmt.Errorf("ffi: parameter %d: kind %v: C passes arrays as pointers (use Pointer, or wrap the array in a struct)", i, k)
			}
			agg = true
		}
	}
	if agg && !structsSupported {
		return nil, fmt.Errorf("ffi: structs by value are not supported on %s yet", runtime.GOARCH)
	}
	p := &plan{ret: ret, variadic: numFixed > 0, numFixed: numFixed, agg: agg}
	p.fits32 = ret == Void || (!ret.isFloat() && !agg && ret.size() <= 4)
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
	p.bound = append([]Kind(nil), params...)
	p.retWord = !p.agg && ret != Void && !ret.isFloat() && uintptr(ret.size()) <= wordSize
	p.retSext = ret.signed() || gprImage(ret, math.MaxUint32) != math.MaxUint32
	p.gprOnly = !p.variadic && !p.agg
	for _, l := range p.params {
		if l.where != inGPR {
			p.gprOnly = false
		}
	}
	if p.retWord {
		p.retSize = uint8(ret.size())
		p.retLow = lowOffset(wordSize, ret.size())
	}
	p.argsInPlace = p.gprOnly && !slices.Contains(params, Bool)
	for i, l := range p.params {
		if !p.argsInPlace {
			break
		}
		size := kinds[i].size()
		if size > wordSize {
			p.argsInPlace = false
			break
		}
		p.argAt[i] = uint16(unsafe.Offsetof(cbFrame{}.gpr) + uintptr(l.idx)*wordSize + lowOffset(wordSize, size))
	}
	if p.nstack > maxStackWords {
		return nil, fmt.Errorf("ffi: arguments need %d stack words, more than %d", p.nstack, maxStackWords)
	}
	return p, nil
}

// structMem is the memory a call with structs by value uses for copies
// passed by reference and a result returned in memory: on the heap, so
// that it stays where it is while C runs, even if C calls back into Go
// and the goroutine's stack moves.
type structMem [(MaxArgs + 1) * MaxStructSize / 8]uint64

var structMems = sync.Pool{New: func() any { return new(structMem) }}

// alloc reserves size bytes of struct memory, 16-byte aligned, and
// returns their offset.
func (p *plan) alloc(size uintptr) uint16 {
	off := (p.memSize + 15) &^ 15
	p.memSize = off + size
	return uint16(off)
}

// byRef is a struct argument of kind k passed as a pointer to a copy,
// the pointer going to w/idx.
func (p *plan) byRef(k Kind, w where, idx uint8) loc {
	return p.inParts(k, []part{{off: p.alloc(k.Size()), where: w, idx: idx, ref: true}})
}

// inParts is a struct argument of kind k that travels in parts.
func (p *plan) inParts(k Kind, parts []part) loc {
	p.parts = append(p.parts, parts)
	return loc{kind: k, where: inParts, idx: uint8(len(p.parts) - 1)}
}

// stackParts lays out size bytes of a struct as stack words from the
// next free one.
func (p *plan) stackParts(size uintptr) []part {
	var parts []part
	for off := uintptr(0); off < size; off += wordSize {
		parts = append(parts, part{off: uint16(off), size: uint8(min(wordSize, size-off)), where: onStack, idx: uint8(p.nstack)})
		p.nstack++
	}
	return parts
}

// gprParts lays out size bytes of a struct as consecutive integer
// registers (wordSize bytes each) from first.
func gprParts(size uintptr, first uint8) []part {
	var parts []part
	for off := uintptr(0); off < size; off += wordSize {
		parts = append(parts, part{off: uint16(off), size: uint8(min(wordSize, size-off)), where: inGPR, idx: first})
		first++
	}
	return parts
}

// putAggregate stores struct argument i, at src, into the call frame, and
// a by-reference copy of it into the struct memory at mem.
func (p *plan) putAggregate(fr *callFrame, i int, src, mem unsafe.Pointer) {
	l := p.params[i]
	for _, pt := range p.parts[l.idx] {
		if pt.ref {
			dst := unsafe.Add(mem, pt.off)
			copyBytes(dst, src, l.kind.Size())
			p.putWord(fr, pt.where, pt.idx, uint64(uintptr(dst)))
			return
		}
		at := unsafe.Add(src, pt.off)
		if pt.kind == Void {
			p.putWord(fr, pt.where, pt.idx, loadBytes(at, uintptr(pt.size)))
			continue
		}
		v := rawOf(at, pt.kind)
		switch pt.where {
		case inFPR:
			fr.fpr[pt.idx] = fprImage(pt.kind, v)
		case inSReg:
			shift := 32 * (pt.idx & 1)
			r := &fr.fpr[pt.idx>>1]
			*r = *r&^(0xffffffff<<shift) | uint64(uint32(v))<<shift
		default:
			p.putWord(fr, pt.where, pt.idx, gprImage(pt.kind, v))
		}
	}
}

// cbWord reads an integer register, x8 or a stack word of a callback.
func cbWord(cb *cbFrame, w where, idx uint8) uint64 {
	switch w {
	case inGPR:
		return uint64(cb.gpr[idx])
	case inInd:
		return uint64(cb.ind)
	}
	return uint64(stackWord(cb, idx))
}

// argAggregate assembles struct argument i of a callback at dst.
func (p *plan) argAggregate(cb *cbFrame, i int, dst unsafe.Pointer) {
	l := p.params[i]
	parts := p.parts[l.idx]
	if parts[0].ref {
		copyBytes(dst, cPointer(cbWord(cb, parts[0].where, parts[0].idx)), l.kind.Size())
		return
	}
	getParts(parts, dst, func(w where, idx uint8) uint64 { return cbWord(cb, w, idx) },
		func(idx uint8) uint64 { return cb.fpr[idx] })
}

// setAggResult stores a callback's struct result, at src, where the
// caller wants it: in result registers, or in the memory the caller's
// hidden pointer names (whose address is also returned in the integer
// result register, as amd64 requires, and which 386's callee pops).
func (p *plan) setAggResult(cb *cbFrame, src unsafe.Pointer) {
	if p.retHidden {
		ptr := cbWord(cb, p.hidden.where, p.hidden.idx)
		copyBytes(cPointer(ptr), src, p.ret.Size())
		cb.r0 = uintptr(ptr)
		cb.flags = flagResultStruct
		return
	}
	for _, pt := range p.retParts {
		at := unsafe.Add(src, pt.off)
		var f *uint64
		switch pt.where {
		case inFPR, inSReg:
			j := pt.idx
			if pt.where == inSReg {
				j >>= 1
			}
			f = &cb.f0
			if j > 0 {
				f = &cb.fhi[j-1]
			}
		}
		switch {
		case pt.where == inFPR:
			*f = fprImage(pt.kind, rawOf(at, pt.kind))
		case pt.where == inSReg:
			shift := 32 * (pt.idx & 1)
			*f = *f&^(0xffffffff<<shift) | uint64(*(*uint32)(at))<<shift
		default:
			v := loadBytes(at, uintptr(pt.size))
			if pt.kind != Void {
				v = gprImage(pt.kind, rawOf(at, pt.kind))
			}
			if pt.idx == 0 {
				cb.r0 = uintptr(v)
			} else {
				cb.r1 = uintptr(v)
			}
		}
	}
}

// putMirror copies the images of the scalar FPR arguments into their
// parameter save area doublewords (ppc64le with structs; see
// abi_ppc64le.go): the GPR of doublewords 0-7, the stack word after.
func (p *plan) putMirror(fr *callFrame) {
	j := 0
	for _, l := range p.params {
		if l.where != inFPR {
			continue
		}
		d := p.mirror[j]
		j++
		if d < numGPR {
			fr.gpr[d] = uintptr(fr.fpr[l.idx])
		} else {
			fr.stack[d-numGPR] = uintptr(fr.fpr[l.idx])
		}
	}
}

// putWord stores a word into an integer register, x8 or a stack word.
func (p *plan) putWord(fr *callFrame, w where, idx uint8, v uint64) {
	switch w {
	case inGPR:
		fr.gpr[idx] = uintptr(v)
	case inInd:
		fr.ind = uintptr(v)
	case onStack:
		fr.stack[idx] = uintptr(v)
	}
}

// getParts assembles a struct from pieces in result registers (or, for a
// callback, argument registers and stack words: word reads them) into dst.
func getParts(parts []part, dst unsafe.Pointer, word func(where, uint8) uint64, fpr func(uint8) uint64) {
	for _, pt := range parts {
		at := unsafe.Add(dst, pt.off)
		switch {
		case pt.where == inFPR:
			storeRaw(at, pt.kind, fprValue(pt.kind, fpr(pt.idx)))
		case pt.where == inSReg:
			storeRaw(at, pt.kind, fpr(pt.idx>>1)>>(32*(pt.idx&1)))
		case pt.kind == Void:
			storeBytes(at, uintptr(pt.size), word(pt.where, pt.idx))
		default:
			storeRaw(at, pt.kind, word(pt.where, pt.idx))
		}
	}
}

// fr returns FP result register i (f0, then fhi).
func (r *callResult) fr(i uint8) uint64 {
	if i == 0 {
		return r.f0
	}
	return r.fhi[i-1]
}

func copyBytes(dst, src unsafe.Pointer, n uintptr) {
	copy(unsafe.Slice((*byte)(dst), n), unsafe.Slice((*byte)(src), n))
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
	// The arch's struct rules: structResult lays out an aggregate result
	// (before the parameters: a hidden result pointer may take the first
	// integer register), structArg an aggregate parameter.
	structResult func(p *plan, a *regAlloc)
	structArg    func(p *plan, a *regAlloc, i int, k Kind) loc
}

// regAlloc counts the registers of each file that arguments have taken.
type regAlloc struct{ ngpr, nfpr uint8 }

// layoutRegFiles lays params out by r's rules and returns how many FP
// registers they use.
func layoutRegFiles(p *plan, params []Kind, r regFiles) (nfpr uint8) {
	var a regAlloc
	if p.ret.IsAggregate() {
		r.structResult(p, &a)
	}
	for i, k := range params {
		if k.IsAggregate() {
			p.params = append(p.params, r.structArg(p, &a, i, k))
			continue
		}
		l := loc{kind: k}
		inFPRs := k.isFloat() && !(r.variadicFloatsInGPRs && p.variadic && i >= p.numFixed)
		switch {
		case inFPRs && a.nfpr < r.fprs:
			l.where, l.idx = inFPR, a.nfpr
			a.nfpr++
		case a.ngpr < r.gprs && (!inFPRs || r.floatsInGPRs):
			l.where, l.idx = inGPR, a.ngpr
			a.ngpr++
		default:
			// Once a class runs out of registers its arguments go to
			// the stack, while the other class may still use registers.
			l.where, l.idx = onStack, uint8(p.nstack)
			p.nstack++
		}
		p.params = append(p.params, l)
	}
	return a.nfpr
}

// refArg is a struct argument passed by reference: a pointer to a copy,
// in the next integer register or stack word.
func (p *plan) refArg(a *regAlloc, k Kind, gprs uint8) loc {
	if a.ngpr < gprs {
		a.ngpr++
		return p.byRef(k, inGPR, a.ngpr-1)
	}
	p.nstack++
	return p.byRef(k, onStack, uint8(p.nstack-1))
}

// put stores raw value v of parameter i into the call frame.
func (p *plan) put(fr *callFrame, i int, v uint64) {
	l := p.params[i]
	if p.variadic && p.bound[i] == Float32 && l.kind == Float64 {
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
