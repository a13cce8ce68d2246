package ffi

//go:generate go run ./internal/gen

// typedPlan checks sym and lays out a typed binding's signature.
func typedPlan(sym Symbol, ret Kind, params []Kind) (*plan, error) {
	if sym == 0 {
		return nil, errNilFunc
	}
	return newPlan(ret, params)
}
