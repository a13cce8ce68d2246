// The pieces every typed binding in zbind.go is made of: a Go value to a
// raw argument, a raw result to a Go value, and the same two for
// callbacks. Each is small enough to be inlined, so a typed call neither
// reflects nor allocates.
package ffi

import (
	"fmt"
	"unsafe"
)

// rawArg is the raw value of argument i of a typed call, read from *v.
func rawArg[T any](p *plan, i int, v *T) uint64 {
	return rawOf(unsafe.Pointer(v), p.bound[i])
}

// goResult turns a typed call's raw result into its Go type, a scalar (a
// struct result takes callTyped). callRaw's result is normalized
// (extended by its kind, a float32's bits in the low half), so T's value
// is v's low bytes, read in place: on a big-endian machine the last ones.
func goResult[T any](p *plan, v uint64) T {
	var r T
	if unsafe.Sizeof(r) > unsafe.Sizeof(v) {
		panic("ffi: goResult of a struct") // not reached: bind time sent it to callTyped
	}
	return *(*T)(unsafe.Add(unsafe.Pointer(&v), lowOffset(unsafe.Sizeof(v), unsafe.Sizeof(r))))
}

// lowOffset is the offset of a value of n bytes in the low-order bytes
// of a word of size bytes: 0 on a little-endian machine, size minus n on
// a big-endian one.
func lowOffset(size, n uintptr) uintptr {
	if bigEndian {
		return size - n
	}
	return 0
}

// callTyped is a typed call of a signature with structs by value: args
// point to the Go arguments (a struct's Go layout is its C layout, which
// bind time checked).
func callTyped[R any](p *plan, fn uintptr, args ...unsafe.Pointer) R {
	var raw [MaxArgs]uint64
	for i, a := range args {
		if !p.params[i].kind.IsAggregate() {
			raw[i] = rawOf(a, p.bound[i])
		}
	}
	var r R
	if p.ret.IsAggregate() {
		callAggregate(p, fn, unsafe.Pointer(&r), raw[:len(args)], args)
		return r
	}
	storeRaw(unsafe.Pointer(&r), p.ret, callAggregate(p, fn, nil, raw[:len(args)], args))
	return r
}

// goArg is argument i of a callback as its Go type. In the common plan,
// every argument a scalar in one core register (argsInPlace), it is read
// in place: the low-order bytes of its register, at the offset in the
// cbFrame that the plan computed for it (argAt), which is what the ABI
// defines of a narrow argument. T is the type whose kind p was made from
// (kindFor), so it fits the register. goArg and setResultOf are small
// enough to be inlined into the binding's closure: a typed callback makes
// no call of its own but to the Go function.
func goArg[T any](p *plan, cb *cbFrame, i int) T {
	if p.argsInPlace {
		return *(*T)(unsafe.Add(unsafe.Pointer(cb), p.argAt[i]))
	}
	var a T
	p.argTo(cb, i, unsafe.Pointer(&a))
	return a
}

// setResultOf stores a callback's Go result where the entry code returns
// it. The common result, an integer, bool or pointer in one core
// register (retWord), is stored as it is in the low-order bytes of r0,
// and callbackDispatch widens it (widenResult) once the callback has
// returned, without a switch on its kind here. As in goArg, T is the
// result's own type, which retWord says fits r0.
func setResultOf[T any](p *plan, cb *cbFrame, r T) {
	if p.retWord {
		// r may be a pointer, whose store has a write barrier while the
		// GC marks, and the barrier reads the word it overwrites as a
		// pointer too: r0 is cleared first, so that it never reads what
		// C's stack held there.
		cb.r0 = 0
		*(*T)(unsafe.Add(unsafe.Pointer(&cb.r0), p.retLow)) = r
		return
	}
	p.setResultFrom(cb, unsafe.Pointer(&r))
}

// widenResult extends a retWord result in the low-order bytes of r0 to
// the register's width, as the ABI wants it (retSext). It reads the
// result at its own size: a wider load of setResultOf's narrower store
// would stall store forwarding. A result that setResult stored is
// already extended, and extending it again changes nothing.
func (p *plan) widenResult(cb *cbFrame) {
	at := unsafe.Add(unsafe.Pointer(&cb.r0), p.retLow)
	var v uint64
	switch p.retSize {
	case 1:
		v = uint64(*(*uint8)(at))
	case 2:
		v = uint64(*(*uint16)(at))
	case 4:
		v = uint64(*(*uint32)(at))
	default:
		v = uint64(cb.r0)
	}
	if p.retSext {
		sh := 64 - 8*p.retSize
		v = uint64(int64(v<<sh) >> sh)
	}
	cb.r0 = uintptr(v)
}

// argTo stores argument i of a callback, as its Go value, at dst: goArg
// where the argument is not read in place, out of line so that goArg
// stays inlinable.
func (p *plan) argTo(cb *cbFrame, i int, dst unsafe.Pointer) {
	l := &p.params[i]
	switch {
	case l.where == inGPR && !p.agg: // p.agg: no struct anywhere in the signature
		storeRaw(dst, l.kind, normalize(l.kind, uint64(cb.gpr[l.idx])))
	case l.kind.IsAggregate():
		p.argAggregate(cb, i, dst)
	default:
		storeRaw(dst, l.kind, p.arg(cb, i))
	}
}

// setResultFrom stores a callback's Go result, at src, where the entry code
// returns it.
func (p *plan) setResultFrom(cb *cbFrame, src unsafe.Pointer) {
	if p.agg && p.ret.IsAggregate() {
		p.setAggResult(cb, src)
		return
	}
	p.setResult(cb, rawOf(src, p.ret))
}

// bound returns a typed binding's function, or only err when binding
// failed.
func bound[F any](err error, f F) (F, error) {
	if err != nil {
		var none F
		return none, err
	}
	return f, nil
}

// typedCallback makes a callback of a typed signature; fn moves its
// arguments and result between the cbFrame and the Go function, which
// is nil when nilFunc.
func typedCallback(nilFunc bool, retK goKind, paramKs []goKind, fn func(p *plan, cb *cbFrame)) (*Callback, error) {
	if nilFunc {
		return nil, errNilCallback
	}
	ret, params, err := goKinds(retK, paramKs)
	if err != nil {
		return nil, fmt.Errorf("%w (callback)", err)
	}
	sig := Signature{Return: ret, Params: params}
	p, err := newPlan(ret, params)
	if err != nil {
		return nil, err
	}
	return newCallback(sig, p, fn)
}
