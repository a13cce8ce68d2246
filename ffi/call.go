// Calls from Go to C: the one frame path every binding uses (callRaw),
// the dynamic binding (Func), and the conversions between Go values and
// raw argument values.
package ffi

import (
	"errors"
	"fmt"
	"math"
	"runtime"
	"unsafe"
)

// runtime.cgocall switches to the system stack, tells the scheduler the
// goroutine is in C (like a system call), and calls fn(arg) with the C
// calling convention. It is how every C call leaves Go.
//
//go:linkname runtime_cgocall runtime.cgocall
//go:noescape
func runtime_cgocall(fn, arg unsafe.Pointer) int32

// nocgo_ffi_call is the C-ABI function, in asm_GOARCH.s, that performs
// one call described by a *callFrame.
//
//go:linkname nocgo_ffi_call nocgo_ffi_call
var nocgo_ffi_call byte

// Signature describes a C function for the dynamic binding.
type Signature struct {
	Return Kind
	Params []Kind
	// NumFixed, for a variadic C function (declared with "...", like
	// printf), is how many of Params come before the "...": the rest are
	// the variable arguments of the calls made through this binding.
	// They are passed by the ABI's rules for variable arguments, after
	// C's default argument promotions (a Float32 is passed as a double,
	// integers narrower than int as int). 0: the function is not
	// variadic. Callbacks cannot be variadic.
	NumFixed int
}

func (s Signature) String() string {
	str := s.Return.String() + "("
	for i, k := range s.Params {
		if i > 0 {
			str += ", "
		}
		if s.NumFixed > 0 && i == s.NumFixed {
			str += "... "
		}
		str += k.String()
	}
	return str + ")"
}

// Target is what a typed binding (FuncN, VoidFuncN) binds: a Symbol, or
// the Symbol of a variadic C function with its number of fixed
// parameters (Variadic).
type Target interface {
	target() (Symbol, int)
}

func (s Symbol) target() (Symbol, int) { return s, 0 }

type variadicTarget struct {
	sym      Symbol
	numFixed int
}

func (v variadicTarget) target() (Symbol, int) { return v.sym, v.numFixed }

// Variadic names the variadic C function at sym, which has numFixed
// parameters before its "...", for a typed binding whose parameters are
// those and then the variable arguments of one call shape:
//
//	snprintf, err := ffi.Func5[int32, unsafe.Pointer, uintptr, unsafe.Pointer, float64, int64](ffi.Variadic(sym, 3))
//	snprintf(buf, size, format, 2.5, 42) // snprintf(buf, size, "%g %lld", 2.5, 42)
//
// The variable arguments undergo C's default argument promotions (see
// Signature.NumFixed). numFixed must be at least 1.
func Variadic(sym Symbol, numFixed int) Target {
	return variadicTarget{sym, numFixed}
}

// Func is a C function bound to a signature, for signatures only known at
// run time. The typed FuncN bindings are faster.
type Func struct {
	fn  uintptr
	sig Signature
	p   *plan
}

var errNilFunc = errors.New("ffi: nil function pointer")

// Bind binds the C function at s to sig.
func (s Symbol) Bind(sig Signature) (*Func, error) {
	if s == 0 {
		return nil, errNilFunc
	}
	if sig.NumFixed < 0 {
		return nil, fmt.Errorf("ffi: NumFixed %d is negative (binding %v)", sig.NumFixed, sig)
	}
	p, err := planFor(sig.Return, sig.Params, sig.NumFixed)
	if err != nil {
		return nil, fmt.Errorf("%w (binding %v)", err, sig)
	}
	sig.Params = append([]Kind(nil), sig.Params...)
	return &Func{fn: uintptr(s), sig: sig, p: p}, nil
}

// typedPlan checks t and lays out a typed binding's signature; it returns
// the address to call.
func typedPlan(t Target, retK goKind, paramKs ...goKind) (uintptr, *plan, error) {
	if t == nil {
		return 0, nil, errNilFunc
	}
	ret, params, err := goKinds(retK, paramKs)
	if err != nil {
		return 0, nil, err
	}
	sym, numFixed := t.target()
	if sym == 0 {
		return 0, nil, errNilFunc
	}
	if _, ok := t.(variadicTarget); ok && numFixed < 1 {
		return 0, nil, fmt.Errorf("ffi: Variadic with %d fixed parameters: at least 1", numFixed)
	}
	p, err := planFor(ret, params, numFixed)
	return uintptr(sym), p, err
}

