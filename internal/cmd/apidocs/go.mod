// The API docs renderer is a module of its own, so that the ffi module (the root one) keeps no
// dependency: it reads Bazel's starlark_doc_extract output with protobuf's wire decoder.
module github.com/nocgo/rules_nocgo/internal/cmd/apidocs

go 1.26

require google.golang.org/protobuf v1.36.10
