// The e2e module with its own Go SDK: plain Go for gofmt and vet; Bazel builds it through
// MODULE.bazel.
module example.com/ownsdk

go 1.26
