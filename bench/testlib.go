package bench

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
)

// TestLib returns the path of the test C library, building it with the
// host cc unless NOCGO_TESTLIB names one.
func TestLib() (string, error) {
	if p := os.Getenv("NOCGO_TESTLIB"); p != "" {
		return p, nil
	}
	_, file, _, _ := runtime.Caller(0)
	src := filepath.Join(filepath.Dir(file), "..", "ffi", "testdata", "nocgotest.c")
	dir, err := os.MkdirTemp("", "nocgobench")
	if err != nil {
		return "", err
	}
	out := filepath.Join(dir, "libnocgotest.so")
	if b, err := exec.Command("cc", "-O2", "-shared", "-fPIC", "-o", out, src, "-lpthread").CombinedOutput(); err != nil {
		return "", fmt.Errorf("cc: %v\n%s", err, b)
	}
	return out, nil
}
