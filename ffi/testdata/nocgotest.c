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

// ---- Structs by value ----
//
// Every shape below gets the same functions (NT_SHAPE), which the Go tests
// (struct_test.go) call with the shape's Kind and check against what C
// computes, never against constants:
//   nt_hash_S(s)                      hash of s's members
//   nt_hashA_S(5 x int64, 7 x double, s, int64 z, double w)
//   nt_hashB_S(8 x int64, 6 x double, s, int64 z)   integer registers used up
//   nt_hashC_S(7 x int64, s, int64 z, s t)          one integer register left
//   nt_make_S(seed)                   a struct made from seed
//   nt_makeA_S(6 x int64, double, seed)  the same, with the seed mixed with the others
//   nt_echoA_S(5 x int64, 7 x double, s) s itself
//   nt_callback_S(f, seed)            calls the Go callback f (see below) and hashes
//                                     the struct it returns
// The hash of a list of scalars is h = h*1000003 ^ raw(x) over them in order,
// starting from 0, where raw(x) is an integer sign- or zero-extended by its
// type to 64 bits, and a float's or double's IEEE bits. A struct's members are
// hashed in memory order, nested structs and arrays flattened. Member i
// (counting from 0 in that order) of nt_make_S(seed) is nt_fval(seed, i) for
// floats, nt_ival(seed, i) converted (truncated) to its type for integers.
#include <string.h>

static uint64_t nt_mixh(uint64_t h, uint64_t v) { return h * 1000003u ^ v; }
static uint64_t nt_fbits(float f) {
	uint32_t u;
	memcpy(&u, &f, 4);
	return u;
}
static uint64_t nt_dbits(double d) {
	uint64_t u;
	memcpy(&u, &d, 8);
	return u;
}
static uint64_t nt_sraw(int64_t x) { return (uint64_t)x; }
static uint64_t nt_uraw(uint64_t x) { return x; }
#define NT_RAW(x)                                                                                                 \
	_Generic((x), float: nt_fbits, double: nt_dbits, int8_t: nt_sraw, int16_t: nt_sraw, int32_t: nt_sraw,          \
	         int64_t: nt_sraw, uint8_t: nt_uraw, uint16_t: nt_uraw, uint32_t: nt_uraw, uint64_t: nt_uraw)(x)
static double nt_fval(int32_t seed, int i) { return (i & 1 ? -1.0 : 1.0) * (seed * 0.25 + i + 0.5); }
static int64_t nt_ival(int32_t seed, int i) {
	return (int64_t)((uint64_t)(int64_t)seed * 0x9E3779B97F4A7C15ull * (uint64_t)(i + 1) + (uint64_t)i);
}
#define NT_H(T, e) h = nt_mixh(h, NT_RAW((T)(e)));
#define NT_SET(T, e)                                                                                              \
	e = _Generic((T)0, float: (T)nt_fval(seed, i), double: (T)nt_fval(seed, i), default: (T)nt_ival(seed, i));   \
	i++;

