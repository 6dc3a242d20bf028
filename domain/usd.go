package domain

import (
	"bytes"
	"math/big"
	"strings"
)

// USD is an exact dollar amount such as a cloud credit balance. It is parsed
// from the decimal literal the cloud sends (a JSON number), so "1.99" stays
// 1.99 and threshold comparisons never suffer float rounding. The zero value
// is $0.
type USD struct {
	r *big.Rat // nil means zero; never mutated after construction
}

// maxUSDLiteral, maxUSDMantissa and maxUSDExponent bound what ParseUSD
// accepts, so a hostile literal such as "1e999999999" cannot make it
// allocate without limit. They are chosen so that String of anything
// accepted (at most 64 mantissa characters shifted by 40 places) is itself
// accepted.
const (
	maxUSDLiteral  = 110
	maxUSDMantissa = 64
	maxUSDExponent = 40
)

// ParseUSD parses a decimal literal in JSON number syntax ("15.5", "-0.25",
// "1e-3", "25.000"), surrounding spaces allowed. It refuses NaN, infinities,
// hex, separators and out-of-range exponents with an invalid-kind error.
func ParseUSD(s string) (USD, error) {
	bad := func(why string) (USD, error) {
		return USD{}, Errorf(KindInvalid, "invalid dollar amount %q: %s", Clip(s, 40), why)
	}
	lit := strings.TrimSpace(s)
	if lit == "" {
		return bad("empty")
	}
	if len(lit) > maxUSDLiteral {
		return bad("too long")
	}
	mant, exp, hasExp := strings.Cut(strings.ToLower(lit), "e")
	if hasExp && len(mant) > maxUSDMantissa {
		return bad("too long")
	}
	body := strings.TrimPrefix(mant, "-")
	whole, frac, hasDot := strings.Cut(body, ".")
	if whole == "" || !allDigits(whole) || !allDigits(frac) || (hasDot && frac == "") {
		return bad("not a decimal number")
	}
	if hasExp {
		digits := strings.TrimLeft(exp, "+-")
		if digits == "" || len(exp)-len(digits) > 1 || !allDigits(digits) || len(digits) > 3 {
			return bad("bad exponent")
		}
		if n, _ := new(big.Int).SetString(digits, 10); n.Int64() > maxUSDExponent {
			return bad("exponent out of range")
		}
	}
	r, ok := new(big.Rat).SetString(lit)
	if !ok {
		return bad("not a number")
	}
	return USD{r: r}, nil
}

// MustUSD is ParseUSD for literals known to be valid (defaults, tests); it
// panics on a bad literal.
func MustUSD(s string) USD {
	u, err := ParseUSD(s)
	if err != nil {
		panic(err)
	}
	return u
}

func (u USD) rat() *big.Rat {
	if u.r == nil {
		return new(big.Rat)
	}
	return u.r
}

// Cmp compares u and v exactly: -1 if u < v, 0 if equal, +1 if u > v.
func (u USD) Cmp(v USD) int { return u.rat().Cmp(v.rat()) }

// Sign reports -1, 0 or +1 for a negative, zero or positive amount.
func (u USD) Sign() int { return u.rat().Sign() }

// String renders u as an exact decimal with no exponent and no trailing
// zeros ("15.5", "0.001", "-2").
func (u USD) String() string {
	r := u.rat()
	den := new(big.Int).Set(r.Denom())
	// A value parsed from a decimal literal has a denominator of the form
	// 2^a * 5^b, so scaling by 10^max(a,b) makes it an integer.
	twos, fives := countFactor(den, 2), countFactor(den, 5)
	scale := max(twos, fives)
	num := new(big.Int).Mul(r.Num(), new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(scale)), nil))
	num.Quo(num, r.Denom())
	return FormatUnits(num, uint8(scale))
}

// countFactor divides every factor p out of n (in place) and reports how many
// there were.
func countFactor(n *big.Int, p int64) int {
	bp, m, q := big.NewInt(p), new(big.Int), new(big.Int)
	count := 0
	for n.Sign() > 0 {
		q.QuoRem(n, bp, m)
		if m.Sign() != 0 {
			break
		}
		n.Set(q)
		count++
	}
	return count
}

// MarshalJSON writes u as a JSON number literal, exactly.
func (u USD) MarshalJSON() ([]byte, error) { return []byte(u.String()), nil }

// UnmarshalJSON reads a JSON number, or a string holding one (some cloud
// routes send amounts as strings such as "25.000").
func (u *USD) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) >= 2 && b[0] == '"' && b[len(b)-1] == '"' {
		b = b[1 : len(b)-1]
	}
	v, err := ParseUSD(string(b))
	if err != nil {
		return err
	}
	*u = v
	return nil
}
