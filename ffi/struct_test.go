package ffi_test

// Structs by value: 36 shapes (sizes 1-64 bytes, homogeneous float and
// double aggregates of 1-8 members, mixed int/float pairs, nested, padded,
// arrays inside) as arguments, with registers free, used up and nearly
// used up, and as results, checked against what the C library computes
// (testdata/nocgotest.c, NT_SHAPE).

import (
	"fmt"
	"math"
	"runtime"
	"testing"
	"unsafe"

	"github.com/nocgo/rules_nocgo/ffi"
)

func mustKind(t testing.TB, k ffi.Kind, err error) ffi.Kind {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	return k
}

type shape struct {
	name string
	kind ffi.Kind
}

// shapes builds the Kinds of nocgotest.c's shapes.
func shapes(t testing.TB) []shape {
	st := func(fields ...ffi.Kind) ffi.Kind { k, err := ffi.StructOf(fields...); return mustKind(t, k, err) }
	arr := func(elem ffi.Kind, n int) ffi.Kind { k, err := ffi.ArrayOf(elem, n); return mustKind(t, k, err) }
	I8, I16, I32, I64 := ffi.Int8, ffi.Int16, ffi.Int32, ffi.Int64
	U8, U16, U32, U64 := ffi.Uint8, ffi.Uint16, ffi.Uint32, ffi.Uint64
	F, D := ffi.Float32, ffi.Float64
	return []shape{
		{"nt_c1", st(I8)},
		{"nt_s1", st(I16)},
		{"nt_c3", st(U8, U8, U8)},
		{"nt_color", st(U8, U8, U8, U8)},
		{"nt_i1", st(I32)},
		{"nt_f1", st(F)},
		{"nt_d1", st(D)},
		{"nt_l1", st(I64)},
		{"nt_c7", st(arr(I8, 7))},
		{"nt_f2", st(F, F)},
		{"nt_if", st(I32, F)},
		{"nt_fi", st(F, I32)},
		{"nt_is", st(U32, U16)},
		{"nt_f3", st(F, F, F)},
		{"nt_i3", st(I32, I32, I32)},
		{"nt_rect", st(I32, I32, I32, I32)},
		{"nt_frect", st(st(F, F), st(F, F))},
		{"nt_d2", st(D, D)},
		{"nt_dl", st(D, I64)},
		{"nt_ld", st(I64, D)},
		{"nt_fd", st(F, D)},
		{"nt_cd", st(I8, D)},
		{"nt_l2", st(I64, I64)},
		{"nt_f5", st(arr(F, 5))},
		{"nt_d3", st(D, D, D)},
		{"nt_pad", st(I8, I64, I16)},
		{"nt_arr", st(I8, arr(I16, 3), F)},
		{"nt_d4", st(arr(D, 4))},
		{"nt_f8", st(arr(F, 8))},
		{"nt_mix", st(I8, D, F, I32)},
		{"nt_d8", st(arr(D, 8))},
		{"nt_l8", st(arr(I64, 8))},
		{"nt_nd1", st(st(D))},
		{"nt_nf1", st(st(F))},
		{"nt_f6", st(F, F, F, F, F, F)},
		{"nt_u5", st(U16, U8, U32, U64, I32)},
	}
}

type leafOf struct {
	kind ffi.Kind
	off  uintptr
}

// leaves lists the scalars of k in memory order, as NT_SHAPE's LEAVES do.
func leaves(k ffi.Kind, off uintptr, out []leafOf) []leafOf {
	if k.NumField() == 0 {
		return append(out, leafOf{k, off})
	}
	for i := 0; i < k.NumField(); i++ {
		out = leaves(k.Field(i), off+k.Offset(i), out)
	}
	return out
}

// The hash and member values of nocgotest.c.
func mixh(h, v uint64) uint64 { return h*1000003 ^ v }

func fval(seed int32, i int) float64 {
	s := 1.0
	if i&1 != 0 {
		s = -1
	}
	return s * (float64(seed)*0.25 + float64(i) + 0.5)
}

