// Package plain is plain Go.
package plain

// Twice returns 2x.
func Twice(x int) int { return 2 * x }