// goKinds checks the kinds of a typed binding's result and parameters.
func goKinds(retK goKind, paramKs []goKind) (Kind, []Kind, error) {
	if retK.err != nil {
		return Void, nil, fmt.Errorf("%w (result)", retK.err)
	}
	params := make([]Kind, len(paramKs))
	for i, k := range paramKs {
		if k.err != nil {
			return Void, nil, fmt.Errorf("%w (parameter %d)", k.err, i)
		}
		params[i] = k.k
	}
	return retK.k, params, nil
}

func mustPlan(ret Kind, params ...Kind) *plan {
	p, err := newPlan(ret, params)
	if err != nil {
		panic(err)
	}
	return p
}

// Signature returns the signature f was bound with.
func (f *Func) Signature() Signature { return f.sig }

// CallRaw calls f with raw argument values: integers and pointers as
// their (sign- or zero-extended) bits, float32 as math.Float32bits,
// float64 as math.Float64bits. It returns the raw result. It does not
// allocate.
//
// A raw value is an integer: the garbage collector does not see a Go
// pointer passed this way, so nothing keeps its memory alive during the
// call. Pass Go memory through Call or a typed binding, or keep it alive
// yourself (runtime.KeepAlive after the call).
//
// A struct argument's raw value is the address of the struct, in C
// layout (Kind.Offset); CallRaw cannot receive a struct result: use
// CallInto.
func (f *Func) CallRaw(args ...uint64) (uint64, error) {
	if len(args) != len(f.p.params) {
		return 0, fmt.Errorf("ffi: %v called with %d arguments", f.sig, len(args))
	}
	if f.sig.Return.IsAggregate() {
		return 0, fmt.Errorf("ffi: %v returns a struct: use Call or CallInto", f.sig)
	}
	return callRaw(f.p, f.fn, args...), nil
}

// CallInto calls f, a function that returns a struct, like Call, and
// stores the result at ret, which must point to Return.Size() bytes
// (the struct in C layout).
func (f *Func) CallInto(ret unsafe.Pointer, args ...any) error {
	if !f.sig.Return.IsAggregate() {
		return fmt.Errorf("ffi: %v does not return a struct: use Call", f.sig)
	}
	if ret == nil {
		return fmt.Errorf("ffi: %v: CallInto with a nil result pointer", f.sig)
	}
	_, err := f.call(args, ret)
	return err
}

// Call calls f with Go values, converted to the bound kinds: any integer
// type, bool, uintptr, unsafe.Pointer, float32 or float64. A value that
// the kind cannot hold (300 as Uint8, -1 as Uint32, 1e40 as Float32) is
// an error naming the argument, never a truncated call. The result is an
// int8..int64, uint8..uint64, uintptr, unsafe.Pointer, float32, float64
// or bool matching the return kind, or nil for void.
//
// Go memory passed as an unsafe.Pointer stays alive until C returns, as
// with cgo. If C keeps the pointer after it returns, the memory must be
// pinned (runtime.Pinner) for as long as C uses it.
func (f *Func) Call(args ...any) (any, error) {
	var ret unsafe.Pointer
	var out []byte
	if n := f.sig.Return.Size(); f.sig.Return.IsAggregate() {
		out = make([]byte, n)
		ret = unsafe.Pointer(&out[0])
	}
	r, err := f.call(args, ret)
	if err != nil {
		return nil, err
	}
	if out != nil {
		return out, nil
	}
	return anyFromRaw(f.sig.Return, r), nil
}

// call converts args and calls f, storing a struct result at ret; the
// arguments stay reachable, and so does any Go memory they point to,
// until C has returned.
func (f *Func) call(args []any, ret unsafe.Pointer) (uint64, error) {
	if len(args) != len(f.p.params) {
		return 0, fmt.Errorf("ffi: %v called with %d arguments", f.sig, len(args))
	}
	var buf [MaxArgs]uint64
	raw := buf[:len(args)]
	for i, a := range args {
		v, err := rawFromAny(a, f.sig.Params[i])
		if err != nil {
			return 0, fmt.Errorf("ffi: %v argument %d: %w", f.sig, i, err)
		}
		raw[i] = v
	}
	var r uint64
	if f.p.agg {
		r = callAggregate(f.p, f.fn, ret, raw, nil)
	} else {
		r = callRaw(f.p, f.fn, raw...)
	}
	runtime.KeepAlive(args)
	return r, nil
}

