package dlm

import "testing"

func TestLdexp(t *testing.T) {
	if got, err := Ldexp(1.5, 4); err != nil || got != 24 {
		t.Fatalf("Ldexp(1.5, 4) = %v, %v; want 24", got, err)
	}
}
