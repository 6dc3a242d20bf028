package portstest

import (
	"context"
	"math/big"
	"testing"

	"github.com/agentwallet/agentwallet/domain"
	"github.com/agentwallet/agentwallet/ports"
)

// EVMHoldingsHarness arranges an EVM balance provider for RunEVMHoldings.
type EVMHoldingsHarness interface {
	Holdings() ports.EVMHoldings
	// ListsTokens reports whether the provider discovers ERC-20s; plain RPC
	// providers read the native coin only.
	ListsTokens() bool
	SetNative(chain domain.EVMChain, owner string, wei *big.Int)
	SetToken(chain domain.EVMChain, owner, contract string, raw *big.Int)
	// SetRefusing makes the provider refuse every call for chain (429).
	SetRefusing(chain domain.EVMChain)
	// SetHanging makes calls for chain never answer.
	SetHanging(chain domain.EVMChain)
}

// RunEVMHoldings pins the semantics of ports.EVMHoldings.
func RunEVMHoldings(t *testing.T, newHarness func(t *testing.T) EVMHoldingsHarness) {
	eth, base := mainnet("ethereum"), mainnet("base")

	t.Run("native_and_nonzero_tokens", func(t *testing.T) {
		h := newHarness(t)
		wei, _ := new(big.Int).SetString("1500000000000000000", 10)
		h.SetNative(eth, OwnerA, wei)
		h.SetToken(eth, OwnerA, TokenX, big.NewInt(1234567))
		h.SetToken(eth, OwnerA, TokenY, big.NewInt(0))
		got, err := h.Holdings().Holdings(testCtx(t), eth, OwnerA)
		if err != nil {
			t.Fatal(err)
		}
		if got.Native == nil || got.Native.Cmp(wei) != 0 {
			t.Errorf("native = %v, want %v", got.Native, wei)
		}
		if !h.ListsTokens() {
			if len(got.Tokens) != 0 {
				t.Errorf("native-only provider listed tokens %v", got.Tokens)
			}
			return
		}
		if len(got.Tokens) != 1 || got.Tokens[0].Contract != TokenX || got.Tokens[0].Raw.Cmp(big.NewInt(1234567)) != 0 {
			t.Errorf("tokens = %+v, want only %s = 1234567 (zero balances dropped)", got.Tokens, TokenX)
		}
	})

	t.Run("unknown_owner_holds_nothing", func(t *testing.T) {
		h := newHarness(t)
		got, err := h.Holdings().Holdings(testCtx(t), eth, OwnerB)
		if err != nil {
			t.Fatal(err)
		}
		if got.Native == nil || got.Native.Sign() != 0 || len(got.Tokens) != 0 {
			t.Errorf("got %+v, want zero native and no tokens", got)
		}
	})

	t.Run("chains_are_separate", func(t *testing.T) {
		h := newHarness(t)
		h.SetNative(eth, OwnerA, big.NewInt(7))
		got, err := h.Holdings().Holdings(testCtx(t), base, OwnerA)
		if err != nil {
			t.Fatal(err)
		}
		if got.Native.Sign() != 0 {
			t.Errorf("base native = %v, want 0 (set on ethereum only)", got.Native)
		}
	})

	t.Run("malformed_owner_is_invalid", func(t *testing.T) {
		h := newHarness(t)
		for _, owner := range []string{"", "0x123", "1111111111111111111111111111111111111111", "0xZZ11111111111111111111111111111111111111"} {
			_, err := h.Holdings().Holdings(testCtx(t), eth, owner)
			wantErrKind(t, err, domain.KindInvalid)
		}
	})

	t.Run("unserved_chain_is_invalid", func(t *testing.T) {
		h := newHarness(t)
		_, err := h.Holdings().Holdings(testCtx(t), domain.EVMChain{Slug: "nowhere", ChainID: 999999999}, OwnerA)
		wantErrKind(t, err, domain.KindInvalid)
	})

	t.Run("refusing_upstream_is_unavailable_for_that_chain_only", func(t *testing.T) {
		h := newHarness(t)
		h.SetRefusing(eth)
		_, err := h.Holdings().Holdings(testCtx(t), eth, OwnerA)
		wantErrKind(t, err, domain.KindUnavailable)
		if _, err := h.Holdings().Holdings(testCtx(t), base, OwnerA); err != nil {
			t.Errorf("base failed too: %v", err)
		}
	})

	t.Run("hanging_upstream_ends_with_context", func(t *testing.T) {
		h := newHarness(t)
		h.SetHanging(eth)
		ctx, cancel := context.WithTimeout(testCtx(t), hangBudget)
		defer cancel()
		_, err := h.Holdings().Holdings(ctx, eth, OwnerA)
		wantErrKind(t, err, domain.KindTimeout)
	})
}
