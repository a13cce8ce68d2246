// Tests for linkprobe: a build that fails for another reason than a
// refused reference is an error, never a verdict; a reference to a pushed
// symbol links with any SDK.
package linkprobe

import "testing"

func TestOtherFailureIsAnError(t *testing.T) {
	refused, err := Refused("go", nil, "amd64", "nocgo_no_such_symbol")
	if err == nil {
		t.Fatalf("an undefined symbol gave a verdict (refused=%v), want an error", refused)
	}
}

// runtime.cgocall is pushed (//go:linkname cgocall) by every SDK we use;
// it is a Go function, so the probe's ABI0 reference goes through its
// wrapper and must link.
func TestPushedSymbolLinks(t *testing.T) {
	refused, err := Refused("go", nil, "amd64", "cgocall")
	if err != nil || refused {
		t.Fatalf("runtime·cgocall: refused=%v err=%v, want it to link", refused, err)
	}
}
