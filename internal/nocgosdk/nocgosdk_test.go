package nocgosdk

import (
	"slices"
	"testing"
)

func TestCommaList(t *testing.T) {
	if got, want := CommaList(" amd64, ,s390x,"), []string{"amd64", "s390x"}; !slices.Equal(got, want) {
		t.Fatalf("CommaList: %q, want %q", got, want)
	}
	if got := CommaList(""); len(got) != 0 {
		t.Fatalf("CommaList(\"\"): %q, want none", got)
	}
}