// callRaw calls fn with raw arguments laid out by p. The frame lives on
// the stack, and only the part of it that p uses is zeroed: a regFrame
// when every argument travels in a register, the whole callFrame
// (callStack) when some go on the stack.
//
// It is the hot path of every typed binding, so the common plan, every
// argument in a core register (gprOnly), is stored by an inlined loop
// without a call per argument, and a result that fits in 32 bits comes
// straight from runtime.cgocall (do's first case, without the call to do).
func callRaw(p *plan, fn uintptr, args ...uint64) uint64 {
	if p.agg {
		return callAggregate(p, fn, nil, args, nil)
	}
	if p.nstack == 0 {
		var rf regFrame
		fr := rf.frame()
		fr.fn = fn
		if p.gprOnly {
			params := p.params[:len(args)]
			for i, a := range args {
				l := &params[i]
				fr.gpr[l.idx] = uintptr(gprImage(l.kind, a))
			}
		} else {
			for i, a := range args {
				p.put(fr, i, a)
			}
		}
		if p.fits32 { // fr.nstack stays 0
			fr.flags = p.flags
			fr.res = &resultSink
			r := runtime_cgocall(unsafe.Pointer(&nocgo_ffi_call), unsafe.Pointer(fr))
			return normalize(p.ret, uint64(uint32(r)))
		}
		return p.do(fr)
	}
	return callStack(p, fn, args)
}

// callStack is callRaw for a plan with arguments on the stack: a whole
// callFrame, in a function of its own so that callRaw's frame stays small.
func callStack(p *plan, fn uintptr, args []uint64) uint64 {
	var cf callFrame
	cf.fn = fn
	for i, a := range args {
		p.put(&cf, i, a)
	}
	return p.do(&cf)
}

// do performs the call described by fr and returns the raw result.
func (p *plan) do(fr *callFrame) uint64 {
	fr.nstack = uintptr(p.nstack)
	fr.flags = p.flags
	if p.fits32 {
		fr.res = &resultSink
		r := runtime_cgocall(unsafe.Pointer(&nocgo_ffi_call), unsafe.Pointer(fr))
		return normalize(p.ret, uint64(uint32(r)))
	}
	res := results.Get().(*callResult)
	fr.res = res
	runtime_cgocall(unsafe.Pointer(&nocgo_ffi_call), unsafe.Pointer(fr))
	v := p.result(res)
	results.Put(res)
	return v
}

// callAggregate calls fn, whose plan p has structs by value, with raw
// arguments (a struct's is its address), and stores a struct result at
// ret (nil: dropped).
//
// ptrs, if not nil, points to every argument (the typed bindings): a
// struct is read from there.
func callAggregate(p *plan, fn uintptr, ret unsafe.Pointer, args []uint64, ptrs []unsafe.Pointer) uint64 {
	if p.nstack == 0 { // as callRaw: only the registers' part of a frame
		var rf regFrame
		return p.callAggregate(rf.frame(), fn, ret, args, ptrs)
	}
	var cf callFrame
	return p.callAggregate(&cf, fn, ret, args, ptrs)
}

func (p *plan) callAggregate(fr *callFrame, fn uintptr, ret unsafe.Pointer, args []uint64, ptrs []unsafe.Pointer) uint64 {
	var mem *structMem
	var m unsafe.Pointer
	if p.memSize > 0 {
		mem = structMems.Get().(*structMem)
		m = unsafe.Pointer(mem)
	}
	fr.fn = fn
	for i, a := range args {
		if p.params[i].kind.IsAggregate() {
			src := cPointer(a)
			if ptrs != nil {
				src = ptrs[i]
			}
			p.putAggregate(fr, i, src, m)
		} else {
			p.put(fr, i, a)
		}
	}
	if p.mirror != nil {
		p.putMirror(fr)
	}
	if p.retHidden {
		p.putWord(fr, p.hidden.where, p.hidden.idx, uint64(uintptr(m)+uintptr(p.retOff)))
	}
	fr.nstack = uintptr(p.nstack)
	fr.flags = p.flags
	res := results.Get().(*callResult)
	fr.res = res
	runtime_cgocall(unsafe.Pointer(&nocgo_ffi_call), unsafe.Pointer(fr))
	var v uint64
	switch {
	case p.retHidden:
		if ret != nil {
			copyBytes(ret, unsafe.Add(m, p.retOff), p.ret.Size())
		}
	case p.retParts != nil:
		if ret != nil {
			getParts(p.retParts, ret, func(w where, i uint8) uint64 {
				if i == 0 {
					return uint64(res.r0)
				}
				return uint64(res.r1)
			}, res.fr)
		}
	default:
		v = p.result(res)
	}
	results.Put(res)
	if mem != nil {
		runtime.KeepAlive(mem)
		structMems.Put(mem)
	}
	return v
}

