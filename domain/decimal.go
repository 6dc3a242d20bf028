package domain

import (
	"math/big"
	"strconv"
	"strings"
)

// Decimal is an exact decimal number, units × 10^-scale. Prices arrive as
// decimal text (Alchemy) or JSON numbers (Helius, Birdeye); keeping them
// exact means a USD value is computed once, with one rounding, at the edge.
// The zero value is 0.
type Decimal struct {
	units *big.Int
	scale int32
}

// maxDecimalExp bounds exponents and digit counts so hostile input cannot
// make ParseDecimal allocate without limit.
const maxDecimalExp = 80

// ParseDecimal parses "12", "-0.5", "3200.1234" or "1.5e-7" exactly. It
// refuses blanks, NaN/Inf, hex, separators and exponents beyond ±80.
func ParseDecimal(s string) (Decimal, error) {
	bad := func(why string) (Decimal, error) {
		return Decimal{}, Errorf(KindInvalid, "invalid decimal %q: %s", Clip(s, 40), why)
	}
	t := strings.TrimSpace(s)
	if t == "" {
		return bad("empty")
	}
	if len(t) > 2*maxDecimalExp {
		return bad("too long")
	}
	mant, exp := t, 0
	if i := strings.IndexAny(t, "eE"); i >= 0 {
		e, err := strconv.Atoi(t[i+1:])
		if err != nil || e > maxDecimalExp || e < -maxDecimalExp {
			return bad("bad exponent")
		}
		mant, exp = t[:i], e
	}
	neg := false
	switch {
	case strings.HasPrefix(mant, "-"):
		neg, mant = true, mant[1:]
	case strings.HasPrefix(mant, "+"):
		mant = mant[1:]
	}
	whole, frac, _ := strings.Cut(mant, ".")
	if whole == "" && frac == "" || !allDigits(whole) || !allDigits(frac) {
		return bad("not a plain decimal number")
	}
	u, ok := new(big.Int).SetString(whole+frac+"0", 10) // the "0" keeps SetString from seeing ""
	if !ok {
		return bad("not a number")
	}
	u.Quo(u, big.NewInt(10))
	if neg {
		u.Neg(u)
	}
	return Decimal{units: u, scale: int32(len(frac) - exp)}, nil
}

// DecimalFromUnits is v base units of a token with the given decimals.
func DecimalFromUnits(v *big.Int, decimals uint8) Decimal {
	if v == nil {
		return Decimal{}
	}
	return Decimal{units: new(big.Int).Set(v), scale: int32(decimals)}
}

// Sign reports -1, 0 or +1.
func (d Decimal) Sign() int {
	if d.units == nil {
		return 0
	}
	return d.units.Sign()
}

// Mul returns d × o exactly.
func (d Decimal) Mul(o Decimal) Decimal {
	if d.Sign() == 0 || o.Sign() == 0 {
		return Decimal{}
	}
	return Decimal{units: new(big.Int).Mul(d.units, o.units), scale: d.scale + o.scale}
}

// Fixed renders d with exactly places fractional digits, rounding half away
// from zero ("3200.00", "0.01", "-1.50").
func (d Decimal) Fixed(places int) string {
	if places < 0 {
		places = 0
	}
	u := d.units
	if u == nil {
		u = new(big.Int)
	}
	shift := int32(places) - d.scale
	v := new(big.Int).Set(u)
	switch {
	case shift > 0:
		v.Mul(v, pow10(shift))
	case shift < 0:
		div := pow10(-shift)
		q, r := new(big.Int).QuoRem(v, div, new(big.Int))
		if r.Abs(r).Lsh(r, 1).Cmp(div) >= 0 {
			if v.Sign() < 0 {
				q.Sub(q, big.NewInt(1))
			} else {
				q.Add(q, big.NewInt(1))
			}
		}
		v = q
	}
	neg := v.Sign() < 0
	digits := v.Abs(v).String()
	if places > 0 {
		if len(digits) <= places {
			digits = strings.Repeat("0", places-len(digits)+1) + digits
		}
		digits = digits[:len(digits)-places] + "." + digits[len(digits)-places:]
	}
	if neg {
		return "-" + digits
	}
	return digits
}

// String renders d exactly, without trailing zeros ("0.000015", "42").
func (d Decimal) String() string {
	if d.Sign() == 0 {
		return "0"
	}
	if d.scale <= 0 {
		return new(big.Int).Mul(d.units, pow10(-d.scale)).String()
	}
	if d.scale > 255 {
		return d.Fixed(int(d.scale))
	}
	return FormatUnits(d.units, uint8(d.scale))
}

func pow10(n int32) *big.Int {
	return new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(n)), nil)
}
