// Package example uses ffi from inside the repository.
package example

import "github.com/nocgo/rules_nocgo/ffi"

// Mode is the dlopen mode examples use.
const Mode = ffi.RTLD_NOW
