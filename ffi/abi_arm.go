package ffi

// Procedure Call Standard for the Arm Architecture (AAPCS32, IHI 0042),
// section 6.5 "Parameter Passing", with the VFP variant of section 6.1.2
// ("hard float", linux/arm gnueabihf):
//   - core registers r0-r3 carry integer and pointer arguments, one 4-byte
//     word each; smaller integers are extended to a word by the caller;
//   - a 64-bit integer needs double-word alignment: it takes an EVEN pair
//     (r0:r1 or r2:r3, low word in the lower register), skipping an odd
//     register, which then stays unused (rule C.3);
//   - an argument that does not fit in the remaining core registers marks
//     all of them used (C.6): no later integer argument goes in a register;
//   - float32/float64 arguments are VFP co-processor register candidates:
//     s0-s15 overlap d0-d7 (d<n> = s<2n> low half, s<2n+1> high half). A
//     float32 takes the lowest free single register and a float64 the
//     lowest free even-aligned pair, so a float32 BACK-FILLS a single left
//     free by a double's alignment (C.1.cp);
//   - a VFP argument that finds no register marks all VFP registers used
//     (C.2.cp): later float32 arguments no longer back-fill;
//   - the stack-argument area is shared by both kinds in argument order:
//     4-byte words starting at [sp] on entry, 64-bit values (int64 and
//     float64) 8-byte aligned, low word first;
//   - results in r0 (r0:r1 for 64-bit), s0 (float32) or d0 (float64).
// A variadic function uses the base standard for ALL its arguments, fixed
// ones included (section 6.1.2: "a variadic function is always called with
// the base standard"): float32/float64 arguments are laid out as 32- and
// 64-bit integers (core registers, even pairs, stack), and a float result
// comes back in r0 (r0:r1 for a double).

const (
	numGPR = 4 // r0-r3
	numFPR = 8 // d0-d7 = s0-s15
	numFHI = 3 // FP result registers after the first (fhi)
)

// Structs by value (composite types; sections 6.5 and 6.3 "Result
// Return", with the VFP variant's rules for homogeneous aggregates):
//   - a homogeneous floating-point aggregate (HFA: 1 to 4 members, all
//     float or all double, nested structs and arrays flattened) is a VFP
//     co-processor register candidate: it takes the lowest-numbered run of
//     as many free s registers (floats) or even-aligned d registers
//     (doubles) as it has members, back-filling included (C.1.cp); if
//     there is none, all VFP registers are marked used and it goes on the
//     stack (C.2.cp), 8-byte aligned if its members are doubles;
//   - any other struct is copied in 4-byte words, the last one padded: if
//     it is 8-byte aligned (a double or 64-bit integer inside), NCRN is
//     first rounded up to even (C.3); the words go in r<NCRN>..r3, and if
//     they do not all fit but NCRN < 4 and nothing has gone on the stack
//     yet, the first words go in the registers and the rest on the stack
//     (C.5, the split); otherwise all core registers are marked used and
//     the struct goes on the stack (8-byte aligned if it is);
//   - results: an HFA in s0-s3 or d0-d3; any other struct of at most 4
//     bytes in r0; larger ones in memory the caller provides, its address
//     passed in r0 as if it were the first argument;
//   - variadic functions use the base standard for everything: HFAs are
//     passed and returned like other structs.

const structsSupported = true

