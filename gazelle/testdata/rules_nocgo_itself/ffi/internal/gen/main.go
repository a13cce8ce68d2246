// Command gen is a host tool under ffi that uses no FFI: it stays a go_binary.
package main

import "fmt"

func main() { fmt.Println("generated") }
