package domain_test

import (
	"math/big"
	"testing"
	"time"

	"github.com/agentwallet/agentwallet/domain"
)

func ptr[T any](v T) *T { return &v }

func TestSlippageBps(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		in      *int64
		want    int
		wantErr bool
	}{
		{"unset_defaults_to_300", nil, 300, false},
		{"min_accepted", ptr[int64](1), 1, false},
		{"max_accepted", ptr[int64](5000), 5000, false},
		{"zero_refused", ptr[int64](0), 0, true},
		{"negative_refused", ptr[int64](-5), 0, true},
		{"over_max_refused", ptr[int64](5001), 0, true},
		{"huge_refused", ptr[int64](1 << 62), 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := domain.SlippageBps(tt.in)
			if tt.wantErr {
				if domain.KindOf(err) != domain.KindInvalid || domain.CodeOf(err) != "INVALID_SLIPPAGE" {
					t.Fatalf("SlippageBps err = %v, want invalid INVALID_SLIPPAGE", err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("SlippageBps = %d, %v; want %d", got, err, tt.want)
			}
		})
	}
}

func TestDeadlineSeconds(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   *int64
		want int64
	}{
		{"unset_defaults_to_600", nil, 600},
		{"five_seconds_clamped_up", ptr[int64](5), 60},
		{"negative_clamped_up", ptr[int64](-100), 60},
		{"in_range_kept", ptr[int64](900), 900},
		{"bounds_kept_low", ptr[int64](60), 60},
		{"bounds_kept_high", ptr[int64](3600), 3600},
		{"day_clamped_down", ptr[int64](86400), 3600},
	}
	for _, tt := range tests {
		if got := domain.DeadlineSeconds(tt.in); got != tt.want {
			t.Errorf("%s: DeadlineSeconds = %d, want %d", tt.name, got, tt.want)
		}
	}
}

func TestMinReceive(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		out  string
		bps  int
		want string
	}{
		{"reference_30_tokens_500_bps", "30000000000000000000", 500, "28500000000000000000"},
		{"default_slippage", "1000", 300, "970"},
		{"rounds_down", "999", 300, "969"},
		{"tiny_quote_keeps_one_unit", "1", 300, "1"},
		{"max_slippage_halves", "10", 5000, "5"},
		{"zero_out_is_zero", "0", 300, "0"},
	}
	for _, tt := range tests {
		out, _ := new(big.Int).SetString(tt.out, 10)
		if got := domain.MinReceive(out, tt.bps); got.String() != tt.want {
			t.Errorf("%s: MinReceive(%s, %d) = %s, want %s", tt.name, tt.out, tt.bps, got, tt.want)
		}
	}
}

func TestQuoteExpired(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name     string
		quotedAt time.Time
		now      time.Time
		want     bool
	}{
		{"fresh", at, at.Add(10 * time.Second), false},
		{"exactly_sixty_seconds_ok", at, at.Add(60 * time.Second), false},
		{"sixty_one_seconds_expired", at, at.Add(61 * time.Second), true},
		{"no_timestamp_never_expires", time.Time{}, at, false},
		{"future_quote_fresh", at.Add(time.Minute), at, false},
	}
	for _, tt := range tests {
		if got := domain.QuoteExpired(tt.quotedAt, tt.now); got != tt.want {
			t.Errorf("%s: QuoteExpired = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestParseTradeSide(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]domain.TradeSide{"buy": domain.SideBuy, " SELL ": domain.SideSell} {
		if got, err := domain.ParseTradeSide(in); err != nil || got != want {
			t.Errorf("ParseTradeSide(%q) = %q, %v", in, got, err)
		}
	}
	for _, bad := range []string{"", "hold", "buyy"} {
		if _, err := domain.ParseTradeSide(bad); domain.KindOf(err) != domain.KindInvalid {
			t.Errorf("ParseTradeSide(%q) err = %v, want invalid", bad, err)
		}
	}
}
