// A downstream module: Go sees rules_nocgo through the replace directive, Bazel through
// local_path_override in MODULE.bazel.
module example.com/downstream

go 1.26

require github.com/nocgo/rules_nocgo v0.0.0

replace github.com/nocgo/rules_nocgo => ../..
