// Package lib is plain Go.
package lib

// Twice returns 2x.
func Twice(x int) int { return 2 * x }
