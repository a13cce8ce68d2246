// Keeps `go test ./...` of rules_nocgo out of this Bazel-only workspace.
module example.com/workspace

go 1.26

require github.com/nocgo/rules_nocgo v0.0.0

replace github.com/nocgo/rules_nocgo => ../..
