package domain_test

import (
	"math/big"
	"testing"

	"github.com/agentwallet/agentwallet/domain"
)

func TestParseDecimal(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, in, exact, cents string
	}{
		{"integer", "42", "42", "42.00"},
		{"fraction", "3200.1234", "3200.1234", "3200.12"},
		{"rounds_half_up", "0.005", "0.005", "0.01"},
		{"rounds_down", "0.0049", "0.0049", "0.00"},
		{"negative_rounds_away", "-1.495", "-1.495", "-1.50"},
		{"exponent_negative", "1.5e-7", "0.00000015", "0.00"},
		{"exponent_positive", "2E3", "2000", "2000.00"},
		{"leading_dot", ".5", "0.5", "0.50"},
		{"trailing_dot", "7.", "7", "7.00"},
		{"plus_sign", "+1", "1", "1.00"},
		{"spaces", " 1.10 ", "1.1", "1.10"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			d, err := domain.ParseDecimal(tc.in)
			if err != nil {
				t.Fatalf("ParseDecimal(%q): %v", tc.in, err)
			}
			if got := d.String(); got != tc.exact {
				t.Errorf("String() = %q, want %q", got, tc.exact)
			}
			if got := d.Fixed(2); got != tc.cents {
				t.Errorf("Fixed(2) = %q, want %q", got, tc.cents)
			}
		})
	}
}

func TestParseDecimalRejects(t *testing.T) {
	t.Parallel()
	for _, in := range []string{"", " ", ".", "-", "NaN", "Inf", "0x10", "1,5", "1.2.3", "1e", "1e999", "1e-81", "--1", "1 2"} {
		if _, err := domain.ParseDecimal(in); domain.KindOf(err) != domain.KindInvalid {
			t.Errorf("ParseDecimal(%q) error = %v, want invalid", in, err)
		}
	}
}

func TestDecimalMulUnitsIsExact(t *testing.T) {
	t.Parallel()
	price, err := domain.ParseDecimal("3200.5")
	if err != nil {
		t.Fatal(err)
	}
	oneAndAHalfETH, _ := new(big.Int).SetString("1500000000000000000", 10)
	value := price.Mul(domain.DecimalFromUnits(oneAndAHalfETH, 18))
	if got, want := value.String(), "4800.75"; got != want {
		t.Errorf("value = %s, want %s", got, want)
	}
	if got := (domain.Decimal{}).Fixed(2); got != "0.00" {
		t.Errorf("zero Fixed(2) = %q", got)
	}
	if got := domain.DecimalFromUnits(nil, 6).String(); got != "0" {
		t.Errorf("nil units = %q", got)
	}
}

func FuzzParseDecimal(f *testing.F) {
	for _, s := range []string{"0", "1.5e-7", "-0.0", "99999999999999999999.99", "1e80", "1e-80", ".e1", "+.", "00012.3400", "1E+5", "٣"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := domain.ParseDecimal(s)
		if err != nil {
			return
		}
		// Whatever parses must render and re-parse to the same value.
		again, err := domain.ParseDecimal(d.String())
		if err != nil {
			t.Fatalf("String() %q of %q does not re-parse: %v", d.String(), s, err)
		}
		if again.String() != d.String() {
			t.Fatalf("round trip %q -> %q -> %q", s, d.String(), again.String())
		}
		_ = d.Fixed(2)
	})
}
