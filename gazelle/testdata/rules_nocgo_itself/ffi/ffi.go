// Package ffi calls C functions.
package ffi

import _ "github.com/nocgo/rules_nocgo/fakecgo" // runtime/cgo's work, without cgo

// RTLD_NOW resolves every symbol at dlopen time.
const RTLD_NOW = 2
