package portstest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/agentwallet/agentwallet/domain"
	"github.com/agentwallet/agentwallet/ports"
)

// EVMPricesHarness arranges a price provider for RunEVMPrices.
type EVMPricesHarness interface {
	Prices() ports.EVMPrices
	SetPrice(token domain.TokenRef, usd string)
	SetSymbolPrice(symbol, usd string)
	SetRefusing()
}

// RunEVMPrices pins the semantics of ports.EVMPrices.
func RunEVMPrices(t *testing.T, newHarness func(t *testing.T) EVMPricesHarness) {
	eth, bsc := mainnet("ethereum"), mainnet("bsc")

	t.Run("by_address_across_chains_exact", func(t *testing.T) {
		h := newHarness(t)
		x := domain.TokenRef{ChainID: eth.ChainID, Contract: TokenX}
		y := domain.TokenRef{ChainID: bsc.ChainID, Contract: TokenY}
		h.SetPrice(x, "0.999912345678")
		h.SetPrice(y, "612.5")
		unknown := domain.TokenRef{ChainID: bsc.ChainID, Contract: TokenX}
		got, err := h.Prices().TokenPricesUSD(testCtx(t), []domain.TokenRef{x, y, unknown})
		if err != nil {
			t.Fatal(err)
		}
		if p, ok := got[x]; !ok || p.String() != "0.999912345678" {
			t.Errorf("price of x = %v, %v", p, ok)
		}
		if p, ok := got[y]; !ok || p.String() != "612.5" {
			t.Errorf("price of y = %v, %v", p, ok)
		}
		if _, ok := got[unknown]; ok {
			t.Error("token on the wrong chain got a price")
		}
	})

	t.Run("mixed_case_contract_keys_lower_case", func(t *testing.T) {
		h := newHarness(t)
		lower := domain.TokenRef{ChainID: eth.ChainID, Contract: TokenX}
		h.SetPrice(lower, "2")
		got, err := h.Prices().TokenPricesUSD(testCtx(t), []domain.TokenRef{{ChainID: eth.ChainID, Contract: strings.ToUpper(TokenX[:2]) + strings.ToUpper(TokenX[2:])}})
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := got[lower]; !ok {
			t.Errorf("got %v, want the lower-case key", got)
		}
	})

	t.Run("many_tokens_all_priced", func(t *testing.T) {
		h := newHarness(t)
		var refs []domain.TokenRef
		for i := range 60 {
			r := domain.TokenRef{ChainID: eth.ChainID, Contract: fmt.Sprintf("0x%040x", i+1)}
			refs = append(refs, r)
			h.SetPrice(r, fmt.Sprint(i+1))
		}
		got, err := h.Prices().TokenPricesUSD(testCtx(t), refs)
		if err != nil {
			t.Fatal(err)
		}
		for i, r := range refs {
			if p := got[r]; p.String() != fmt.Sprint(i+1) {
				t.Fatalf("%s: %v", r.Contract, p)
			}
		}
	})

	t.Run("by_symbol", func(t *testing.T) {
		h := newHarness(t)
		h.SetSymbolPrice("ETH", "3200.12")
		got, err := h.Prices().SymbolPricesUSD(testCtx(t), []string{"ETH", "NOPE"})
		if err != nil {
			t.Fatal(err)
		}
		if p, ok := got["ETH"]; !ok || p.Fixed(2) != "3200.12" {
			t.Errorf("ETH = %v, %v", p, ok)
		}
		if _, ok := got["NOPE"]; ok {
			t.Error("unknown symbol priced")
		}
	})

	t.Run("empty_input_no_error", func(t *testing.T) {
		h := newHarness(t)
		if got, err := h.Prices().TokenPricesUSD(testCtx(t), nil); err != nil || len(got) != 0 {
			t.Errorf("got %v, %v", got, err)
		}
	})

	t.Run("refusing_upstream_is_unavailable", func(t *testing.T) {
		h := newHarness(t)
		h.SetRefusing()
		_, err := h.Prices().TokenPricesUSD(testCtx(t), []domain.TokenRef{{ChainID: eth.ChainID, Contract: TokenX}})
		wantErrKind(t, err, domain.KindUnavailable)
	})
}
