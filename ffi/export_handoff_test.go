//go:build linux && nocgo_handoff

package ffi

import "sync/atomic"

// SetHandoffLimit lowers the number of callbacks that may be in flight in
// handoff mode, for a test of the bound that needs few threads; call it
// before the first callback is made.
func SetHandoffLimit(n uint32) { atomic.StoreUint32(&handoff.limit, n) }
