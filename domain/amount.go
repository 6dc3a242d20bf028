package domain

import (
	"math/big"
	"strings"
)

// MaxDecimals bounds the decimals a token may declare; beyond it amounts are
// not meaningful and parsing would allocate without limit.
const MaxDecimals = 77

// FormatUnits renders v base units of a token with the given decimals as an
// exact decimal string without trailing zeros ("1.234567", "0", "-0.5").
func FormatUnits(v *big.Int, decimals uint8) string {
	if v == nil {
		return "0"
	}
	neg := v.Sign() < 0
	digits := new(big.Int).Abs(v).String()
	d := int(decimals)
	if d > 0 {
		if len(digits) <= d {
			digits = strings.Repeat("0", d-len(digits)+1) + digits
		}
		whole, frac := digits[:len(digits)-d], strings.TrimRight(digits[len(digits)-d:], "0")
		digits = whole
		if frac != "" {
			digits += "." + frac
		}
	}
	if neg && digits != "0" {
		return "-" + digits
	}
	return digits
}

// ParseUnits parses a non-negative decimal string ("1.5", "0.000001", "42")
// into base units with the given decimals. It refuses signs, exponents,
// separators, empty parts and more fractional digits than decimals allows.
func ParseUnits(s string, decimals uint8) (*big.Int, error) {
	bad := func(why string) error {
		return Errorf(KindInvalid, "invalid amount %q: %s", Clip(s, 40), why)
	}
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, bad("empty")
	}
	if int(decimals) > MaxDecimals {
		return nil, bad("too many decimals")
	}
	whole, frac, hasDot := strings.Cut(s, ".")
	if hasDot && frac == "" && whole == "" {
		return nil, bad("no digits")
	}
	if whole == "" {
		whole = "0"
	}
	if !allDigits(whole) || !allDigits(frac) {
		return nil, bad("not a plain decimal number")
	}
	if len(whole) > 80 {
		return nil, bad("too large")
	}
	frac = strings.TrimRight(frac, "0")
	if len(frac) > int(decimals) {
		return nil, bad("more than " + itoa(int(decimals)) + " decimal places")
	}
	v, ok := new(big.Int).SetString(whole+frac+strings.Repeat("0", int(decimals)-len(frac)), 10)
	if !ok {
		return nil, bad("not a number")
	}
	return v, nil
}

// ParsePositiveUnits is ParseUnits that also refuses zero.
func ParsePositiveUnits(s string, decimals uint8) (*big.Int, error) {
	v, err := ParseUnits(s, decimals)
	if err != nil {
		return nil, err
	}
	if v.Sign() <= 0 {
		return nil, Errorf(KindInvalid, "amount must be greater than 0")
	}
	return v, nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func itoa(n int) string { return big.NewInt(int64(n)).String() }
