package ffi

import (
	"fmt"
	"reflect"
	"runtime"
	"unsafe"
)

// Kind is the C type of a parameter or result.
type Kind uint16

// The supported kinds. Int and Uint follow Go's int and uint (C long and
// unsigned long on every supported platform).
const (
	Void Kind = iota
	Int8
	Int16
	Int32
	Int64
	Uint8
	Uint16
	Uint32
	Uint64
	Uintptr
	Pointer
	Float32
	Float64
	// Bool is C's bool (_Bool): one byte, 0 or 1. A Bool result or
	// callback argument is true when its low byte is not zero, so a Go
	// bool never holds another byte value.
	Bool
	numKinds
)

var kindNames = [...]string{"void", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64", "uintptr", "pointer", "float32", "float64", "bool"}

func (k Kind) String() string {
	if k < numKinds {
		return kindNames[k]
	}
	if a := k.aggregate(); a != nil {
		return a.key
	}
	return fmt.Sprintf("Kind(%d)", uint16(k))
}

func (k Kind) isFloat() bool { return k == Float32 || k == Float64 }

func (k Kind) signed() bool { return k >= Int8 && k <= Int64 }

// size in bytes of a value of kind k.
func (k Kind) size() uintptr {
	switch k {
	case Int8, Uint8, Bool:
		return 1
	case Int16, Uint16:
		return 2
	case Int32, Uint32, Float32:
		return 4
	case Int64, Uint64, Float64:
		return 8
	case Uintptr, Pointer:
		return unsafe.Sizeof(uintptr(0))
	}
	return 0
}

// is64 reports whether k needs two words on a 32-bit platform.
func (k Kind) is64() bool { return k.size() == 8 && !k.isFloat() }

// Scalar is the set of Go scalar types the typed bindings accept; they
// also accept Go struct types whose layout is C's (see "Structs by
// value"), which a constraint cannot express, so they take any type and
// check it at bind time.
type Scalar interface {
	~int8 | ~int16 | ~int32 | ~int64 | ~int |
		~uint8 | ~uint16 | ~uint32 | ~uint64 | ~uint | ~uintptr |
		~float32 | ~float64 | ~bool | ~unsafe.Pointer
}

// kindOfType maps a Go type to the Kind it is passed as. A struct type
// becomes a struct kind (StructOf of its fields' kinds, blank "_" fields
// left out as padding) and an array type an array kind; the Go layout
// must be the C layout: every non-blank field at the offset C gives it,
// and the same size. Where they differ (64-bit fields on 386 and arm,
// which Go aligns to 4 bytes: C on arm aligns them to 8), it is an error
// that says where, and blank fields (_ [4]byte) make the layouts agree.
func kindOfType(t reflect.Type) (Kind, error) {
	switch t.Kind() {
	case reflect.Struct:
		return structKindOf(t)
	case reflect.Array:
		ek, err := kindOfType(t.Elem())
		if err != nil {
			return Void, err
		}
		return ArrayOf(ek, t.Len())
	case reflect.Int8:
		return Int8, nil
	case reflect.Int16:
		return Int16, nil
	case reflect.Int32:
		return Int32, nil
	case reflect.Int64:
		return Int64, nil
	case reflect.Int:
		if t.Size() == 8 {
			return Int64, nil
		}
		return Int32, nil
	case reflect.Bool:
		return Bool, nil
	case reflect.Uint8:
		return Uint8, nil
	case reflect.Uint16:
		return Uint16, nil
	case reflect.Uint32:
		return Uint32, nil
	case reflect.Uint64:
		return Uint64, nil
	case reflect.Uint:
		if t.Size() == 8 {
			return Uint64, nil
		}
		return Uint32, nil
	case reflect.Uintptr:
		return Uintptr, nil
	case reflect.UnsafePointer, reflect.Pointer:
		return Pointer, nil
	case reflect.Float32:
		return Float32, nil
	case reflect.Float64:
		return Float64, nil
	}
	return Void, fmt.Errorf("ffi: unsupported type %v: want an integer, bool, uintptr, pointer, float32, float64, or a struct of those (and of arrays and structs of those)", t)
}

// structKindOf is the struct kind of the Go struct type t, if its layout
// is C's.
func structKindOf(t reflect.Type) (Kind, error) {
	var fields []Kind
	var names []string
	var offsets []uintptr
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if f.Name == "_" {
			continue
		}
		k, err := kindOfType(f.Type)
		if err != nil {
			return Void, fmt.Errorf("%w (field %s of %v)", err, f.Name, t)
		}
		fields = append(fields, k)
		names = append(names, f.Name)
		offsets = append(offsets, f.Offset)
	}
	if len(fields) == 0 {
		return Void, fmt.Errorf("ffi: struct type %v has no fields: empty structs have no C size and are not supported", t)
	}
	k, err := StructOf(fields...)
	if err != nil {
		return Void, fmt.Errorf("%w (Go type %v)", err, t)
	}
	for i, off := range offsets {
		if c := k.Offset(i); c != off {
			return Void, fmt.Errorf("ffi: struct type %v: Go places field %s at offset %d, C at %d (on %s C aligns %v to %d bytes): add blank padding fields (_ [%d]byte) so that the layouts agree",
				t, names[i], off, c, runtime.GOARCH, fields[i], fields[i].Align(), max(c, off)-min(c, off))
		}
	}
	if t.Size() != k.Size() {
		return Void, fmt.Errorf("ffi: struct type %v is %d bytes in Go and %d in C (on %s): add a blank padding field (_ [%d]byte) at the end",
			t, t.Size(), k.Size(), runtime.GOARCH, max(t.Size(), k.Size())-min(t.Size(), k.Size()))
	}
	return k, nil
}

