// Package wrapper is plain Go.
package wrapper

// Twice returns 2x.
func Twice(x int) int { return 2 * x }