#define NT_SHAPE(S)                                                                                               \
	uint64_t nt_hash_##S(S s) {                                                                                   \
		uint64_t h = 0;                                                                                           \
		LEAVES_##S(NT_H, s) return h;                                                                             \
	}                                                                                                             \
	uint64_t nt_hashA_##S(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2,       \
	                      double d3, double d4, double d5, double d6, double d7, S s, int64_t z, double w) {      \
		uint64_t h = 0;                                                                                           \
		NT_H(int64_t, a1) NT_H(int64_t, a2) NT_H(int64_t, a3) NT_H(int64_t, a4) NT_H(int64_t, a5)               \
		NT_H(double, d1) NT_H(double, d2) NT_H(double, d3) NT_H(double, d4) NT_H(double, d5) NT_H(double, d6)    \
		NT_H(double, d7) LEAVES_##S(NT_H, s) NT_H(int64_t, z) NT_H(double, w) return h;                           \
	}                                                                                                             \
	uint64_t nt_hashB_##S(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, int64_t a6, int64_t a7,     \
	                      int64_t a8, double d1, double d2, double d3, double d4, double d5, double d6, S s,      \
	                      int64_t z) {                                                                            \
		uint64_t h = 0;                                                                                           \
		NT_H(int64_t, a1) NT_H(int64_t, a2) NT_H(int64_t, a3) NT_H(int64_t, a4) NT_H(int64_t, a5)               \
		NT_H(int64_t, a6) NT_H(int64_t, a7) NT_H(int64_t, a8) NT_H(double, d1) NT_H(double, d2)                 \
		NT_H(double, d3) NT_H(double, d4) NT_H(double, d5) NT_H(double, d6) LEAVES_##S(NT_H, s)                  \
		NT_H(int64_t, z) return h;                                                                                \
	}                                                                                                             \
	uint64_t nt_hashC_##S(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, int64_t a6, int64_t a7,     \
	                      S s, int64_t z, S t) {                                                                  \
		uint64_t h = 0;                                                                                           \
		NT_H(int64_t, a1) NT_H(int64_t, a2) NT_H(int64_t, a3) NT_H(int64_t, a4) NT_H(int64_t, a5)               \
		NT_H(int64_t, a6) NT_H(int64_t, a7) LEAVES_##S(NT_H, s) NT_H(int64_t, z) LEAVES_##S(NT_H, t) return h;   \
	}                                                                                                             \
	S nt_make_##S(int32_t seed) {                                                                                 \
		S r;                                                                                                      \
		int i = 0;                                                                                                \
		memset(&r, 0, sizeof r);                                                                                  \
		LEAVES_##S(NT_SET, r) return r;                                                                           \
	}                                                                                                             \
	S nt_makeA_##S(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, int64_t a6, double d1,            \
	               int32_t seed) {                                                                                \
		uint64_t h = 0;                                                                                           \
		NT_H(int64_t, a1) NT_H(int64_t, a2) NT_H(int64_t, a3) NT_H(int64_t, a4) NT_H(int64_t, a5)               \
		NT_H(int64_t, a6) NT_H(double, d1) return nt_make_##S(seed ^ (int32_t)h);                                 \
	}                                                                                                             \
	S nt_echoA_##S(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3,   \
	               double d4, double d5, double d6, double d7, S s) {                                             \
		(void)a1, (void)a2, (void)a3, (void)a4, (void)a5, (void)d1, (void)d2, (void)d3, (void)d4, (void)d5,       \
		    (void)d6, (void)d7;                                                                                   \
		return s;                                                                                                 \
	}                                                                                                             \
	uint64_t nt_callback_##S(S (*f)(int64_t, int64_t, int64_t, int64_t, int64_t, double, double, double, double, \
	                                double, double, double, S, int64_t, S),                                       \
	                         int32_t seed) {                                                                      \
		S s = nt_make_##S(seed), t = nt_make_##S(seed + 1);                                                       \
		S r = f(1, -2, 3, -4, 5, 0.5, -1.5, 2.5, -3.5, 4.5, -5.5, 6.5, s, -7, t);                                 \
		return nt_hash_##S(r);                                                                                    \
	}

typedef struct { int8_t a; } nt_c1;
#define LEAVES_nt_c1(X, s) X(int8_t, s.a)
typedef struct { int16_t a; } nt_s1;
#define LEAVES_nt_s1(X, s) X(int16_t, s.a)
typedef struct { uint8_t a, b, c; } nt_c3;
#define LEAVES_nt_c3(X, s) X(uint8_t, s.a) X(uint8_t, s.b) X(uint8_t, s.c)
typedef struct { uint8_t r, g, b, a; } nt_color; // SDL_Color
#define LEAVES_nt_color(X, s) X(uint8_t, s.r) X(uint8_t, s.g) X(uint8_t, s.b) X(uint8_t, s.a)
typedef struct { int32_t a; } nt_i1;
#define LEAVES_nt_i1(X, s) X(int32_t, s.a)
typedef struct { float a; } nt_f1;
#define LEAVES_nt_f1(X, s) X(float, s.a)
typedef struct { double a; } nt_d1;
#define LEAVES_nt_d1(X, s) X(double, s.a)
typedef struct { int64_t a; } nt_l1;
#define LEAVES_nt_l1(X, s) X(int64_t, s.a)
typedef struct { int8_t a[7]; } nt_c7;
#define LEAVES_nt_c7(X, s)                                                                                        \
	X(int8_t, s.a[0]) X(int8_t, s.a[1]) X(int8_t, s.a[2]) X(int8_t, s.a[3]) X(int8_t, s.a[4]) X(int8_t, s.a[5])   \
	X(int8_t, s.a[6])
