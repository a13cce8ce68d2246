package lib

import "testing"

func TestMore(t *testing.T) {
	if _, err := Ldexp(1, 1); err != nil {
		t.Fatal(err)
	}
}
