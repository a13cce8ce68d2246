package ffi

import (
	"errors"
	"fmt"
	"math"
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
}

func (s Signature) String() string {
	str := s.Return.String() + "("
	for i, k := range s.Params {
		if i > 0 {
			str += ", "
		}
		str += k.String()
	}
	return str + ")"
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
	p, err := newPlan(sig.Return, sig.Params)
	if err != nil {
		return nil, fmt.Errorf("%w (binding %v)", err, sig)
	}
	sig.Params = append([]Kind(nil), sig.Params...)
	return &Func{fn: uintptr(s), sig: sig, p: p}, nil
}

// Signature returns the signature f was bound with.
func (f *Func) Signature() Signature { return f.sig }

// CallRaw calls f with raw argument values: integers and pointers as
// their (sign- or zero-extended) bits, float32 as math.Float32bits,
// float64 as math.Float64bits. It returns the raw result. It does not
// allocate.
func (f *Func) CallRaw(args ...uint64) (uint64, error) {
	if len(args) != len(f.p.params) {
		return 0, fmt.Errorf("ffi: %v called with %d arguments", f.sig, len(args))
	}
	return callRaw(f.p, f.fn, args...), nil
}

// Call calls f with Go values, converted to the bound kinds: any integer
// type, bool, uintptr, unsafe.Pointer, float32 or float64. The result is
// an int8..int64, uint8..uint64, uintptr, unsafe.Pointer, float32 or
// float64 matching the return kind, or nil for void.
func (f *Func) Call(args ...any) (any, error) {
	if len(args) != len(f.p.params) {
		return nil, fmt.Errorf("ffi: %v called with %d arguments", f.sig, len(args))
	}
	raw := make([]uint64, len(args))
	for i, a := range args {
		v, err := rawFromAny(a, f.sig.Params[i])
		if err != nil {
			return nil, fmt.Errorf("ffi: %v argument %d: %w", f.sig, i, err)
		}
		raw[i] = v
	}
	r, err := f.CallRaw(raw...)
	if err != nil {
		return nil, err
	}
	return anyFromRaw(f.sig.Return, r), nil
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

func rawFromAny(a any, k Kind) (uint64, error) {
	var v uint64
	isFloat := false
	switch x := a.(type) {
	case int:
		v = uint64(x)
	case int8:
		v = uint64(x)
	case int16:
		v = uint64(x)
	case int32:
		v = uint64(x)
	case int64:
		v = uint64(x)
	case uint:
		v = uint64(x)
	case uint8:
		v = uint64(x)
	case uint16:
		v = uint64(x)
	case uint32:
		v = uint64(x)
	case uint64:
		v = x
	case uintptr:
		v = uint64(x)
	case bool:
		if x {
			v = 1
		}
	case unsafe.Pointer:
		v = uint64(uintptr(x))
	case nil:
		v = 0
	case float32:
		isFloat = true
		if k == Float32 {
			return uint64(math.Float32bits(x)), nil
		}
		if k == Float64 {
			return math.Float64bits(float64(x)), nil
		}
	case float64:
		isFloat = true
		if k == Float64 {
			return math.Float64bits(x), nil
		}
		if k == Float32 {
			return uint64(math.Float32bits(float32(x))), nil
		}
	default:
		return 0, fmt.Errorf("unsupported Go type %T", a)
	}
	if isFloat {
		return 0, fmt.Errorf("float for %v parameter", k)
	}
	if k.isFloat() {
		return 0, fmt.Errorf("%T for %v parameter", a, k)
	}
	return normalize(k, v), nil
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
	}
	return nil
}