// rawFromAny converts the Go value a to a raw value of kind k, or says why
// k cannot hold it.
func rawFromAny(a any, k Kind) (uint64, error) {
	if k.IsAggregate() {
		return rawFromStruct(a, k)
	}
	switch x := a.(type) {
	case float32:
		return rawFromFloat(float64(x), k, a)
	case float64:
		return rawFromFloat(x, k, a)
	case unsafe.Pointer:
		if k != Pointer && k != Uintptr {
			return 0, fmt.Errorf("%T for %v parameter", a, k)
		}
		return uint64(uintptr(x)), nil
	case nil:
		if k != Pointer && k != Uintptr {
			return 0, fmt.Errorf("nil for %v parameter", k)
		}
		return 0, nil
	}
	if k.isFloat() {
		return 0, fmt.Errorf("%T for %v parameter", a, k)
	}
	var u uint64 // the value's bits
	neg := false // the value is below zero
	switch x := a.(type) {
	case int:
		u, neg = uint64(x), x < 0
	case int8:
		u, neg = uint64(x), x < 0
	case int16:
		u, neg = uint64(x), x < 0
	case int32:
		u, neg = uint64(x), x < 0
	case int64:
		u, neg = uint64(x), x < 0
	case uint:
		u = uint64(x)
	case uint8:
		u = uint64(x)
	case uint16:
		u = uint64(x)
	case uint32:
		u = uint64(x)
	case uint64:
		u = x
	case uintptr:
		u = uint64(x)
	case bool:
		if x {
			u = 1
		}
	default:
		return 0, fmt.Errorf("unsupported Go type %T", a)
	}
	if !fits(k, u, neg) {
		return 0, fmt.Errorf("%T %v is out of range for %v", a, a, k)
	}
	return normalize(k, u), nil
}

// rawFromStruct is the raw value of a struct argument of kind k: the
// address of its bytes, given as a []byte of the kind's size or an
// unsafe.Pointer.
func rawFromStruct(a any, k Kind) (uint64, error) {
	switch x := a.(type) {
	case []byte:
		if uintptr(len(x)) != k.Size() {
			return 0, fmt.Errorf("[]byte of %d bytes for %v parameter (%d bytes)", len(x), k, k.Size())
		}
		return uint64(uintptr(unsafe.Pointer(&x[0]))), nil
	case unsafe.Pointer:
		if x == nil {
			return 0, fmt.Errorf("nil for %v parameter", k)
		}
		return uint64(uintptr(x)), nil
	}
	return 0, fmt.Errorf("%T for %v parameter: want a []byte or an unsafe.Pointer to the struct", a, k)
}

// fits reports whether kind k holds the integer whose two's complement
// bits are u (negative when neg).
func fits(k Kind, u uint64, neg bool) bool {
	if k.signed() {
		if !neg && u > math.MaxInt64 {
			return false
		}
		v, bits := int64(u), 8*k.size()
		return v >= -1<<(bits-1) && v <= 1<<(bits-1)-1 // for 64 bits, 1<<63-1 wraps to MaxInt64
	}
	if neg {
		return false
	}
	if k == Bool {
		return u <= 1
	}
	return k.size() == 8 || u < 1<<(8*k.size())
}

// rawFromFloat converts a Go float to a raw value of float kind k; a
// finite value too large for float32 is an error, not an infinity.
func rawFromFloat(x float64, k Kind, a any) (uint64, error) {
	switch k {
	case Float64:
		return math.Float64bits(x), nil
	case Float32:
		f := float32(x)
		if math.IsInf(float64(f), 0) && !math.IsInf(x, 0) {
			return 0, fmt.Errorf("%T %v is out of range for float32", a, a)
		}
		return uint64(math.Float32bits(f)), nil
	}
	return 0, fmt.Errorf("float for %v parameter", k)
}

func anyFromRaw(k Kind, v uint64) any {
	switch k {
	case Int8:
		return int8(v)
	case Int16:
		return int16(v)
	case Int32:
		return int32(v)
	case Int64:
		return int64(v)
	case Uint8:
		return uint8(v)
	case Uint16:
		return uint16(v)
	case Uint32:
		return uint32(v)
	case Uint64:
		return v
	case Uintptr:
		return uintptr(v)
	case Pointer:
		return cPointer(v)
	case Float32:
		return math.Float32frombits(uint32(v))
	case Float64:
		return math.Float64frombits(v)
	case Bool:
		return v != 0
	}
	return nil
}

// goString copies the NUL-terminated C string at p.
func goString(p uintptr) string {
	s := cPointer(uint64(p))
	n := 0
	for *(*byte)(unsafe.Add(s, n)) != 0 {
		n++
	}
	return string(unsafe.Slice((*byte)(s), n))
}

// cPointer turns the address of C memory into a pointer. It is the one
// place where ffi makes an unsafe.Pointer from an integer. (unsafe.Add
// from nil, as in fakecgo's cptr, says what a conversion from uintptr
// would, without vet's warning about Go pointers hidden in integers.)
func cPointer(v uint64) unsafe.Pointer { return unsafe.Add(nil, uintptr(v)) }
