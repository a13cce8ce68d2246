package ffi

import (
	"testing"
	"unsafe"
)

// A regFrame stands in for a callFrame: every field it has must sit where
// callFrame's does.
func TestRegFrameLayout(t *testing.T) {
	var c callFrame
	var r regFrame
	check := func(name string, co, ro uintptr) {
		if co != ro {
			t.Errorf("%s: callFrame offset %d, regFrame offset %d", name, co, ro)
		}
	}
	check("fn", unsafe.Offsetof(c.fn), unsafe.Offsetof(r.fn))
	check("nstack", unsafe.Offsetof(c.nstack), unsafe.Offsetof(r.nstack))
	check("flags", unsafe.Offsetof(c.flags), unsafe.Offsetof(r.flags))
	check("res", unsafe.Offsetof(c.res), unsafe.Offsetof(r.res))
	check("ind", unsafe.Offsetof(c.ind), unsafe.Offsetof(r.ind))
	check("gpr", unsafe.Offsetof(c.gpr), unsafe.Offsetof(r.gpr))
	check("fpr", unsafe.Offsetof(c.fpr), unsafe.Offsetof(r.fpr))
	// (Sizeof(r) may exceed this by the padding Go adds after a final
	// zero-size field, as on 386 where fpr is empty; nothing writes there.)
	if end := unsafe.Offsetof(r.fpr) + unsafe.Sizeof(r.fpr); end > unsafe.Offsetof(c.stack) {
		t.Errorf("regFrame fields end at %d, past callFrame.stack (offset %d)", end, unsafe.Offsetof(c.stack))
	}
}
