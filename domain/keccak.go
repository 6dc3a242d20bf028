package domain

import (
	"encoding/binary"
	"math/bits"
)

// keccak256 is the original Keccak-256 (padding 0x01, not SHA3's 0x06) that
// Ethereum uses. The standard library only ships SHA3, and domain may not
// import go-ethereum, yet EIP-55 checksums need this hash; so it lives here,
// written from the Keccak reference (FIPS 202 permutation, Keccak padding).
func keccak256(data []byte) [32]byte {
	const rate = 136 // (1600 - 2*256) / 8 bytes
	var st [25]uint64
	absorb := func(block []byte) {
		for i := 0; i < rate/8; i++ {
			st[i] ^= binary.LittleEndian.Uint64(block[i*8:])
		}
		keccakF1600(&st)
	}
	for len(data) >= rate {
		absorb(data[:rate])
		data = data[rate:]
	}
	var last [rate]byte
	copy(last[:], data)
	last[len(data)] ^= 0x01
	last[rate-1] ^= 0x80
	absorb(last[:])
	var out [32]byte
	for i := 0; i < 4; i++ {
		binary.LittleEndian.PutUint64(out[i*8:], st[i])
	}
	return out
}

// keccakRC are the iota round constants, derived once from the LFSR the
// specification defines rather than typed in by hand.
var keccakRC = func() (rc [24]uint64) {
	r := uint8(1) // LFSR state x^0 .. x^7
	lfsr := func() bool {
		out := r&1 == 1
		hi := r&0x80 != 0
		r <<= 1
		if hi {
			r ^= 0x71 // x^8 = x^6 + x^5 + x^4 + 1
		}
		return out
	}
	for i := range rc {
		for j := 0; j < 7; j++ {
			if lfsr() {
				rc[i] |= 1 << ((1 << j) - 1)
			}
		}
	}
	return rc
}()

// keccakRho holds the rotation of each lane (index x+5y), also derived from
// the specification's walk over (x, y).
var keccakRho = func() (rho [25]uint) {
	x, y := 1, 0
	for t := 0; t < 24; t++ {
		rho[x+5*y] = uint(((t + 1) * (t + 2) / 2) % 64)
		x, y = y, (2*x+3*y)%5
	}
	return rho
}()

func keccakF1600(a *[25]uint64) {
	var c [5]uint64
	var b [25]uint64
	for round := 0; round < 24; round++ {
		for x := 0; x < 5; x++ {
			c[x] = a[x] ^ a[x+5] ^ a[x+10] ^ a[x+15] ^ a[x+20]
		}
		for x := 0; x < 5; x++ {
			d := c[(x+4)%5] ^ bits.RotateLeft64(c[(x+1)%5], 1)
			for y := 0; y < 25; y += 5 {
				a[x+y] ^= d
			}
		}
		for x := 0; x < 5; x++ {
			for y := 0; y < 5; y++ {
				b[y+5*((2*x+3*y)%5)] = bits.RotateLeft64(a[x+5*y], int(keccakRho[x+5*y]))
			}
		}
		for y := 0; y < 25; y += 5 {
			for x := 0; x < 5; x++ {
				a[x+y] = b[x+y] ^ (^b[(x+1)%5+y] & b[(x+2)%5+y])
			}
		}
		a[0] ^= keccakRC[round]
	}
}
