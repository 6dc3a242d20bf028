package portstest

import (
	"testing"

	"github.com/agentwallet/agentwallet/domain"
	"github.com/agentwallet/agentwallet/ports"
)

// RunTokenMetadataStore pins the semantics of ports.TokenMetadataStore.
func RunTokenMetadataStore(t *testing.T, newStore func(t *testing.T) ports.TokenMetadataStore) {
	usdc := domain.TokenMetadata{Contract: "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48", Symbol: "USDC", Name: "USD Coin", Decimals: 6, DecimalsKnown: true, LogoURL: "https://logo"}
	lower := "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48"

	t.Run("saved_entries_load_by_lower_case_contract", func(t *testing.T) {
		s := newStore(t)
		if err := s.SaveTokenMetadata(testCtx(t), 1, []domain.TokenMetadata{usdc}); err != nil {
			t.Fatal(err)
		}
		got, err := s.LoadTokenMetadata(testCtx(t), 1, []string{lower, TokenX})
		if err != nil {
			t.Fatal(err)
		}
		if got[lower] != usdc {
			t.Errorf("loaded %+v, want %+v", got[lower], usdc)
		}
		if _, ok := got[TokenX]; ok {
			t.Error("never-saved contract present")
		}
	})

	t.Run("chains_are_separate", func(t *testing.T) {
		s := newStore(t)
		if err := s.SaveTokenMetadata(testCtx(t), 1, []domain.TokenMetadata{usdc}); err != nil {
			t.Fatal(err)
		}
		got, err := s.LoadTokenMetadata(testCtx(t), 8453, []string{lower})
		if err != nil || len(got) != 0 {
			t.Errorf("base got %v, %v", got, err)
		}
	})

	t.Run("save_replaces_and_keeps_unknown_decimals", func(t *testing.T) {
		s := newStore(t)
		odd := domain.TokenMetadata{Contract: TokenX, Symbol: "ODD"}
		if err := s.SaveTokenMetadata(testCtx(t), 1, []domain.TokenMetadata{{Contract: TokenX, Symbol: "OLD"}}); err != nil {
			t.Fatal(err)
		}
		if err := s.SaveTokenMetadata(testCtx(t), 1, []domain.TokenMetadata{odd}); err != nil {
			t.Fatal(err)
		}
		got, err := s.LoadTokenMetadata(testCtx(t), 1, []string{TokenX})
		if err != nil {
			t.Fatal(err)
		}
		if got[TokenX] != odd {
			t.Errorf("loaded %+v, want %+v", got[TokenX], odd)
		}
	})

	t.Run("empty_calls_are_fine", func(t *testing.T) {
		s := newStore(t)
		if err := s.SaveTokenMetadata(testCtx(t), 1, nil); err != nil {
			t.Fatal(err)
		}
		if got, err := s.LoadTokenMetadata(testCtx(t), 1, nil); err != nil || len(got) != 0 {
			t.Errorf("got %v, %v", got, err)
		}
	})
}