typedef struct { float a, b; } nt_f2;
#define LEAVES_nt_f2(X, s) X(float, s.a) X(float, s.b)
typedef struct { int32_t a; float b; } nt_if;
#define LEAVES_nt_if(X, s) X(int32_t, s.a) X(float, s.b)
typedef struct { float a; int32_t b; } nt_fi;
#define LEAVES_nt_fi(X, s) X(float, s.a) X(int32_t, s.b)
typedef struct { uint32_t a; uint16_t b; } nt_is;
#define LEAVES_nt_is(X, s) X(uint32_t, s.a) X(uint16_t, s.b)
typedef struct { float a, b, c; } nt_f3;
#define LEAVES_nt_f3(X, s) X(float, s.a) X(float, s.b) X(float, s.c)
typedef struct { int32_t a, b, c; } nt_i3;
#define LEAVES_nt_i3(X, s) X(int32_t, s.a) X(int32_t, s.b) X(int32_t, s.c)
typedef struct { int32_t x, y, w, h; } nt_rect; // SDL_Rect
#define LEAVES_nt_rect(X, s) X(int32_t, s.x) X(int32_t, s.y) X(int32_t, s.w) X(int32_t, s.h)
typedef struct { struct { float x, y; } pos; struct { float w, h; } size; } nt_frect; // nested, 4 floats
#define LEAVES_nt_frect(X, s) X(float, s.pos.x) X(float, s.pos.y) X(float, s.size.w) X(float, s.size.h)
typedef struct { double a, b; } nt_d2;
#define LEAVES_nt_d2(X, s) X(double, s.a) X(double, s.b)
typedef struct { double a; int64_t b; } nt_dl;
#define LEAVES_nt_dl(X, s) X(double, s.a) X(int64_t, s.b)
typedef struct { int64_t a; double b; } nt_ld;
#define LEAVES_nt_ld(X, s) X(int64_t, s.a) X(double, s.b)
typedef struct { float a; double b; } nt_fd;
#define LEAVES_nt_fd(X, s) X(float, s.a) X(double, s.b)
typedef struct { int8_t a; double b; } nt_cd;
#define LEAVES_nt_cd(X, s) X(int8_t, s.a) X(double, s.b)
typedef struct { int64_t a, b; } nt_l2;
#define LEAVES_nt_l2(X, s) X(int64_t, s.a) X(int64_t, s.b)
typedef struct { float a[5]; } nt_f5;
#define LEAVES_nt_f5(X, s) X(float, s.a[0]) X(float, s.a[1]) X(float, s.a[2]) X(float, s.a[3]) X(float, s.a[4])
typedef struct { double a, b, c; } nt_d3;
#define LEAVES_nt_d3(X, s) X(double, s.a) X(double, s.b) X(double, s.c)
typedef struct { int8_t a; int64_t b; int16_t c; } nt_pad;
#define LEAVES_nt_pad(X, s) X(int8_t, s.a) X(int64_t, s.b) X(int16_t, s.c)
typedef struct { int8_t tag; int16_t v[3]; float f; } nt_arr;
#define LEAVES_nt_arr(X, s) X(int8_t, s.tag) X(int16_t, s.v[0]) X(int16_t, s.v[1]) X(int16_t, s.v[2]) X(float, s.f)
typedef struct { double a[4]; } nt_d4;
#define LEAVES_nt_d4(X, s) X(double, s.a[0]) X(double, s.a[1]) X(double, s.a[2]) X(double, s.a[3])
typedef struct { float a[8]; } nt_f8;
#define LEAVES_nt_f8(X, s)                                                                                        \
	X(float, s.a[0]) X(float, s.a[1]) X(float, s.a[2]) X(float, s.a[3]) X(float, s.a[4]) X(float, s.a[5])         \
	X(float, s.a[6]) X(float, s.a[7])
typedef struct { int8_t a; double b; float c; int32_t d; } nt_mix;
#define LEAVES_nt_mix(X, s) X(int8_t, s.a) X(double, s.b) X(float, s.c) X(int32_t, s.d)
typedef struct { double a[8]; } nt_d8;
#define LEAVES_nt_d8(X, s)                                                                                        \
	X(double, s.a[0]) X(double, s.a[1]) X(double, s.a[2]) X(double, s.a[3]) X(double, s.a[4]) X(double, s.a[5])  \
	X(double, s.a[6]) X(double, s.a[7])
