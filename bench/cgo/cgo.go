//go:build cgo

package cgo

/*
#include <stdint.h>

// The same functions as ffi/testdata/nocgotest.c, compiled into the
// binary as cgo does.
static int32_t nt_noop(int32_t x) { return x + 1; }

extern int32_t goNoop(int32_t);

static int32_t nt_call_noop(int32_t (*f)(int32_t), int32_t n) {
	int32_t s = 0;
	for (int32_t i = 0; i < n; i++) {
		s += f(i);
	}
	return s;
}

static int32_t call_go_noop(int32_t n) { return nt_call_noop(goNoop, n); }
*/
import "C"

//export goNoop
func goNoop(x C.int32_t) C.int32_t { return x + 1 }

func noop(x int32) int32 { return int32(C.nt_noop(C.int32_t(x))) }

func callNoop(n int32) int32 { return int32(C.call_go_noop(C.int32_t(n))) }
