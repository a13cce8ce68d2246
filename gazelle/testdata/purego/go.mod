module example.com/app

go 1.26

require github.com/nocgo/rules_nocgo v0.0.0

require github.com/ebitengine/purego v0.11.3
