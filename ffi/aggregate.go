// Struct and array kinds: C aggregates passed by value, built from field
// kinds (StructOf, ArrayOf), with their C layout on this platform.
package ffi

import (
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"unsafe"
)

// MaxStructSize is the largest struct, in bytes, that can be passed or
// returned by value. Larger ones are an error at StructOf: C APIs pass
// them by pointer anyway.
const MaxStructSize = 256

// maxAggregates bounds how many distinct struct and array kinds a program
// can make; equal ones are made once (StructOf returns the same Kind).
const maxAggregates = 1 << 14

// firstAggregate is the first Kind value of a struct or array kind.
const firstAggregate Kind = 256

// aggregate is the C layout of a struct or array kind.
type aggregate struct {
	array   bool
	fields  []Kind    // a struct's fields; an array's one element kind
	n       int       // an array's length
	offsets []uintptr // a struct's field offsets
	size    uintptr
	align   uintptr
	leaves  []leaf // every scalar inside, in memory order, arrays expanded
	key     string
}

// leaf is one scalar inside an aggregate.
type leaf struct {
	kind Kind
	off  uintptr
}

var (
	aggMu    sync.Mutex
	aggByKey = map[string]Kind{}
	aggList  atomic.Pointer[[]*aggregate] // copy on write
)

func (k Kind) aggregate() *aggregate {
	if k < firstAggregate {
		return nil
	}
	l := aggList.Load()
	if l == nil || int(k-firstAggregate) >= len(*l) {
		return nil
	}
	return (*l)[k-firstAggregate]
}

// IsAggregate reports whether k is a struct or array kind.
func (k Kind) IsAggregate() bool { return k.aggregate() != nil }

// valid reports whether k is a scalar kind or an aggregate that exists.
func (k Kind) valid() bool { return k < numKinds || k.IsAggregate() }

// scalarAlign is a scalar's alignment inside a C struct: its size, except
// that the i386 System V ABI aligns 8-byte scalars (long long, double) to
// 4 bytes (Intel386 psABI, "Fundamental Types", Table 2.1); AAPCS32 arm
// aligns them to 8.
func scalarAlign(k Kind) uintptr {
	if runtime.GOARCH == "386" && k.size() == 8 {
		return 4
	}
	return k.size()
}

// StructOf returns the kind of a C struct with the given fields, in
// order: scalar kinds, other struct kinds (nested structs) and array kinds
// (fixed arrays, ArrayOf). Fields are laid out as this platform's C
// compiler lays them out: each at the next multiple of its alignment, the
// struct's size rounded up to its largest alignment. Calling StructOf
// twice with the same fields returns the same Kind.
//
// C types that have no Kind cannot be expressed, and so cannot be passed:
// unions, bitfields, long double, _Complex, vector types, flexible array
// members, and packed or over-aligned structs. An empty struct (no
// fields: zero size in C, a GNU extension) and a struct larger than
// MaxStructSize are errors.
func StructOf(fields ...Kind) (Kind, error) {
	if len(fields) == 0 {
		return Void, fmt.Errorf("ffi: StructOf with no fields: empty structs have no C size (a GNU extension) and are not supported")
	}
	a := &aggregate{fields: append([]Kind(nil), fields...), align: 1}
	names := make([]string, len(fields))
	for i, f := range fields {
		if f == Void || !f.valid() {
			return Void, fmt.Errorf("ffi: StructOf field %d: unsupported kind %v", i, f)
		}
		fa, fs := f.Align(), f.Size()
		a.size = (a.size + fa - 1) &^ (fa - 1)
		a.offsets = append(a.offsets, a.size)
		a.addLeaves(f, a.size)
		a.size += fs
		a.align = max(a.align, fa)
		names[i] = f.String()
	}
	a.size = (a.size + a.align - 1) &^ (a.align - 1)
	a.key = "struct{" + strings.Join(names, "; ") + "}"
	return registerAggregate(a)
}

// ArrayOf returns the kind of a C array of n elements of kind elem, for
// use as a struct field (int v[3] in a struct). An array is not a
// parameter or result kind: C passes arrays as pointers (use Pointer).
func ArrayOf(elem Kind, n int) (Kind, error) {
	if elem == Void || !elem.valid() {
		return Void, fmt.Errorf("ffi: ArrayOf: unsupported element kind %v", elem)
	}
	if n < 1 {
		return Void, fmt.Errorf("ffi: ArrayOf(%v, %d): arrays of fewer than 1 element are not supported", elem, n)
	}
	if elem.Size() > MaxStructSize || n > MaxStructSize/int(elem.Size()) {
		return Void, fmt.Errorf("ffi: ArrayOf(%v, %d): larger than MaxStructSize (%d bytes)", elem, n, MaxStructSize)
	}
	a := &aggregate{array: true, fields: []Kind{elem}, n: n, align: elem.Align(), size: elem.Size() * uintptr(n)}
	for i := 0; i < n; i++ {
		a.addLeaves(elem, uintptr(i)*elem.Size())
	}
	a.key = fmt.Sprintf("[%d]%v", n, elem)
	return registerAggregate(a)
}

