// A nocgo_test variant must be built by the SDK it is pinned to, whatever the module's own
// go_sdk is.
package ownsdk

import (
	"os"
	"runtime"
	"testing"
)

func TestBuiltWithThePinnedSDK(t *testing.T) {
	sdk := os.Getenv("NOCGO_SDK")
	if sdk == "" {
		t.Fatal("NOCGO_SDK is not set (nocgo_test sets it to the variant's SDK)")
	}
	if got, want := runtime.Version(), "go"+sdk; got != want {
		t.Fatalf("runtime.Version() = %s, want %s (the variant's pinned SDK)", got, want)
	}
	t.Logf("built with %s for %s", runtime.Version(), os.Getenv("NOCGO_PLATFORM"))
}
