package domain

import (
	"encoding/hex"
	"strings"
)

// ZeroEVMAddress is the all-zero address; sending funds there burns them.
const ZeroEVMAddress = "0x0000000000000000000000000000000000000000"

// ParseEVMAddress validates an EVM address given as 40 hex digits with an
// optional 0x prefix and returns its EIP-55 checksummed form. All-lower and
// all-upper input is accepted as is; mixed case must be a correct checksum,
// because a wrong one usually means a typo. Failure is KindInvalid with code
// INVALID_ADDRESS.
func ParseEVMAddress(s string) (string, error) {
	bad := func(why string) error {
		return Errorf(KindInvalid, "invalid EVM address %q: %s", Clip(s, 50), why).WithCode("INVALID_ADDRESS")
	}
	h := strings.TrimSpace(s)
	if len(h) >= 2 && h[0] == '0' && (h[1] == 'x' || h[1] == 'X') {
		h = h[2:]
	}
	if len(h) != 40 {
		return "", bad("want 40 hex digits")
	}
	if !hexDigitsOnly(h) {
		return "", bad("not hexadecimal")
	}
	sum := checksumHex(strings.ToLower(h))
	if h != strings.ToLower(h) && h != strings.ToUpper(h) && h != sum[2:] {
		return "", bad("checksum mismatch")
	}
	return sum, nil
}

// SameEVMAddress reports whether a and b name the same address, ignoring case
// and the 0x prefix.
func SameEVMAddress(a, b string) bool {
	return strings.EqualFold(strings.TrimPrefix(strings.TrimPrefix(a, "0x"), "0X"),
		strings.TrimPrefix(strings.TrimPrefix(b, "0x"), "0X"))
}

// checksumHex applies EIP-55 to 40 lower-case hex digits: a letter is upper
// case when the matching nibble of keccak256(lower-case hex) is 8 or more.
func checksumHex(lower string) string {
	hash := keccak256([]byte(lower))
	hashHex := hex.EncodeToString(hash[:])
	out := []byte("0x" + lower)
	for i := 0; i < len(lower); i++ {
		if c := lower[i]; c >= 'a' && c <= 'f' && hashHex[i] >= '8' {
			out[i+2] = c - 'a' + 'A'
		}
	}
	return string(out)
}

func hexDigitsOnly(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}
