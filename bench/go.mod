module github.com/nocgo/rules_nocgo/bench

go 1.26

require (
	github.com/ebitengine/purego v0.11.3
	github.com/nocgo/rules_nocgo v0.0.0
)

replace github.com/nocgo/rules_nocgo => ../
