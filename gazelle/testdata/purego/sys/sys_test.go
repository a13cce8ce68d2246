package sys_test

import (
	"os"
	"testing"

	"example.com/app/sys"
)

func TestPid(t *testing.T) {
	if got, want := sys.Pid(), os.Getpid(); got != want {
		t.Fatalf("Pid() = %d; want %d", got, want)
	}
}
