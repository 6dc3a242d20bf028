package domain_test

import (
	"encoding/json"
	"math/big"
	"strings"
	"testing"

	"github.com/agentwallet/agentwallet/domain"
)

func TestParseUSD(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, want string
		bad            bool
	}{
		{name: "integer", in: "15", want: "15"},
		{name: "fraction", in: "15.50", want: "15.5"},
		{name: "negative", in: "-0.25", want: "-0.25"},
		{name: "exponent", in: "1.5e-3", want: "0.0015"},
		{name: "positive_exponent", in: "2E+2", want: "200"},
		{name: "spaces_trimmed", in: "  1.99 ", want: "1.99"},
		{name: "zero", in: "0.000", want: "0"},
		{name: "tiny_but_exact", in: "0.1000000000000000055511151231257827", want: "0.1000000000000000055511151231257827"},
		{name: "empty", in: "", bad: true},
		{name: "nan", in: "NaN", bad: true},
		{name: "infinity", in: "Inf", bad: true},
		{name: "hex", in: "0x10", bad: true},
		{name: "plus_sign", in: "+1", bad: true},
		{name: "double_minus", in: "--1", bad: true},
		{name: "leading_dot", in: ".5", bad: true},
		{name: "trailing_dot", in: "5.", bad: true},
		{name: "comma", in: "1,5", bad: true},
		{name: "huge_exponent", in: "1e999999999", bad: true},
		{name: "exponent_just_over", in: "1e41", bad: true},
		{name: "bare_exponent", in: "1e", bad: true},
		{name: "double_exponent_sign", in: "1e+-2", bad: true},
		{name: "rational_form", in: "1/3", bad: true},
		{name: "too_long", in: "1." + strings.Repeat("0", 108) + "1", bad: true},
		{name: "long_mantissa_with_exponent", in: "1." + strings.Repeat("0", 63) + "1e-2", bad: true},
		{name: "longest_output_reparses", in: "-1." + strings.Repeat("9", 61) + "e-40", want: "-0." + strings.Repeat("0", 39) + "1" + strings.Repeat("9", 61)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := domain.ParseUSD(tt.in)
			if tt.bad {
				if domain.KindOf(err) != domain.KindInvalid {
					t.Fatalf("ParseUSD(%q) = %v, %v; want invalid", tt.in, got, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseUSD(%q): %v", tt.in, err)
			}
			if got.String() != tt.want {
				t.Errorf("ParseUSD(%q) = %s, want %s", tt.in, got, tt.want)
			}
		})
	}
}

func TestUSDCompareIsExact(t *testing.T) {
	t.Parallel()
	// 0.1+0.2 style float traps: these differ only far past float64 precision.
	a := domain.MustUSD("1.99999999999999999999")
	b := domain.MustUSD("2")
	if a.Cmp(b) >= 0 {
		t.Errorf("%s should be below %s", a, b)
	}
	if domain.MustUSD("2.000").Cmp(b) != 0 {
		t.Error("2.000 should equal 2")
	}
	var zero domain.USD
	if zero.Sign() != 0 || zero.String() != "0" {
		t.Errorf("zero value = %s", zero)
	}
}

func TestUSDJSON(t *testing.T) {
	t.Parallel()
	var v struct {
		A domain.USD `json:"a"`
		B domain.USD `json:"b"`
	}
	if err := json.Unmarshal([]byte(`{"a": 15.50, "b": "25.000"}`), &v); err != nil {
		t.Fatal(err)
	}
	out, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != `{"a":15.5,"b":25}` {
		t.Errorf("round trip = %s", out)
	}
	if err := json.Unmarshal([]byte(`{"a": "abc"}`), &v); err == nil {
		t.Error("a non-number string was accepted")
	}
	if err := json.Unmarshal([]byte(`{"a": true}`), &v); err == nil {
		t.Error("a boolean was accepted")
	}
}

func FuzzParseUSD(f *testing.F) {
	for _, s := range []string{"15.5", "-0", "1e40", "1e-40", strings.Repeat("9", 64), "0.", "1e+", "١٢", "1_000", "\x00", "-1.5E-3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		u, err := domain.ParseUSD(s)
		if err != nil {
			return
		}
		if _, err := domain.ParseUSD(u.String()); err != nil {
			t.Fatalf("String() of %q = %q does not parse back: %v", s, u.String(), err)
		}
		// Whatever parses must render exactly the value of the literal.
		want, ok := new(big.Rat).SetString(strings.TrimSpace(s))
		if !ok {
			t.Fatalf("ParseUSD accepted %q that big.Rat refuses", s)
		}
		got, ok := new(big.Rat).SetString(u.String())
		if !ok || got.Cmp(want) != 0 {
			t.Fatalf("String() of %q = %q, not the same value", s, u.String())
		}
		if strings.ContainsAny(u.String(), "eE/") {
			t.Fatalf("String() of %q = %q is not a plain decimal", s, u.String())
		}
	})
}

func BenchmarkParseUSD(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := domain.ParseUSD("15.50"); err != nil {
			b.Fatal(err)
		}
	}
}

// FuzzUSDUnmarshalJSON feeds request and response bodies' amount fields
// (numbers or strings) through the JSON decoder: no panic, and an accepted
// amount marshals back to a JSON number of the same value.
func FuzzUSDUnmarshalJSON(f *testing.F) {
	for _, s := range []string{`25`, `"25.000"`, `-0.5`, `1e-40`, `"1e41"`, `null`, `true`, `"\"1\""`, `[1]`, `"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var u domain.USD
		if err := json.Unmarshal(b, &u); err != nil {
			return
		}
		out, err := json.Marshal(u)
		if err != nil {
			t.Fatalf("marshal %s: %v", u, err)
		}
		var n json.Number
		if err := json.Unmarshal(out, &n); err != nil {
			t.Fatalf("%s marshalled to %s, not a JSON number", b, out)
		}
		var back domain.USD
		if err := json.Unmarshal(out, &back); err != nil || back.Cmp(u) != 0 {
			t.Fatalf("round trip of %s: %s -> %v", b, out, err)
		}
	})
}