func layout(p *plan, params []Kind) error {
	var (
		ncrn  uint8  // next core register
		sfree uint16 = 0xffff
		nsaa  int    // next stack word
	)
	vfp := !p.variadic
	p.softFloatResult = p.variadic && p.ret.isFloat()
	if ra := p.ret.aggregate(); ra != nil {
		fk, n := ra.homogeneous()
		switch {
		case vfp && n > 0 && n <= 4:
			for j, l := range ra.leaves {
				pt := part{off: uint16(l.off), size: uint8(fk.size()), kind: fk, where: inFPR, idx: uint8(j)}
				if fk == Float32 {
					pt.where = inSReg
				}
				p.retParts = append(p.retParts, pt)
			}
		case ra.size <= 4:
			p.retParts = gprParts(ra.size, 0)
		default:
			p.retHidden, p.retOff = true, p.alloc(ra.size)
			p.hidden = loc{where: inGPR, idx: 0}
			ncrn = 1
		}
	}
	for _, k := range params {
		l := loc{kind: k}
		if a := k.aggregate(); a != nil {
			if fk, n := a.homogeneous(); vfp && n > 0 && n <= 4 {
				// A VFP CPRC: n consecutive s or d registers.
				mask, width := uint16(1)<<n-1, 1
				if fk == Float64 {
					mask, width = uint16(1)<<(2*n)-1, 2
				}
				if i := lowestFreeRun(sfree, mask, width); i >= 0 {
					sfree &^= mask << i
					var parts []part
					for j, lf := range a.leaves {
						pt := part{off: uint16(lf.off), size: uint8(fk.size()), kind: fk, where: inSReg, idx: uint8(i + j)}
						if fk == Float64 {
							pt.where, pt.idx = inFPR, uint8(i/2+j)
						}
						parts = append(parts, pt)
					}
					p.params = append(p.params, p.inParts(k, parts))
					continue
				}
				sfree = 0
				if a.align == 8 {
					nsaa = (nsaa + 1) &^ 1
				}
				p.nstack = nsaa
				p.params = append(p.params, p.inParts(k, p.stackParts(a.size)))
				nsaa = p.nstack
				continue
			}
			if a.align == 8 {
				ncrn = (ncrn + 1) &^ 1
			}
			words := uint8((a.size + 3) / 4)
			if ncrn+words <= numGPR || (ncrn < numGPR && nsaa == 0) {
				// In registers, or split between the last ones and the stack.
				var parts []part
				for off := uintptr(0); off < a.size; off += 4 {
					pt := part{off: uint16(off), size: uint8(min(4, a.size-off))}
					if ncrn < numGPR {
						pt.where, pt.idx = inGPR, ncrn
						ncrn++
					} else {
						pt.where, pt.idx = onStack, uint8(nsaa)
						nsaa++
					}
					parts = append(parts, pt)
				}
				p.params = append(p.params, p.inParts(k, parts))
				continue
			}
			ncrn = numGPR
			if a.align == 8 {
				nsaa = (nsaa + 1) &^ 1
			}
			p.nstack = nsaa
			p.params = append(p.params, p.inParts(k, p.stackParts(a.size)))
			nsaa = p.nstack
			continue
		}
		switch {
		case k == Float32 && vfp:
			if i := lowestFree(sfree, 1); i >= 0 {
				l.where, l.idx = inSReg, uint8(i)
				sfree &^= 1 << i
				break
			}
			sfree = 0
			l.where, l.idx = onStack, uint8(nsaa)
			nsaa++
		case k == Float64 && vfp:
			if i := lowestFree(sfree, 3); i >= 0 {
				l.where, l.idx = inFPR, uint8(i/2)
				sfree &^= 3 << i
				break
			}
			sfree = 0
			nsaa = (nsaa + 1) &^ 1
			l.where, l.idx = onStackPair, uint8(nsaa)
			nsaa += 2
		case k.size() == 8: // int64, uint64; float64 under the base standard
			ncrn = (ncrn + 1) &^ 1
			if ncrn+2 <= numGPR {
				l.where, l.idx = inGPRPair, ncrn
				ncrn += 2
				break
			}
			ncrn = numGPR
			nsaa = (nsaa + 1) &^ 1
			l.where, l.idx = onStackPair, uint8(nsaa)
			nsaa += 2
		default:
			if ncrn < numGPR {
				l.where, l.idx = inGPR, ncrn
				ncrn++
				break
			}
			l.where, l.idx = onStack, uint8(nsaa)
			nsaa++
		}
		p.params = append(p.params, l)
	}
	p.nstack = nsaa
	return nil
}

// lowestFreeRun returns the lowest single register s<i>, i a multiple of
// width, such that the registers in mask<<i are all free, or -1.
func lowestFreeRun(free uint16, mask uint16, width int) int {
	for i := 0; i < 2*numFPR; i += width {
		if mask<<i>>i == mask && free&(mask<<i) == mask<<i {
			return i
		}
	}
	return -1
}

// lowestFree returns the lowest single register s<i> such that the
// registers in mask<<i are all free in free, with i a multiple of the
// mask's width (1 for float32, 2 for float64), or -1.
func lowestFree(free uint16, mask uint16) int {
	step := 1
	if mask == 3 {
		step = 2
	}
	for i := 0; i < 2*numFPR; i += step {
		if free&(mask<<i) == mask<<i {
			return i
		}
	}
	return -1
}

// gprImage is how a raw integer value sits in a core register or stack
// word: its low 32 bits, already sign- or zero-extended by kind (AAPCS
// C.2: the caller extends arguments narrower than a word). float32 on the
// stack is its IEEE bits.
func gprImage(k Kind, v uint64) uint64 { return v }

// fprImage is how a raw float value sits in a d register image: a
// float64 is the whole register, a float32 result is s0, the low half of
// d0. (float32 arguments are placed by plan.put as inSReg.)
func fprImage(k Kind, v uint64) uint64 {
	if k == Float32 {
		return uint64(uint32(v))
	}
	return v
}

// fprValue turns a d register image back into a raw value.
func fprValue(k Kind, img uint64) uint64 {
	if k == Float32 {
		return uint64(uint32(img))
	}
	return img
}
