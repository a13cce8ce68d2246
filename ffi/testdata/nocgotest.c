// Test library for package ffi: signatures that stress each platform's C
// calling convention in both directions (Go calls C, C calls Go), and C
// threads calling Go concurrently. Built per GOARCH by tools/cc (or the
// host cc) when the tests run.
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>

// The 16 values every mixed-signature test passes, in this order. Chosen
// so that a value in the wrong register or slot, a missing extension, a
// float32 in the wrong half of a register or a double read as a float
// changes the result.
#define V1 ((int8_t)-3)
#define V2 1.25f
#define V3 -2.5e10
#define V4 ((int16_t)-30000)
#define V5 ((uint32_t)4000000000u)
#define V6 -0.75f
#define V7 ((int64_t)-1234567890123LL)
#define V8 3.0e-3
#define V9 ((uint8_t)250)
#define V10 1e20f
#define V11 ((int32_t)-2000000000)
#define V12 6.02e23
#define V13 ((uintptr_t)0x1234)
#define V14 -3.5f
#define V15 ((int64_t)0x7edcba9876543210LL)
#define V16 -1.0e-300

typedef int64_t (*mix16_fn)(int8_t, float, double, int16_t, uint32_t, float, int64_t, double, uint8_t,
                            float, int32_t, double, uintptr_t, float, int64_t, double);

// nt_mix16 returns a bit mask of the arguments that differ from V1..V16:
// 0 means every argument arrived intact.
int64_t nt_mix16(int8_t a1, float a2, double a3, int16_t a4, uint32_t a5, float a6, int64_t a7, double a8,
                 uint8_t a9, float a10, int32_t a11, double a12, uintptr_t a13, float a14, int64_t a15,
                 double a16) {
	int64_t bad = 0;
	bad |= (int64_t)(a1 != V1) << 0;
	bad |= (int64_t)(a2 != V2) << 1;
	bad |= (int64_t)(a3 != V3) << 2;
	bad |= (int64_t)(a4 != V4) << 3;
	bad |= (int64_t)(a5 != V5) << 4;
	bad |= (int64_t)(a6 != V6) << 5;
	bad |= (int64_t)(a7 != V7) << 6;
	bad |= (int64_t)(a8 != V8) << 7;
	bad |= (int64_t)(a9 != V9) << 8;
	bad |= (int64_t)(a10 != V10) << 9;
	bad |= (int64_t)(a11 != V11) << 10;
	bad |= (int64_t)(a12 != V12) << 11;
	bad |= (int64_t)(a13 != V13) << 12;
	bad |= (int64_t)(a14 != V14) << 13;
	bad |= (int64_t)(a15 != V15) << 14;
	bad |= (int64_t)(a16 != V16) << 15;
	return bad;
}

// nt_call_mix16 calls a Go callback with V1..V16 and returns its result.
int64_t nt_call_mix16(mix16_fn f) {
	return f(V1, V2, V3, V4, V5, V6, V7, V8, V9, V10, V11, V12, V13, V14, V15, V16);
}

// Sixteen of one class: all registers of that class, then the stack.
int64_t nt_ints16(int64_t a1, int32_t a2, int64_t a3, int32_t a4, int64_t a5, int32_t a6, int64_t a7, int32_t a8,
                  int64_t a9, int32_t a10, int64_t a11, int32_t a12, int64_t a13, int32_t a14, int64_t a15,
                  int32_t a16) {
	return a1 * 1 + a2 * 2 + a3 * 3 + a4 * 4 + a5 * 5 + a6 * 6 + a7 * 7 + a8 * 8 + a9 * 9 + a10 * 10 +
	       a11 * 11 + a12 * 12 + a13 * 13 + a14 * 14 + a15 * 15 + a16 * 16;
}

double nt_floats16(double a1, float a2, double a3, float a4, double a5, float a6, double a7, float a8, double a9,
                   float a10, double a11, float a12, double a13, float a14, double a15, float a16) {
	return a1 * 1 + a2 * 2 + a3 * 3 + a4 * 4 + a5 * 5 + a6 * 6 + a7 * 7 + a8 * 8 + a9 * 9 + a10 * 10 +
	       a11 * 11 + a12 * 12 + a13 * 13 + a14 * 14 + a15 * 15 + a16 * 16;
}

typedef double (*floats16_fn)(double, float, double, float, double, float, double, float, double, float, double,
                              float, double, float, double, float);

// nt_call_floats16 calls f with 1..16 (doubles at odd positions).
double nt_call_floats16(floats16_fn f) {
	return f(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16);
}

