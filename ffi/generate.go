package ffi

//go:generate go run ./internal/gen
