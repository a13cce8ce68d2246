// Package fakecgo stands in for runtime/cgo.
package fakecgo

// Ready reports whether the hooks are installed.
func Ready() bool { return true }
