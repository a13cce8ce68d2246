// Package gone is plain Go.
package gone

// Twice returns 2x.
func Twice(x int) int { return 2 * x }
