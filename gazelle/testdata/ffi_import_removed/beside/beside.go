// Package beside is plain Go.
package beside

// Twice returns 2x.
func Twice(x int) int { return 2 * x }
