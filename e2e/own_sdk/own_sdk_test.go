// A plain go_test of a module with its own Go SDK: it must be built by that SDK, not by
// rules_nocgo's default one.
package ownsdk

import (
	"os"
	"runtime"
	"testing"
)

func TestBuiltWithTheModulesOwnSDK(t *testing.T) {
	want := os.Getenv("WANT_GO_VERSION")
	if want == "" {
		t.Fatal("WANT_GO_VERSION is not set (the go_test's env attribute)")
	}
	if got := runtime.Version(); got != want {
		t.Fatalf("runtime.Version() = %s, want %s: rules_nocgo's toolchains took over this module's Go", got, want)
	}
	t.Logf("built with %s", runtime.Version())
}
