package ffi_test

import "testing"

// On arm, blank fields make a Go type's layout C's where Go aligns a
// 64-bit field to 4 bytes and C to 8 (TestTypedStructs checks that the
// natural type Pad is a bind error there).
type PadArm struct {
	A int8
	_ [7]byte
	B int64
	C int16
	_ [6]byte
}

func TestTypedStructPaddingARM(t *testing.T) {
	typedShape[PadArm](t, "nt_pad", false)
}
