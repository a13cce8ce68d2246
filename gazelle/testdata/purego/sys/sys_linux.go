//go:build linux

package sys

import "github.com/ebitengine/purego"

func pid() int {
	libc, err := purego.Dlopen("libc.so.6", purego.RTLD_NOW)
	if err != nil {
		return -1
	}
	var getpid func() int32
	purego.RegisterLibFunc(&getpid, libc, "getpid")
	return int(getpid())
}
