package domain_test

import (
	"math/big"
	"testing"

	"github.com/agentwallet/agentwallet/domain"
)

func TestFormatUnits(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name     string
		v        string
		decimals uint8
		want     string
	}{
		{"six_decimals_token", "1234567", 6, "1.234567"},
		{"whole_ether", "1000000000000000000", 18, "1"},
		{"trailing_zeros_trimmed", "1500000000000000000", 18, "1.5"},
		{"one_wei", "1", 18, "0.000000000000000001"},
		{"zero", "0", 18, "0"},
		{"zero_decimals", "42", 0, "42"},
		{"negative", "-500000", 6, "-0.5"},
		{"huge", "115792089237316195423570985008687907853269984665640564039457584007913129639935", 18, "115792089237316195423570985008687907853269984665640564039457.584007913129639935"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v, _ := new(big.Int).SetString(c.v, 10)
			if got := domain.FormatUnits(v, c.decimals); got != c.want {
				t.Fatalf("FormatUnits(%s, %d) = %q, want %q", c.v, c.decimals, got, c.want)
			}
		})
	}
	if got := domain.FormatUnits(nil, 18); got != "0" {
		t.Fatalf("FormatUnits(nil) = %q", got)
	}
}

func TestParseUnits(t *testing.T) {
	t.Parallel()
	ok := []struct {
		in       string
		decimals uint8
		want     string
	}{
		{"1.5", 18, "1500000000000000000"},
		{"0.000001", 6, "1"},
		{"42", 0, "42"},
		{".5", 1, "5"},
		{"5.", 2, "500"},
		{" 1.10 ", 1, "11"},
		{"0", 18, "0"},
		{"1.2300", 2, "123"},
	}
	for _, c := range ok {
		got, err := domain.ParseUnits(c.in, c.decimals)
		if err != nil || got.String() != c.want {
			t.Errorf("ParseUnits(%q, %d) = %v, %v; want %s", c.in, c.decimals, got, err, c.want)
		}
	}
	bad := []struct {
		in       string
		decimals uint8
	}{
		{"", 18}, {".", 18}, {"-1", 18}, {"+1", 18}, {"1e18", 18}, {"1,000", 18}, {"0x10", 18},
		{"1.0000001", 6}, {"1.2.3", 18}, {"NaN", 18}, {"１", 18}, {"1 000", 18},
	}
	for _, c := range bad {
		if v, err := domain.ParseUnits(c.in, c.decimals); err == nil {
			t.Errorf("ParseUnits(%q, %d) = %v, want error", c.in, c.decimals, v)
		} else if domain.KindOf(err) != domain.KindInvalid {
			t.Errorf("ParseUnits(%q) kind = %v, want invalid", c.in, domain.KindOf(err))
		}
	}
	if _, err := domain.ParsePositiveUnits("0.0", 18); domain.KindOf(err) != domain.KindInvalid {
		t.Errorf("ParsePositiveUnits(0.0) err = %v, want invalid", err)
	}
}

// FuzzParseUnits checks that whatever parses formats back to an equal value.
func FuzzParseUnits(f *testing.F) {
	for _, s := range []string{"1.5", "0", "", ".", "-1", "1e5", "00001.10000", "999999999999999999999999.999999", "\x00", "1..2", " 7 "} {
		f.Add(s, uint8(18))
	}
	f.Add("1.234567", uint8(6))
	f.Add("12", uint8(200))
	f.Fuzz(func(t *testing.T, s string, decimals uint8) {
		v, err := domain.ParseUnits(s, decimals)
		if err != nil {
			return
		}
		if v.Sign() < 0 {
			t.Fatalf("ParseUnits(%q) negative: %v", s, v)
		}
		back, err := domain.ParseUnits(domain.FormatUnits(v, decimals), decimals)
		if err != nil || back.Cmp(v) != 0 {
			t.Fatalf("round trip of %q (%v) gave %v, %v", s, v, back, err)
		}
	})
}
