// The pieces every typed binding in zbind.go is made of: a Go value to a
// raw argument, a raw result to a Go value, and the same two for
// callbacks. Each is small enough to be inlined, so a typed call neither
// reflects nor allocates.
package ffi

import "unsafe"

// rawArg is the raw value of argument i of a typed call, read from *v.
func rawArg[T Scalar](p *plan, i int, v *T) uint64 {
	return rawOf(unsafe.Pointer(v), p.declaredKind(i))
}

// goResult turns a typed call's raw result into its Go type.
func goResult[T Scalar](p *plan, v uint64) T {
	var r T
	storeRaw(unsafe.Pointer(&r), p.ret, v)
	return r
}

// goArg is argument i of a callback as its Go type.
func goArg[T Scalar](p *plan, cb *cbFrame, i int) T {
	var a T
	storeRaw(unsafe.Pointer(&a), p.params[i].kind, p.arg(cb, i))
	return a
}

// rawResult is the raw value of a callback's Go result.
func rawResult[T Scalar](p *plan, r T) uint64 {
	return rawOf(unsafe.Pointer(&r), p.ret)
}

// typedCallback makes a callback of a typed signature; fn moves its
// arguments and result between the cbFrame and the Go function.
func typedCallback(ret Kind, params []Kind, fn func(p *plan, cb *cbFrame)) (*Callback, error) {
	sig := Signature{Return: ret, Params: params}
	p, err := newPlan(ret, params)
	if err != nil {
		return nil, err
	}
	return newCallback(sig, p, fn)
}
