// Test library for the reliability suite (tests/reliability): C threads
// that call Go many times, many short-lived C threads, C calls that block,
// and C that calls Go that calls C again. Every function checks what Go
// returns and reports mismatches instead of trusting a count. Built per
// GOARCH by tools/matrix (tools/cc), by Bazel (nocgo_c_shared_library) or,
// for a native `go test`, by the host cc.
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

// ---- N threads x M callbacks ----------------------------------------------

// The argument C passes on call i of thread t, and the result it expects.
// Both sides compute them; a value in the wrong register, a call answered
// for another thread or a lost update shows as a mismatch.
static int64_t rel_arg(int32_t t, int32_t i) { return (int64_t)t * 1000003 + (int64_t)i * 7919; }
static int64_t rel_want(int32_t t, int32_t i) { return rel_arg(t, i) * 2 + 1 - t; }

typedef int64_t (*rel_calls_fn)(int32_t thread, int32_t i, int64_t arg);

struct rel_caller {
	pthread_t tid;
	rel_calls_fn f;
	int32_t id, calls;
	int64_t bad;  // results that differ from rel_want
	uint64_t sum; // sum of the results (mod 2^64), compared with Go's
};

static void *rel_caller_main(void *p) {
	struct rel_caller *c = p;
	for (int32_t i = 0; i < c->calls; i++) {
		int64_t r = c->f(c->id, i, rel_arg(c->id, i));
		if (r != rel_want(c->id, i)) {
			c->bad++;
		}
		c->sum += (uint64_t)r;
	}
	return NULL;
}

static uint64_t rel_sums[1024];

// rel_threads starts nthreads (<= 1024) threads that each call f calls
// times; returns the number of wrong results, or -errno if a thread could
// not be started. rel_thread_sum(t) is then thread t's sum of results.
int64_t rel_threads(rel_calls_fn f, int32_t nthreads, int32_t calls) {
	if (nthreads < 0 || nthreads > 1024) {
		return -EINVAL;
	}
	struct rel_caller *cs = calloc(nthreads, sizeof *cs);
	if (cs == NULL) {
		return -ENOMEM;
	}
	int64_t bad = 0;
	int32_t started = 0;
	for (; started < nthreads; started++) {
		cs[started] = (struct rel_caller){.f = f, .id = started, .calls = calls};
		int err = pthread_create(&cs[started].tid, NULL, rel_caller_main, &cs[started]);
		if (err != 0) {
			bad = -err;
			break;
		}
	}
	for (int32_t i = 0; i < started; i++) {
		pthread_join(cs[i].tid, NULL);
		rel_sums[i] = cs[i].sum;
		if (bad >= 0) {
			bad += cs[i].bad;
		}
	}
	free(cs);
	return bad;
}

uint64_t rel_thread_sum(int32_t t) { return t >= 0 && t < 1024 ? rel_sums[t] : 0; }

// ---- thread churn -----------------------------------------------------------

typedef int32_t (*rel_once_fn)(int32_t k);

struct rel_once {
	rel_once_fn f;
	int32_t k;
	int32_t bad;
};

static void *rel_once_main(void *p) {
	struct rel_once *o = p;
	o->bad = o->f(o->k) != o->k * 3 + 1;
	return NULL;
}

// rel_churn starts total threads, at most width (<= 256) alive at a time,
// each calling f(k) once and expecting 3k+1; the oldest is joined before a
// new one starts. Returns the number of wrong results, or -errno.
int64_t rel_churn(rel_once_fn f, int32_t total, int32_t width) {
	if (width <= 0 || width > 256) {
		return -EINVAL;
	}
	pthread_t tids[256];
	struct rel_once onces[256];
	int64_t bad = 0;
	int32_t k = 0;
	for (; k < total; k++) {
		int slot = k % width;
		if (k >= width) {
			pthread_join(tids[slot], NULL);
			bad += onces[slot].bad;
		}
		onces[slot] = (struct rel_once){.f = f, .k = k};
		int err = pthread_create(&tids[slot], NULL, rel_once_main, &onces[slot]);
		if (err != 0) {
			// Join what is running, then report.
			for (int32_t j = k >= width ? k - width + 1 : 0; j < k; j++) {
				pthread_join(tids[j % width], NULL);
			}
			return -err;
		}
	}
	for (int32_t j = total > width ? total - width : 0; j < total; j++) {
		pthread_join(tids[j % width], NULL);
		bad += onces[j % width].bad;
	}
	return bad;
}

