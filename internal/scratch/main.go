package main

import (
	"fmt"
	"os"
	"runtime"
	"sync"

	_ "github.com/nocgo/rules_nocgo/fakecgo"
)

func main() {
	var wg sync.WaitGroup
	for i := 0; i < 50; i++ {
		wg.Add(1)
		go func() { defer wg.Done(); runtime.LockOSThread(); var s []int; for j := 0; j < 1000; j++ { s = append(s, j) }; _ = s }()
	}
	wg.Wait()
	os.Setenv("FOO", "bar")
	fmt.Println("hello", runtime.NumGoroutine())
}