func (a *aggregate) addLeaves(k Kind, off uintptr) {
	if sub := k.aggregate(); sub != nil {
		for _, l := range sub.leaves {
			a.leaves = append(a.leaves, leaf{l.kind, off + l.off})
		}
		return
	}
	a.leaves = append(a.leaves, leaf{k, off})
}

func registerAggregate(a *aggregate) (Kind, error) {
	if a.size > MaxStructSize {
		return Void, fmt.Errorf("ffi: %s is %d bytes, larger than MaxStructSize (%d): pass it by pointer", a.key, a.size, MaxStructSize)
	}
	aggMu.Lock()
	defer aggMu.Unlock()
	if k, ok := aggByKey[a.key]; ok {
		return k, nil
	}
	var list []*aggregate
	if l := aggList.Load(); l != nil {
		list = *l
	}
	if len(list) >= maxAggregates {
		return Void, fmt.Errorf("ffi: more than %d struct and array kinds", maxAggregates)
	}
	list = append(list[:len(list):len(list)], a)
	aggList.Store(&list)
	k := firstAggregate + Kind(len(list)-1)
	aggByKey[a.key] = k
	return k, nil
}

// Size is the size in bytes of a value of kind k in C (0 for Void).
func (k Kind) Size() uintptr {
	if a := k.aggregate(); a != nil {
		return a.size
	}
	return k.size()
}

// Align is the alignment in bytes of a value of kind k inside a C struct.
func (k Kind) Align() uintptr {
	if a := k.aggregate(); a != nil {
		return a.align
	}
	return scalarAlign(k)
}

// NumField is the number of fields of a struct kind, the length of an
// array kind, and 0 for a scalar kind.
func (k Kind) NumField() int {
	a := k.aggregate()
	switch {
	case a == nil:
		return 0
	case a.array:
		return a.n
	}
	return len(a.fields)
}

// Field is the kind of field i of a struct kind, or of element i of an
// array kind. It panics if i is out of range.
func (k Kind) Field(i int) Kind {
	a := k.aggregate()
	if a == nil || i < 0 || i >= k.NumField() {
		panic(fmt.Sprintf("ffi: %v.Field(%d) out of range", k, i))
	}
	if a.array {
		return a.fields[0]
	}
	return a.fields[i]
}

// Offset is the byte offset of field (or element) i in a value of struct
// or array kind k. It panics if i is out of range.
func (k Kind) Offset(i int) uintptr {
	f := k.Field(i)
	a := k.aggregate()
	if a.array {
		return uintptr(i) * f.Size()
	}
	return a.offsets[i]
}

// homogeneous reports whether every leaf of a has the one float kind it
// returns, and how many leaves there are: a homogeneous floating-point
// aggregate (HFA) of that many members, in the ABIs that have them.
func (a *aggregate) homogeneous() (Kind, int) {
	k := a.leaves[0].kind
	if !k.isFloat() {
		return Void, 0
	}
	for _, l := range a.leaves {
		if l.kind != k {
			return Void, 0
		}
	}
	return k, len(a.leaves)
}

// loadBytes reads n (1..8) bytes at p as an integer: the value of a
// 1-, 2-, 4- or 8-byte integer there, otherwise the bytes in
// little-endian order (only on little-endian platforms: the big-endian one,
// s390x, moves only structs of those four sizes in registers).
func loadBytes(p unsafe.Pointer, n uintptr) uint64 {
	switch n {
	case 1:
		return uint64(*(*uint8)(p))
	case 2:
		return uint64(*(*uint16)(p))
	case 4:
		return uint64(*(*uint32)(p))
	case 8:
		return *(*uint64)(p)
	}
	var v uint64
	for i := n; i > 0; i-- {
		v = v<<8 | uint64(*(*uint8)(unsafe.Add(p, i-1)))
	}
	return v
}

// storeBytes writes the n (1..8) bytes of v to p, as loadBytes reads them.
func storeBytes(p unsafe.Pointer, n uintptr, v uint64) {
	switch n {
	case 1:
		*(*uint8)(p) = uint8(v)
	case 2:
		*(*uint16)(p) = uint16(v)
	case 4:
		*(*uint32)(p) = uint32(v)
	case 8:
		*(*uint64)(p) = v
	default:
		for i := uintptr(0); i < n; i++ {
			*(*uint8)(unsafe.Add(p, i)) = uint8(v >> (8 * i))
		}
	}
}