// ---- panics ------------------------------------------------------------------

typedef int64_t (*rel_unary_fn)(int64_t);

// rel_call calls f(x) and returns its result plus 1: C frames between the
// Go caller and a Go callback that panics.
int64_t rel_call(rel_unary_fn f, int64_t x) {
	volatile int64_t before = x; // something live in this C frame
	int64_t r = f(x);
	return r + 1 + (before - x);
}

static void *rel_call_main(void *p) {
	rel_unary_fn f = (rel_unary_fn)p;
	f(7);
	return NULL;
}

// rel_call_on_thread calls f(7) on a new C thread and waits for it;
// returns 0, or the pthread error.
int32_t rel_call_on_thread(rel_unary_fn f) {
	pthread_t t;
	int err = pthread_create(&t, NULL, rel_call_main, (void *)f);
	if (err != 0) {
		return err;
	}
	pthread_join(t, NULL);
	return 0;
}

// ---- blocking --------------------------------------------------------------------

static volatile int32_t rel_blocked_tid_value;
static volatile int32_t rel_eintr_count;

// rel_wait_byte blocks until a byte can be read from fd, at most
// timeout_ms, restarting poll after signals (EINTR). Returns the byte,
// -1 on timeout, -2 on any other error. While it waits,
// rel_blocked_tid() is the waiting thread's id.
int32_t rel_wait_byte(int32_t fd, int32_t timeout_ms) {
	struct timespec start, now;
	clock_gettime(CLOCK_MONOTONIC, &start);
	rel_eintr_count = 0;
	rel_blocked_tid_value = (int32_t)syscall(SYS_gettid);
	int32_t result = -1;
	for (;;) {
		clock_gettime(CLOCK_MONOTONIC, &now);
		int64_t spent = (int64_t)(now.tv_sec - start.tv_sec) * 1000 + (now.tv_nsec - start.tv_nsec) / 1000000;
		if (spent >= timeout_ms) {
			break;
		}
		struct pollfd p = {.fd = fd, .events = POLLIN};
		int n = poll(&p, 1, (int)(timeout_ms - spent));
		if (n < 0 && errno == EINTR) {
			rel_eintr_count++;
			continue;
		}
		if (n < 0) {
			result = -2;
			break;
		}
		if (n == 0) {
			continue; // the loop checks the time
		}
		unsigned char b;
		ssize_t r;
		do {
			r = read(fd, &b, 1);
		} while (r < 0 && errno == EINTR);
		result = r == 1 ? b : -2;
		break;
	}
	rel_blocked_tid_value = 0;
	return result;
}

int32_t rel_blocked_tid(void) { return rel_blocked_tid_value; }
int32_t rel_eintrs(void) { return rel_eintr_count; }

// ---- re-entrancy ---------------------------------------------------------------

typedef int64_t (*rel_nest_fn)(int32_t depth, int64_t acc);

// rel_nest calls f(depth, acc*31 + depth) and returns its result xor
// depth: one C level of C -> Go -> C -> Go ...
int64_t rel_nest(rel_nest_fn f, int32_t depth, int64_t acc) {
	volatile int64_t guard = acc ^ 0x5a5a5a5a; // checked after Go returns
	int64_t r = f(depth, acc * 31 + depth);
	if ((guard ^ 0x5a5a5a5a) != acc) {
		return INT64_MIN; // this C frame was overwritten
	}
	return r ^ depth;
}

struct rel_nest_start {
	rel_nest_fn f;
	int32_t depth;
	int64_t acc, result;
};

static void *rel_nest_main(void *p) {
	struct rel_nest_start *s = p;
	s->result = rel_nest(s->f, s->depth, s->acc);
	return NULL;
}

// rel_nest_on_thread runs rel_nest(f, depth, acc) on a new C thread and
// returns its result (INT64_MIN + 1 if the thread cannot start).
int64_t rel_nest_on_thread(rel_nest_fn f, int32_t depth, int64_t acc) {
	struct rel_nest_start s = {.f = f, .depth = depth, .acc = acc};
	pthread_t t;
	if (pthread_create(&t, NULL, rel_nest_main, &s) != 0) {
		return INT64_MIN + 1;
	}
	pthread_join(t, NULL);
	return s.result;
}
