// Package sys reads the process ID, from libc where purego is available.
package sys

// Pid returns the process ID.
func Pid() int { return pid() }