func ival(seed int32, i int) uint64 {
	return uint64(int64(seed))*0x9E3779B97F4A7C15*uint64(i+1) + uint64(i)
}

// rawLeaf reads the scalar of kind k at p as nocgotest.c's raw(): sign- or
// zero-extended, floats as their bits.
func rawLeaf(p unsafe.Pointer, k ffi.Kind) uint64 {
	switch k {
	case ffi.Int8:
		return uint64(int64(*(*int8)(p)))
	case ffi.Int16:
		return uint64(int64(*(*int16)(p)))
	case ffi.Int32:
		return uint64(int64(*(*int32)(p)))
	case ffi.Int64, ffi.Uint64, ffi.Float64:
		return *(*uint64)(p)
	case ffi.Uint8:
		return uint64(*(*uint8)(p))
	case ffi.Uint16:
		return uint64(*(*uint16)(p))
	case ffi.Uint32, ffi.Float32:
		return uint64(*(*uint32)(p))
	}
	panic(k)
}

// makeStruct is nt_make_S(seed), built in Go with ffi's layout.
func makeStruct(k ffi.Kind, seed int32) []byte {
	b := make([]byte, k.Size())
	for i, l := range leaves(k, 0, nil) {
		p := unsafe.Pointer(&b[l.off])
		v := ival(seed, i)
		switch l.kind {
		case ffi.Float32:
			*(*float32)(p) = float32(fval(seed, i))
		case ffi.Float64:
			*(*float64)(p) = fval(seed, i)
		case ffi.Int8, ffi.Uint8:
			*(*uint8)(p) = uint8(v)
		case ffi.Int16, ffi.Uint16:
			*(*uint16)(p) = uint16(v)
		case ffi.Int32, ffi.Uint32:
			*(*uint32)(p) = uint32(v)
		default:
			*(*uint64)(p) = v
		}
	}
	return b
}

func hashStruct(h uint64, k ffi.Kind, b []byte) uint64 {
	for _, l := range leaves(k, 0, nil) {
		h = mixh(h, rawLeaf(unsafe.Pointer(&b[l.off]), l.kind))
	}
	return h
}

// sameMembers compares two structs member by member (padding is undefined).
func sameMembers(k ffi.Kind, got, want []byte) error {
	for i, l := range leaves(k, 0, nil) {
		g, w := rawLeaf(unsafe.Pointer(&got[l.off]), l.kind), rawLeaf(unsafe.Pointer(&want[l.off]), l.kind)
		if g != w {
			return fmt.Errorf("member %d (%v at offset %d): got %#x, want %#x", i, l.kind, l.off, g, w)
		}
	}
	return nil
}

func kinds(n int, k ffi.Kind) []ffi.Kind {
	ks := make([]ffi.Kind, n)
	for i := range ks {
		ks[i] = k
	}
	return ks
}

func ints(n int) []any {
	a := make([]any, n)
	for i := range a {
		a[i] = int64(i+1) * -0x0102030405 * int64(1-2*(i&1))
	}
	return a
}

func doubles(n int) []any {
	a := make([]any, n)
	for i := range a {
		a[i] = float64(i)*1.75 - 3.125
	}
	return a
}

// hashArgs hashes scalar and struct arguments as the nt_hash functions do.
func hashArgs(k ffi.Kind, args []any) uint64 {
	var h uint64
	for _, a := range args {
		switch x := a.(type) {
		case int64:
			h = mixh(h, uint64(x))
		case float64:
			h = mixh(h, math.Float64bits(x))
		case float32:
			h = mixh(h, uint64(math.Float32bits(x)))
		case []byte:
			h = hashStruct(h, k, x)
		}
	}
	return h
}

func bindStruct(t *testing.T, name string, ret ffi.Kind, params ...ffi.Kind) *ffi.Func {
	t.Helper()
	f, err := clibSym(t, name).Bind(ffi.Signature{Return: ret, Params: params})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return f
}

