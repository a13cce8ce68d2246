// Package tests is the Go side of the analysis tests in rules/tests (the nocgo_test they inspect).
package tests

import "testing"

func TestNothing(t *testing.T) {}
