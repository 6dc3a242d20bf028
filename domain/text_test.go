package domain_test

import (
	"testing"
	"unicode/utf8"

	"github.com/agentwallet/agentwallet/domain"
)

func TestClip(t *testing.T) {
	t.Parallel()
	cases := []struct{ in, want string }{
		{"short", "short"},
		{"exactly-10", "exactly-10"},
		{"0123456789abc", "0123456789…"},
		{"ééééééééééé", "éééééééééé…"}, // 11 two-byte runes: cut by rune, not byte
		{"éééé", "éééé"},               // 8 bytes but 4 runes: kept whole
	}
	for _, c := range cases {
		got := domain.Clip(c.in, 10)
		if got != c.want || !utf8.ValidString(got) {
			t.Errorf("Clip(%q, 10) = %q, want %q", c.in, got, c.want)
		}
	}
}
