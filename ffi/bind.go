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
	return *(*T)(unsafe.Add(unsafe.Pointer(&v), lowBytes[T](unsafe.Sizeof(v))))
}

// lowBytes is the offset of a T in the low-order bytes of a word of
// size bytes: 0 on a little-endian machine, size minus T's size on a
// big-endian one.
func lowBytes[T any](size uintptr) uintptr {
	var t T
	if bigEndian {
		return size - unsafe.Sizeof(t)
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
// in place from the register's low-order bytes: what the ABI defines of
// a narrow argument.
func goArg[T any](p *plan, cb *cbFrame, i int) T {
	var a T
	if p.argsInPlace && unsafe.Sizeof(a) <= wordSize {
		return *(*T)(unsafe.Add(unsafe.Pointer(&cb.gpr[p.params[i].idx]), lowBytes[T](wordSize)))
	}
	p.argTo(cb, i, unsafe.Pointer(&a))
	return a
}

// setResultOf stores a callback's Go result where the entry code returns
// it. The common result, an integer in one core register (retWord), is
// widened as the ABI wants it without a switch on its kind.
func setResultOf[T any](p *plan, cb *cbFrame, r T) {
	if p.retWord && unsafe.Sizeof(r) <= wordSize {
		var v uint64 // r's bits, zero-extended (read at r's own size: a wider load of a narrower store stalls)
		switch unsafe.Sizeof(r) {
		case 1:
			v = uint64(*(*uint8)(unsafe.Pointer(&r)))
		case 2:
			v = uint64(*(*uint16)(unsafe.Pointer(&r)))
		case 4:
			v = uint64(*(*uint32)(unsafe.Pointer(&r)))
		default:
			v = *(*uint64)(unsafe.Pointer(&r))
		}
		if p.retSext {
			sh := 64 - 8*unsafe.Sizeof(r)
			v = uint64(int64(v<<sh) >> sh)
		}
		cb.r0 = uintptr(v)
		return
	}
	p.setResultFrom(cb, unsafe.Pointer(&r))
}

// argTo stores argument i of a callback, as its Go value, at dst. goArg
// and setResultOf are one call each, so that they inline into every typed
// callback; the common case, a scalar in a core register, costs no call
// more.
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
