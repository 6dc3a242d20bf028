package domain_test

import (
	"testing"

	"github.com/agentwallet/agentwallet/domain"
)

func TestNewCryptoQuoteRequest(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, amount, currency, network string
		wantCur, wantNet                string
		bad                             bool
	}{
		{name: "defaults_usdc_and_cloud_picks_network", amount: "25", wantCur: "USDC"},
		{name: "bsc_alias", amount: "25", currency: "usdt", network: "bsc", wantCur: "USDT", wantNet: "BEP20"},
		{name: "solana_alias", amount: "1", network: "Solana", wantCur: "USDC", wantNet: "SOL"},
		{name: "unknown_network_dropped", amount: "1", network: "dogechain", wantCur: "USDC"},
		{name: "zero_amount_refused", amount: "0", bad: true},
		{name: "negative_amount_refused", amount: "-5", bad: true},
		{name: "currency_with_symbols_refused", amount: "5", currency: "US-DC", bad: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := domain.NewCryptoQuoteRequest(domain.MustUSD(tt.amount), tt.currency, tt.network)
			if tt.bad {
				if domain.KindOf(err) != domain.KindInvalid {
					t.Fatalf("err = %v, want invalid", err)
				}
				return
			}
			if err != nil || got.Currency != tt.wantCur || got.Network != tt.wantNet {
				t.Errorf("got %+v, %v; want %s/%s", got, err, tt.wantCur, tt.wantNet)
			}
		})
	}
}

func TestNewCheckoutRequestAndHistoryQuery(t *testing.T) {
	t.Parallel()
	if _, err := domain.NewCheckoutRequest(domain.MustUSD("0")); domain.KindOf(err) != domain.KindInvalid {
		t.Errorf("zero checkout: %v", err)
	}
	if r, err := domain.NewCheckoutRequest(domain.MustUSD("25")); err != nil || r.AmountUSD.String() != "25" {
		t.Errorf("25 checkout: %+v, %v", r, err)
	}
	for _, c := range []struct{ limit, hours int }{{-1, 0}, {101, 0}, {0, -1}, {0, 8761}} {
		if _, err := domain.NewBillingHistoryQuery(c.limit, c.hours); domain.KindOf(err) != domain.KindInvalid {
			t.Errorf("NewBillingHistoryQuery(%d, %d) err = %v", c.limit, c.hours, err)
		}
	}
}
