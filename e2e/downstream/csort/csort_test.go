package csort_test

import (
	"cmp"
	"math"
	"math/rand"
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"testing"

	"example.com/downstream/csort"
)

func open(t *testing.T) *csort.C {
	t.Helper()
	c, err := csort.Open()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestPlatform checks that this really is the platform and build that nocgo_test asked for.
func TestPlatform(t *testing.T) {
	want := os.Getenv("NOCGO_GOARCH")
	if want == "" {
		t.Skip("not run by nocgo_test (plain go test)")
	}
	if runtime.GOARCH != want {
		t.Errorf("running linux/%s, nocgo_test says linux/%s", runtime.GOARCH, want)
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		t.Fatal("no build info")
	}
	for _, s := range info.Settings {
		if s.Key == "CGO_ENABLED" && s.Value != "0" {
			t.Errorf("CGO_ENABLED=%s, want 0", s.Value)
		}
	}
	t.Logf("linux/%s %s", runtime.GOARCH, runtime.Version())
}

func TestSort(t *testing.T) {
	c := open(t)
	rng := rand.New(rand.NewSource(1))
	xs := make([]int64, 1000)
	for i := range xs {
		xs[i] = rng.Int63() - 1<<62
	}
	xs[10], xs[20] = math.MinInt64, math.MaxInt64
	want := slices.Clone(xs)
	slices.Sort(want)

	calls, err := c.Sort(xs, cmp.Compare[int64])
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(xs, want) {
		t.Fatalf("qsort with a Go comparator did not sort: first elements %v", xs[:8])
	}
	if calls < len(xs)-1 {
		t.Errorf("the comparator ran %d times for %d elements", calls, len(xs))
	}

	// Descending, through a second comparator (a func literal).
	if _, err := c.Sort(xs, func(a, b int64) int { return cmp.Compare(b, a) }); err != nil {
		t.Fatal(err)
	}
	slices.Reverse(want)
	if !slices.Equal(xs, want) {
		t.Fatalf("descending qsort: first elements %v", xs[:8])
	}
}

// TestFloats covers the float cases that are easy to get wrong: a double followed by an int
// (ppc64le: the int goes to the next GPR slot), and float32 in FP registers (riscv64: NaN-boxed;
// s390x: the high half of the FPR).
func TestFloats(t *testing.T) {
	c := open(t)
	for _, tc := range []struct {
		x    float64
		exp  int32
		want float64
	}{
		{1.5, 4, 24},
		{math.Pi, -1, math.Pi / 2},
		{1, -1074, math.SmallestNonzeroFloat64},
		{-3, 0, -3},
	} {
		if got := c.Ldexp(tc.x, tc.exp); got != tc.want {
			t.Errorf("ldexp(%v, %d) = %v, want %v", tc.x, tc.exp, got, tc.want)
		}
	}
	if got := c.Sqrtf(9); got != 3 {
		t.Errorf("sqrtf(9) = %v, want 3", got)
	}
}
