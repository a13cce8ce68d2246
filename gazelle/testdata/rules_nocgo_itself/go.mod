module github.com/nocgo/rules_nocgo

go 1.26
