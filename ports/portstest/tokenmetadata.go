package portstest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/agentwallet/agentwallet/domain"
	"github.com/agentwallet/agentwallet/ports"
)

// TokenMetadataHarness arranges a metadata provider for RunTokenMetadataSource.
type TokenMetadataHarness interface {
	Source() ports.TokenMetadataSource
	// SetMetadata publishes m for contract; DecimalsKnown false publishes no
	// decimals.
	SetMetadata(chain domain.EVMChain, contract string, m domain.TokenMetadata)
	SetRefusing(chain domain.EVMChain)
}

// RunTokenMetadataSource pins the semantics of ports.TokenMetadataSource.
func RunTokenMetadataSource(t *testing.T, newHarness func(t *testing.T) TokenMetadataHarness) {
	eth := mainnet("ethereum")

	t.Run("known_tokens_keyed_as_passed_unknown_absent", func(t *testing.T) {
		h := newHarness(t)
		h.SetMetadata(eth, TokenX, domain.TokenMetadata{Symbol: "USDC", Name: "USD Coin", Decimals: 6, DecimalsKnown: true, LogoURL: "https://logo/usdc.png"})
		got, err := h.Source().TokenMetadata(testCtx(t), eth, []string{TokenX, TokenY})
		if err != nil {
			t.Fatal(err)
		}
		m, ok := got[TokenX]
		if !ok || m.Symbol != "USDC" || m.Name != "USD Coin" || m.Decimals != 6 || !m.DecimalsKnown || m.LogoURL != "https://logo/usdc.png" {
			t.Errorf("metadata = %+v, %v", m, ok)
		}
		if !strings.EqualFold(m.Contract, TokenX) {
			t.Errorf("Contract = %q, want %s in any case", m.Contract, TokenX)
		}
		if _, ok := got[TokenY]; ok {
			t.Errorf("unknown token %s present: %+v", TokenY, got[TokenY])
		}
	})

	t.Run("missing_decimals_are_flagged", func(t *testing.T) {
		h := newHarness(t)
		h.SetMetadata(eth, TokenX, domain.TokenMetadata{Symbol: "ODD", Name: "Odd"})
		got, err := h.Source().TokenMetadata(testCtx(t), eth, []string{TokenX})
		if err != nil {
			t.Fatal(err)
		}
		if m := got[TokenX]; m.Symbol != "ODD" || m.DecimalsKnown {
			t.Errorf("metadata = %+v, want symbol ODD without decimals", m)
		}
	})

	t.Run("many_tokens_all_answered", func(t *testing.T) {
		h := newHarness(t)
		var contracts []string
		for i := range 150 {
			c := fmt.Sprintf("0x%040x", i+1)
			contracts = append(contracts, c)
			h.SetMetadata(eth, c, domain.TokenMetadata{Symbol: fmt.Sprint("T", i), Decimals: uint8(i % 19), DecimalsKnown: true})
		}
		got, err := h.Source().TokenMetadata(testCtx(t), eth, contracts)
		if err != nil {
			t.Fatal(err)
		}
		for i, c := range contracts {
			if m := got[c]; m.Symbol != fmt.Sprint("T", i) || m.Decimals != uint8(i%19) {
				t.Fatalf("%s: %+v", c, m)
			}
		}
	})

	t.Run("empty_input_empty_answer", func(t *testing.T) {
		h := newHarness(t)
		got, err := h.Source().TokenMetadata(testCtx(t), eth, nil)
		if err != nil || len(got) != 0 {
			t.Errorf("got %v, %v", got, err)
		}
	})

	t.Run("refusing_upstream_is_unavailable", func(t *testing.T) {
		h := newHarness(t)
		h.SetRefusing(eth)
		_, err := h.Source().TokenMetadata(testCtx(t), eth, []string{TokenX})
		wantErrKind(t, err, domain.KindUnavailable)
	})
}