// goKind is the kind of a typed binding's Go type, or why it has none.
type goKind struct {
	k   Kind
	err error
}

func kindFor[T any]() goKind {
	k, err := kindOfType(reflect.TypeFor[T]())
	return goKind{k, err}
}

// raw values: every argument and result travels between the typed layer
// and the ABI layer as a uint64: integers sign- or zero-extended by kind,
// float32 as its IEEE bits in the low half, float64 as its bits.

// rawOf reads the value of kind k at p.
func rawOf(p unsafe.Pointer, k Kind) uint64 {
	switch k {
	case Int8:
		return uint64(int64(*(*int8)(p)))
	case Int16:
		return uint64(int64(*(*int16)(p)))
	case Int32:
		return uint64(int64(*(*int32)(p)))
	case Uint8, Bool: // a Go bool is 0 or 1
		return uint64(*(*uint8)(p))
	case Uint16:
		return uint64(*(*uint16)(p))
	case Uint32, Float32:
		return uint64(*(*uint32)(p))
	case Int64, Uint64, Float64:
		return *(*uint64)(p)
	case Uintptr, Pointer:
		return uint64(*(*uintptr)(p))
	}
	return 0
}

// storeRaw writes raw value v of kind k to p.
func storeRaw(p unsafe.Pointer, k Kind, v uint64) {
	switch k {
	case Int8, Uint8:
		*(*uint8)(p) = uint8(v)
	case Bool: // any non-zero low byte (C's _Bool is 0 or 1, an int may be anything) is true
		*(*bool)(p) = uint8(v) != 0
	case Int16, Uint16:
		*(*uint16)(p) = uint16(v)
	case Int32, Uint32, Float32:
		*(*uint32)(p) = uint32(v)
	case Int64, Uint64, Float64:
		*(*uint64)(p) = v
	case Uintptr, Pointer:
		*(*uintptr)(p) = uintptr(v)
	}
}

// normalize truncates a register or stack word to kind k and extends it
// back to a raw value: C callers need not extend narrow arguments.
func normalize(k Kind, v uint64) uint64 {
	switch k {
	case Int8:
		return uint64(int64(int8(v)))
	case Int16:
		return uint64(int64(int16(v)))
	case Int32:
		return uint64(int64(int32(v)))
	case Uint8:
		return uint64(uint8(v))
	case Uint16:
		return uint64(uint16(v))
	case Uint32, Float32:
		return uint64(uint32(v))
	case Uintptr, Pointer:
		return uint64(uintptr(v))
	case Bool:
		if uint8(v) != 0 {
			return 1
		}
		return 0
	}
	return v
}
