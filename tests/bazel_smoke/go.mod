// A module of its own, so that `go test ./...` at the top (which has no emulator around it)
// leaves this Bazel-only smoke test alone.
module github.com/nocgo/rules_nocgo/tests/bazel_smoke

go 1.26

require github.com/nocgo/rules_nocgo v0.0.0

replace github.com/nocgo/rules_nocgo => ../..
