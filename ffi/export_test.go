package ffi

import "unsafe"

// LiveCallbacks is how many callback slots are in use, for tests that
// must know exactly how many more a table can take.
func LiveCallbacks() int {
	slotsMu.Lock()
	defer slotsMu.Unlock()
	return slotsLive
}

// HandoffMode says whether this test binary was built with the
// nocgo_handoff tag; HandoffServers how many server goroutines run now.
const HandoffMode = handoffMode

// HandoffRecords is how many callbacks may be in flight in handoff mode.
const HandoffRecords = handoffRecords

func HandoffServers() int { return handoffServers() }

// CPointer turns a raw address (a struct argument of a dynamic callback)
// into a pointer.
func CPointer(v uint64) unsafe.Pointer { return cPointer(v) }
