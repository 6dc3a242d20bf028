package domain

import (
	"encoding/hex"
	"testing"
)

func TestKeccak256Vectors(t *testing.T) {
	t.Parallel()
	seq := make([]byte, 300)
	for i := range seq {
		seq[i] = byte(i)
	}
	// Expected digests were computed with go-ethereum's crypto.Keccak256.
	tests := []struct {
		name string
		in   []byte
		want string
	}{
		{"empty", nil, "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"},
		{"exactly_one_block", seq[:136], "7ce759f1ab7f9ce437719970c26b0a66ff11fe3e38e17df89cf5d29c7d7f807e"},
		{"three_blocks", seq, "a679e749a6af300c36e7ff2255d220864eab27b382f9cfdc5aa4d13563ba36ff"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := keccak256(tt.in)
			if hex.EncodeToString(got[:]) != tt.want {
				t.Fatalf("keccak256 = %x, want %s", got, tt.want)
			}
		})
	}
}

func BenchmarkChecksumHex(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		checksumHex("5aaeb6053f3e94c9b9a09f33669435e7ef1beaed")
	}
}