func TestStructArgs(t *testing.T) {
	for _, s := range shapes(t) {
		t.Run(s.name, func(t *testing.T) {
			k := s.kind
			sv, tv := makeStruct(k, 12345), makeStruct(k, -777)
			I, D := ffi.Int64, ffi.Float64
			cases := []struct {
				fn     string
				params []ffi.Kind
				args   []any
			}{
				{"nt_hash_", []ffi.Kind{k}, []any{sv}},
				{"nt_hashA_", append(append(kinds(5, I), kinds(7, D)...), k, I, D),
					append(append(ints(5), doubles(7)...), sv, int64(-99), 0.0625)},
				{"nt_hashB_", append(append(kinds(8, I), kinds(6, D)...), k, I),
					append(append(ints(8), doubles(6)...), sv, int64(1)<<40)},
				{"nt_hashC_", append(kinds(7, I), k, I, k),
					append(ints(7), sv, int64(-5), tv)},
			}
			for _, c := range cases {
				f := bindStruct(t, c.fn+s.name, ffi.Uint64, c.params...)
				got, err := f.Call(c.args...)
				if err != nil {
					t.Fatal(err)
				}
				if want := hashArgs(k, c.args); got.(uint64) != want {
					t.Errorf("%s%s: C hashed %#x, want %#x", c.fn, s.name, got, want)
				}
			}
		})
	}
}

func TestStructResults(t *testing.T) {
	for _, s := range shapes(t) {
		t.Run(s.name, func(t *testing.T) {
			k := s.kind
			for _, seed := range []int32{1, -31, 1 << 20} {
				got, err := bindStruct(t, "nt_make_"+s.name, k, ffi.Int32).Call(seed)
				if err != nil {
					t.Fatal(err)
				}
				if err := sameMembers(k, got.([]byte), makeStruct(k, seed)); err != nil {
					t.Errorf("nt_make_%s(%d): %v", s.name, seed, err)
				}
			}
			// With the integer registers used up by arguments.
			args := append(append(ints(6), doubles(1)...), int32(99))
			params := append(append(kinds(6, ffi.Int64), ffi.Float64), ffi.Int32)
			got, err := bindStruct(t, "nt_makeA_"+s.name, k, params...).Call(args...)
			if err != nil {
				t.Fatal(err)
			}
			seed := 99 ^ int32(hashArgs(k, args[:7]))
			if err := sameMembers(k, got.([]byte), makeStruct(k, seed)); err != nil {
				t.Errorf("nt_makeA_%s: %v", s.name, err)
			}
			// A struct argument comes back as the result: CallInto.
			sv := makeStruct(k, 4242)
			echo := bindStruct(t, "nt_echoA_"+s.name, k, append(append(kinds(5, ffi.Int64), kinds(7, ffi.Float64)...), k)...)
			out := make([]byte, k.Size())
			if err := echo.CallInto(unsafe.Pointer(&out[0]), append(append(ints(5), doubles(7)...), sv)...); err != nil {
				t.Fatal(err)
			}
			if err := sameMembers(k, out, sv); err != nil {
				t.Errorf("nt_echoA_%s: %v", s.name, err)
			}
		})
	}
}

// Homogeneous float structs among floats and doubles: on arm they use
// back-filling (nt_backfill says where each goes).
func TestStructBackFill(t *testing.T) {
	kind := func(name string) ffi.Kind {
		for _, s := range shapes(t) {
			if s.name == name {
				return s.kind
			}
		}
		t.Fatal(name)
		return 0
	}
	f3, d2, f1 := kind("nt_f3"), kind("nt_d2"), kind("nt_f1")
	f := bindStruct(t, "nt_backfill", ffi.Uint64, ffi.Float32, ffi.Float64, f3, ffi.Float32, d2, f1, ffi.Float64)
	s, d, e := makeStruct(f3, 3), makeStruct(d2, 4), makeStruct(f1, 5)
	got, err := f.Call(float32(1.5), -2.25, s, float32(-7.5), d, e, 1e300)
	if err != nil {
		t.Fatal(err)
	}
	// hashArgs hashes every []byte with one kind: hash in three steps.
	h := hashArgs(f3, []any{float32(1.5), -2.25, s, float32(-7.5)})
	h = hashStruct(h, d2, d)
	h = hashStruct(h, f1, e)
	h = mixh(h, math.Float64bits(1e300))
	if got.(uint64) != h {
		t.Errorf("nt_backfill: C hashed %#x, want %#x", got, h)
	}
}

