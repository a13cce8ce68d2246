package ffi

// LiveCallbacks is how many callback slots are in use, for tests that
// must know exactly how many more a table can take.
func LiveCallbacks() int {
	slotsMu.Lock()
	defer slotsMu.Unlock()
	return slotsLive
}
