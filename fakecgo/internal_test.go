//go:build !cgo && linux

package fakecgo

import "testing"

// _cgo_init ran and created the pthread key, so C threads keep their M
// between calls (bindm) instead of borrowing one per call.
func TestPthreadKeyCreated(t *testing.T) {
	if pthreadKeyCreated != 1 {
		t.Fatal("pthread key not created by _cgo_init")
	}
	if setg == 0 {
		t.Fatal("_cgo_init did not receive setg_gcc")
	}
	if !_iscgo {
		t.Fatal("runtime.iscgo not set")
	}
}
