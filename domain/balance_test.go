package domain_test

import (
	"math/big"
	"strings"
	"testing"

	"github.com/agentwallet/agentwallet/domain"
)

func mustDecimal(tb testing.TB, s string) *domain.Decimal {
	tb.Helper()
	d, err := domain.ParseDecimal(s)
	if err != nil {
		tb.Fatal(err)
	}
	return &d
}

func TestTokenBalanceAmountAndValue(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name     string
		raw      int64
		decimals uint8
		price    string
		amount   string
		valueUSD string // "" means no value
	}{
		{"six_decimals_exact", 1234567, 6, "1", "1.234567", "1.23"},
		{"no_price_no_value", 5, 0, "", "5", ""},
		{"dust_rounds_to_zero_cents", 1, 18, "3000", "0.000000000000000001", "0.00"},
		{"zero_balance", 0, 6, "2.5", "0", "0.00"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			b := domain.TokenBalance{TokenMetadata: domain.TokenMetadata{Decimals: tc.decimals, DecimalsKnown: true}, Raw: big.NewInt(tc.raw)}
			if tc.price != "" {
				b.PriceUSD = mustDecimal(t, tc.price)
			}
			if got := b.Amount(); got != tc.amount {
				t.Errorf("Amount() = %q, want %q", got, tc.amount)
			}
			v := b.ValueUSD()
			switch {
			case tc.valueUSD == "" && v != nil:
				t.Errorf("ValueUSD() = %s, want nil", v)
			case tc.valueUSD != "" && (v == nil || v.Fixed(2) != tc.valueUSD):
				t.Errorf("ValueUSD() = %v, want %s", v, tc.valueUSD)
			}
		})
	}
}

func TestChainAndSolanaNativeValues(t *testing.T) {
	t.Parallel()
	wei, _ := new(big.Int).SetString("1234000000000000000", 10)
	c := domain.ChainBalance{Native: wei, NativePriceUSD: mustDecimal(t, "3200")}
	if got := c.NativeAmount(); got != "1.234" {
		t.Errorf("NativeAmount() = %q", got)
	}
	if got := c.NativeValueUSD().Fixed(2); got != "3948.80" {
		t.Errorf("NativeValueUSD() = %q", got)
	}
	s := domain.SolanaBalances{SolanaHoldings: domain.SolanaHoldings{Lamports: big.NewInt(500_000_000), SOLPriceUSD: mustDecimal(t, "100")}}
	if got := s.SOLAmount(); got != "0.5" {
		t.Errorf("SOLAmount() = %q", got)
	}
	if got := s.SOLValueUSD().Fixed(2); got != "50.00" {
		t.Errorf("SOLValueUSD() = %q", got)
	}
	if (domain.SolanaBalances{}).SOLValueUSD() != nil {
		t.Error("SOL value without a price must be nil")
	}
}

func TestTokenMetadataWithDefaults(t *testing.T) {
	t.Parallel()
	got := domain.TokenMetadata{Decimals: 6}.WithDefaults()
	if got.Symbol != "???" || got.Name != "Unknown Token" || got.Decimals != 6 {
		t.Errorf("WithDefaults() = %+v", got)
	}
	kept := domain.TokenMetadata{Symbol: "USDC", Name: "USD Coin"}.WithDefaults()
	if kept.Symbol != "USDC" || kept.Name != "USD Coin" {
		t.Errorf("WithDefaults() overwrote names: %+v", kept)
	}
}

func TestNFTNormalized(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("é", 250)
	n := domain.NFT{Chain: "ethereum", Description: long}.Normalized()
	if n.Name != "Untitled" || n.TokenType != "ERC721" {
		t.Errorf("defaults not applied: %+v", n)
	}
	if got := []rune(n.Description); len(got) != 200 || string(got) != strings.Repeat("é", 200) {
		t.Errorf("description cut to %d runes", len(got))
	}
	sol := domain.NFT{Contract: "mint", Name: "Mad Lad #1"}.Normalized()
	if sol.TokenType != "" || sol.Name != "Mad Lad #1" {
		t.Errorf("solana NFT changed: %+v", sol)
	}
}