// The layout of padded and nested shapes is the C compiler's.
func TestStructSizes(t *testing.T) {
	for _, s := range shapes(t) {
		switch s.name {
		case "nt_c7", "nt_is", "nt_pad", "nt_arr", "nt_mix", "nt_cd", "nt_u5", "nt_frect":
			size, err := ffi.Func0[int32](clibSym(t, "nt_sizeof_"+s.name))
			if err != nil {
				t.Fatal(err)
			}
			if got := size(); uintptr(got) != s.kind.Size() {
				t.Errorf("%s: C says %d bytes, Kind.Size %d", s.name, got, s.kind.Size())
			}
		}
	}
}

// A dynamic callback with structs gets their addresses as integers, so
// the memory behind them must not move while it runs: the callback below
// grows its goroutine's stack (which copies the stack elsewhere) before
// it reads its struct arguments and writes its struct result.
func TestStructCallbackMemoryStaysPut(t *testing.T) {
	for _, s := range shapes(t) {
		k := s.kind
		const seed = 654
		params := append(append(kinds(5, ffi.Int64), kinds(7, ffi.Float64)...), k, ffi.Int64, k)
		cb, err := ffi.NewCallback(ffi.Signature{Return: k, Params: params}, func(args []uint64) uint64 {
			if growStack(64) == 0 { // 64 frames of 4 KiB: the stack is copied at least once
				t.Fatal("growStack")
			}
			got := unsafe.Slice((*byte)(ffi.CPointer(args[12])), k.Size())
			if err := sameMembers(k, got, makeStruct(k, seed)); err != nil {
				t.Errorf("%s: struct argument read after the stack moved: %v", s.name, err)
			}
			copy(unsafe.Slice((*byte)(ffi.CPointer(args[len(params)])), k.Size()), makeStruct(k, seed+2))
			return 0
		})
		if ffi.HandoffMode { // refused there, with this error
			wantErr(t, err, "not supported in nocgo_handoff mode")
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		call, err := ffi.Func2[uint64, uintptr, int32](clibSym(t, "nt_callback_"+s.name))
		if err != nil {
			t.Fatal(err)
		}
		got := call(cb.Ptr(), seed)
		cb.Free()
		if want := hashStruct(0, k, makeStruct(k, seed+2)); got != want {
			t.Errorf("%s: C hashed the result written after the stack moved as %#x, want %#x", s.name, got, want)
		}
	}
}

// growStack recurses n times with a 4 KiB frame each.
//
//go:noinline
func growStack(n int) int {
	var pad [4096]byte
	pad[n%len(pad)] = byte(n)
	if n == 0 {
		return int(pad[0]) + 1
	}
	return growStack(n-1) + int(pad[n%len(pad)]&0)
}

// C calls a Go callback with struct arguments (after 12 scalars, so
// that registers run out) and hashes the struct the callback returns.
func TestStructCallbacks(t *testing.T) {
	for _, s := range shapes(t) {
		t.Run(s.name, func(t *testing.T) {
			k := s.kind
			const seed = 321
			params := append(append(kinds(5, ffi.Int64), kinds(7, ffi.Float64)...), k, ffi.Int64, k)
			wantScalars := []any{int64(1), int64(-2), int64(3), int64(-4), int64(5), 0.5, -1.5, 2.5, -3.5, 4.5, -5.5, 6.5}
			calls := 0
			cb, err := ffi.NewCallback(ffi.Signature{Return: k, Params: params}, func(args []uint64) uint64 {
				calls++
				if len(args) != len(params)+1 {
					t.Errorf("callback got %d raw arguments, want %d (the parameters and the result's address)", len(args), len(params)+1)
					return 0
				}
				for i, w := range wantScalars {
					var got any = int64(args[i])
					if _, ok := w.(float64); ok {
						got = math.Float64frombits(args[i])
					}
					if got != w {
						t.Errorf("scalar argument %d: got %v, want %v", i, got, w)
					}
				}
				if z := int64(args[13]); z != -7 {
					t.Errorf("scalar argument 13: got %d, want -7", z)
				}
				for _, a := range []struct {
					i    int
					seed int32
				}{{12, seed}, {14, seed + 1}} {
					got := unsafe.Slice((*byte)(ffi.CPointer(args[a.i])), k.Size())
					if err := sameMembers(k, got, makeStruct(k, a.seed)); err != nil {
						t.Errorf("struct argument %d: %v", a.i, err)
					}
				}
				copy(unsafe.Slice((*byte)(ffi.CPointer(args[len(params)])), k.Size()), makeStruct(k, seed+2))
				return 0
			})
			if ffi.HandoffMode {
				wantErr(t, err, "not supported in nocgo_handoff mode")
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			defer cb.Free()
			call, err := ffi.Func2[uint64, uintptr, int32](clibSym(t, "nt_callback_"+s.name))
			if err != nil {
				t.Fatal(err)
			}
			got := call(cb.Ptr(), seed)
			if want := hashStruct(0, k, makeStruct(k, seed+2)); got != want {
				t.Errorf("C hashed the callback's result as %#x, want %#x", got, want)
			}
			if calls != 1 {
				t.Errorf("callback ran %d times", calls)
			}
		})
	}
}

// libc's div, ldiv and lldiv return structs of two ints, longs and long
// longs: checked against Go's / and %.
func TestLibcDiv(t *testing.T) {
	long := ffi.Int64
	if unsafe.Sizeof(uintptr(0)) == 4 {
		long = ffi.Int32
	}
	for _, c := range []struct {
		name string
		k    ffi.Kind
	}{{"div", ffi.Int32}, {"ldiv", long}, {"lldiv", ffi.Int64}} {
		rk, err := ffi.StructOf(c.k, c.k)
		if err != nil {
			t.Fatal(err)
		}
		f, err := sym(t, "libc.so.6", c.name).Bind(ffi.Signature{Return: rk, Params: []ffi.Kind{c.k, c.k}})
		if err != nil {
			t.Fatal(err)
		}
		for _, nd := range [][2]int64{{7, 2}, {-7, 2}, {1000000007, -13}, {-2147483647, 65536}, {5, 9}} {
			n, d := nd[0], nd[1]
			var args []any
			if c.k == ffi.Int32 {
				args = []any{int32(n), int32(d)}
			} else {
				args = []any{n, d}
			}
			r, err := f.Call(args...)
			if err != nil {
				t.Fatal(err)
			}
			b := r.([]byte)
			var quot, rem int64
			if c.k == ffi.Int32 {
				quot, rem = int64(*(*int32)(unsafe.Pointer(&b[0]))), int64(*(*int32)(unsafe.Pointer(&b[rk.Offset(1)])))
			} else {
				quot, rem = *(*int64)(unsafe.Pointer(&b[0])), *(*int64)(unsafe.Pointer(&b[rk.Offset(1)]))
			}
			if quot != n/d || rem != n%d {
				t.Errorf("%s(%d, %d) = {%d, %d}, want {%d, %d}", c.name, n, d, quot, rem, n/d, n%d)
			}
		}
	}
	// lldiv with a large dividend: both halves of the result matter.
	rk, _ := ffi.StructOf(ffi.Int64, ffi.Int64)
	f, err := sym(t, "libc.so.6", "lldiv").Bind(ffi.Signature{Return: rk, Params: []ffi.Kind{ffi.Int64, ffi.Int64}})
	if err != nil {
		t.Fatal(err)
	}
	out := make([]byte, 16)
	if err := f.CallInto(unsafe.Pointer(&out[0]), int64(-1)<<62-12345, int64(1000003)); err != nil {
		t.Fatal(err)
	}
	n := int64(-1)<<62 - 12345
	if q, r := *(*int64)(unsafe.Pointer(&out[0])), *(*int64)(unsafe.Pointer(&out[8])); q != n/1000003 || r != n%1000003 {
		t.Errorf("lldiv(%d, 1000003) = {%d, %d}", n, q, r)
	}
}

// Every struct that cannot be passed is an error at StructOf, ArrayOf or
// Bind, never a call.
func TestStructBadInput(t *testing.T) {
	_, err := ffi.StructOf()
	wantErr(t, err, "StructOf with no fields")
	_, err = ffi.StructOf(ffi.Int32, ffi.Void)
	wantErr(t, err, "StructOf field 1: unsupported kind void")
	_, err = ffi.StructOf(ffi.Kind(99))
	wantErr(t, err, "unsupported kind Kind(99)")
	_, err = ffi.StructOf(ffi.Kind(5000))
	wantErr(t, err, "unsupported kind Kind(5000)")
	_, err = ffi.ArrayOf(ffi.Float64, 0)
	wantErr(t, err, "fewer than 1 element")
	_, err = ffi.ArrayOf(ffi.Void, 2)
	wantErr(t, err, "unsupported element kind void")
	_, err = ffi.ArrayOf(ffi.Float64, math.MaxInt32)
	wantErr(t, err, "larger than MaxStructSize")
	big, err := ffi.ArrayOf(ffi.Int64, ffi.MaxStructSize/8+1)
	if err == nil {
		_, err = ffi.StructOf(big)
	}
	wantErr(t, err, "larger than MaxStructSize")
	a, err := ffi.ArrayOf(ffi.Int64, ffi.MaxStructSize/8)
	if err != nil {
		t.Fatal(err)
	}
	_, err = ffi.StructOf(a, ffi.Int8) // 257 bytes before the tail padding
	wantErr(t, err, "larger than MaxStructSize")
	max, err := ffi.StructOf(a)
	if err != nil || max.Size() != ffi.MaxStructSize {
		t.Fatalf("a struct of MaxStructSize bytes: %v, %v", max, err)
	}
	again, _ := ffi.StructOf(a)
	if again != max {
		t.Errorf("StructOf twice with the same fields: %v, then %v", max, again)
	}

	strlen := sym(t, "libc.so.6", "strlen")
	_, err = strlen.Bind(ffi.Signature{Return: ffi.Int32, Params: []ffi.Kind{a}})
	wantErr(t, err, "C passes arrays as pointers")
	_, err = strlen.Bind(ffi.Signature{Return: a})
	wantErr(t, err, "C functions cannot return arrays")
	// Sixteen structs of the largest size need more stack than a call has
	// where they are copied to the stack; where large structs are passed
	// by reference, they are sixteen pointers.
	many := make([]ffi.Kind, ffi.MaxArgs)
	for i := range many {
		many[i] = max
	}
	_, err = strlen.Bind(ffi.Signature{Return: ffi.Int32, Params: many})
	switch runtime.GOARCH {
	case "arm64", "loong64", "riscv64", "s390x":
		if err != nil {
			t.Errorf("16 structs passed by reference: %v", err)
		}
	default:
		wantErr(t, err, "stack words")
	}
	s, _ := ffi.StructOf(ffi.Int32, ffi.Float32)
	f, err := strlen.Bind(ffi.Signature{Return: ffi.Int32, Params: []ffi.Kind{s}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.Call(make([]byte, 4))
	wantErr(t, err, "[]byte of 4 bytes for struct{int32; float32} parameter (8 bytes)")
	_, err = f.Call(int32(1))
	wantErr(t, err, "int32 for struct{int32; float32} parameter")
	_, err = f.Call(unsafe.Pointer(nil))
	wantErr(t, err, "nil for struct{int32; float32} parameter")
	g, err := strlen.Bind(ffi.Signature{Return: s})
	if err != nil {
		t.Fatal(err)
	}
	_, err = g.CallRaw()
	wantErr(t, err, "returns a struct: use Call or CallInto")
	err = f.CallInto(unsafe.Pointer(&many[0]), make([]byte, 8))
	wantErr(t, err, "does not return a struct")
}
