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
)

// structsSupported: not yet on this arch; planFor rejects structs.
const structsSupported = false

func layout(p *plan, params []Kind) error {
	var (
		ncrn  uint8  // next core register
		sfree uint16 = 0xffff
		nsaa  int    // next stack word
	)
	vfp := !p.variadic
	p.softFloatResult = p.variadic && p.ret.isFloat()
	for _, k := range params {
		l := loc{kind: k}
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
