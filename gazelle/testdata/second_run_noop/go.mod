module example.com/app

go 1.26

require github.com/nocgo/rules_nocgo v0.0.0
