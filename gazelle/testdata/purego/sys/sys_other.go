//go:build !linux

package sys

import "os"

func pid() int { return os.Getpid() }
