// Package main is a probe for tools/matrix: its assembly references a
// std-only runtime symbol, which Go 1.27's linker must refuse.
package main

func probe()

func main() { probe() }
