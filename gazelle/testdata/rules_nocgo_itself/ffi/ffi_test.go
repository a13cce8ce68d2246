package ffi

import "testing"

func TestConst(t *testing.T) {
	if RTLD_NOW != 2 {
		t.Fatal(RTLD_NOW)
	}
}