// Results of every kind.
int8_t nt_ret_i8(void) { return -5; }
uint8_t nt_ret_u8(void) { return 200; }
int16_t nt_ret_i16(void) { return -300; }
uint32_t nt_ret_u32(void) { return 4000000000u; }
int64_t nt_ret_i64(void) { return -1234567890123LL; }
uint64_t nt_ret_u64(void) { return 0xfedcba9876543210ULL; }
float nt_ret_f32(float x, double y) { return x * (float)y; }
double nt_ret_f64(float x, double y) { return (double)x + y; }

// Callbacks returning every kind; C checks what arrives.
typedef float (*f32_fn)(float, double, int32_t);
typedef double (*f64_fn)(double, float, int64_t);
typedef int8_t (*i8_fn)(int8_t);
typedef uint16_t (*u16_fn)(uint16_t);

float nt_call_f32(f32_fn f) { return f(1.5f, 2.25, -3); }
double nt_call_f64(f64_fn f) { return f(-0.5, 8.0f, 1LL << 40); }
// Adds 1 to what the callback returns: a result not truncated to int8 is caught.
int32_t nt_call_i8(i8_fn f) { return (int32_t)f(-100) + 1; }
int32_t nt_call_u16(u16_fn f) { return (int32_t)f(65000) + 1; }

// Concurrency: nthreads C threads each call f(thread, i) for i < calls and
// check that it returns thread*1000000 + i. Returns the number of wrong
// results, or -1 if a thread could not be created.
typedef int64_t (*pair_fn)(int32_t, int32_t);

struct worker {
	pthread_t t;
	pair_fn f;
	int32_t id, calls;
	int64_t bad;
};

static void *work(void *arg) {
	struct worker *w = arg;
	for (int32_t i = 0; i < w->calls; i++) {
		if (w->f(w->id, i) != (int64_t)w->id * 1000000 + i) {
			w->bad++;
		}
	}
	return NULL;
}

int64_t nt_threads(pair_fn f, int32_t nthreads, int32_t calls) {
	struct worker *ws = calloc(nthreads, sizeof *ws);
	int64_t bad = 0;
	int32_t started = 0;
	for (; started < nthreads; started++) {
		ws[started] = (struct worker){.f = f, .id = started, .calls = calls};
		if (pthread_create(&ws[started].t, NULL, work, &ws[started]) != 0) {
			bad = -1;
			break;
		}
	}
	for (int32_t i = 0; i < started; i++) {
		pthread_join(ws[i].t, NULL);
		if (bad >= 0) {
			bad += ws[i].bad;
		}
	}
	free(ws);
	return bad;
}

// nt_noop is the cheapest call there is, for benchmarks.
int32_t nt_noop(int32_t x) { return x + 1; }

// nt_call_noop calls f n times, for callback benchmarks.
int32_t nt_call_noop(int32_t (*f)(int32_t), int32_t n) {
	int32_t s = 0;
	for (int32_t i = 0; i < n; i++) {
		s += f(i);
	}
	return s;
}

// Memory safety: C holds a Go buffer across a call back into Go, which
// allocates and collects, then counts the bytes of buf that no longer hold
// the pattern Go wrote (buf[i] == (uint8_t)(i*7 + 1)). A Go buffer freed
// during the call shows up as changed bytes.
int32_t nt_hold(const uint8_t *buf, int32_t n, void (*f)(void)) {
	f();
	int32_t changed = 0;
	for (int32_t i = 0; i < n; i++) {
		if (buf[i] != (uint8_t)(i * 7 + 1)) {
			changed++;
		}
	}
	return changed;
}

// nt_identity_i32 returns its argument: bound with a Bool result, the
// low byte decides (C's _Bool).
int32_t nt_identity_i32(int32_t x) { return x; }

// Variadic calls: nt_vsum reads one variable argument per letter of kinds
// ('d' double, 'i' int, 'l' long long) and returns their sum, each
// weighted by its position (1, 2, ...), so that a value read from the
// wrong register or slot changes the result. nt_vfixed has a double among
// its fixed parameters (arm's base standard moves it to core registers
// too) and returns a float: scale * (the weighted sum of n doubles).
double nt_vsum(const char *kinds, ...) {
	va_list ap;
	va_start(ap, kinds);
	double s = 0;
	for (int i = 0; kinds[i]; i++) {
		double w = i + 1;
		switch (kinds[i]) {
		case 'd':
			s += w * va_arg(ap, double);
			break;
		case 'i':
			s += w * va_arg(ap, int);
			break;
		case 'l':
			s += w * (double)va_arg(ap, long long);
			break;
		}
	}
	va_end(ap);
	return s;
}

float nt_vfixed(double scale, int32_t n, ...) {
	va_list ap;
	va_start(ap, n);
	double s = 0;
	for (int32_t i = 0; i < n; i++) {
		s += (i + 1) * va_arg(ap, double);
	}
	va_end(ap);
	return (float)(scale * s);
}