typedef struct { int64_t a[8]; } nt_l8;
#define LEAVES_nt_l8(X, s)                                                                                        \
	X(int64_t, s.a[0]) X(int64_t, s.a[1]) X(int64_t, s.a[2]) X(int64_t, s.a[3]) X(int64_t, s.a[4])               \
	X(int64_t, s.a[5]) X(int64_t, s.a[6]) X(int64_t, s.a[7])
typedef struct { struct { double v; } in; } nt_nd1;
#define LEAVES_nt_nd1(X, s) X(double, s.in.v)
typedef struct { struct { float v; } in; } nt_nf1;
#define LEAVES_nt_nf1(X, s) X(float, s.in.v)
typedef struct { float a; float b; float c; float d; float e; float f; } nt_f6;
#define LEAVES_nt_f6(X, s) X(float, s.a) X(float, s.b) X(float, s.c) X(float, s.d) X(float, s.e) X(float, s.f)
typedef struct { uint16_t a; uint8_t b; uint32_t c; uint64_t d; int32_t e; } nt_u5; // 24, padded
#define LEAVES_nt_u5(X, s) X(uint16_t, s.a) X(uint8_t, s.b) X(uint32_t, s.c) X(uint64_t, s.d) X(int32_t, s.e)

NT_SHAPE(nt_c1)
NT_SHAPE(nt_s1)
NT_SHAPE(nt_c3)
NT_SHAPE(nt_color)
NT_SHAPE(nt_i1)
NT_SHAPE(nt_f1)
NT_SHAPE(nt_d1)
NT_SHAPE(nt_l1)
NT_SHAPE(nt_c7)
NT_SHAPE(nt_f2)
NT_SHAPE(nt_if)
NT_SHAPE(nt_fi)
NT_SHAPE(nt_is)
NT_SHAPE(nt_f3)
NT_SHAPE(nt_i3)
NT_SHAPE(nt_rect)
NT_SHAPE(nt_frect)
NT_SHAPE(nt_d2)
NT_SHAPE(nt_dl)
NT_SHAPE(nt_ld)
NT_SHAPE(nt_fd)
NT_SHAPE(nt_cd)
NT_SHAPE(nt_l2)
NT_SHAPE(nt_f5)
NT_SHAPE(nt_d3)
NT_SHAPE(nt_pad)
NT_SHAPE(nt_arr)
NT_SHAPE(nt_d4)
NT_SHAPE(nt_f8)
NT_SHAPE(nt_mix)
NT_SHAPE(nt_d8)
NT_SHAPE(nt_l8)
NT_SHAPE(nt_nd1)
NT_SHAPE(nt_nf1)
NT_SHAPE(nt_f6)
NT_SHAPE(nt_u5)

// nt_sizeof_S: the shape's size, which the tests compare with Kind.Size.
#define NT_SIZEOF(S) int32_t nt_sizeof_##S(void) { return (int32_t)sizeof(S); }
NT_SIZEOF(nt_c7)
NT_SIZEOF(nt_is)
NT_SIZEOF(nt_pad)
NT_SIZEOF(nt_arr)
NT_SIZEOF(nt_mix)
NT_SIZEOF(nt_cd)
NT_SIZEOF(nt_u5)
NT_SIZEOF(nt_frect)

// nt_rect_grow: a 16-byte struct in and out, for the benchmarks
// (bench/: tools/bench).
nt_rect nt_rect_grow(nt_rect r, int32_t d) {
	nt_rect g = {r.x - d, r.y - d, r.w + 2 * d, r.h + 2 * d};
	return g;
}

// nt_backfill: on arm a homogeneous float struct takes the lowest run of
// free single registers (s4-s6 here: s1 is free but alone), and the float
// after it back-fills s1; nt_d2 then takes d4:d5 (s8-s11), the nt_f1 s7
// and the double d6. Elsewhere just another mix.
uint64_t nt_backfill(float a, double b, nt_f3 s, float c, nt_d2 d, nt_f1 e, double f) {
	uint64_t h = 0;
	NT_H(float, a) NT_H(double, b) LEAVES_nt_f3(NT_H, s) NT_H(float, c) LEAVES_nt_d2(NT_H, d)
	LEAVES_nt_f1(NT_H, e) NT_H(double, f) return h;
}
