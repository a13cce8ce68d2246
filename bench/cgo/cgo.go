//go:build cgo

package cgo

/*
#include <stdarg.h>
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

typedef struct { int32_t x, y, w, h; } nt_rect;

static nt_rect nt_rect_grow(nt_rect r, int32_t d) {
	nt_rect g = {r.x - d, r.y - d, r.w + 2 * d, r.h + 2 * d};
	return g;
}

static float nt_vfixed(double scale, int32_t n, ...) {
	va_list ap;
	va_start(ap, n);
	double s = 0;
	for (int32_t i = 0; i < n; i++) {
		s += (i + 1) * va_arg(ap, double);
	}
	va_end(ap);
	return (float)(scale * s);
}

// cgo cannot call a variadic C function: a fixed-arity wrapper calls it,
// as C code would.
static float nt_vfixed4(double scale, double a, double b, double c, double d) {
	return nt_vfixed(scale, 4, a, b, c, d);
}
*/
import "C"

//export goNoop
func goNoop(x C.int32_t) C.int32_t { return x + 1 }

func noop(x int32) int32 { return int32(C.nt_noop(C.int32_t(x))) }

func callNoop(n int32) int32 { return int32(C.call_go_noop(C.int32_t(n))) }

func vfixed4(scale, a, b, c, d float64) float32 {
	return float32(C.nt_vfixed4(C.double(scale), C.double(a), C.double(b), C.double(c), C.double(d)))
}

// Rect is nt_rect (SDL_Rect-like, 16 bytes).
type Rect struct{ X, Y, W, H int32 }

func rectGrow(r Rect, d int32) Rect {
	g := C.nt_rect_grow(C.nt_rect{x: C.int32_t(r.X), y: C.int32_t(r.Y), w: C.int32_t(r.W), h: C.int32_t(r.H)}, C.int32_t(d))
	return Rect{int32(g.x), int32(g.y), int32(g.w), int32(g.h)}
}
