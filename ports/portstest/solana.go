package portstest

import (
	"context"
	"math/big"
	"testing"

	"github.com/agentwallet/agentwallet/domain"
	"github.com/agentwallet/agentwallet/ports"
)

// Fixed Solana test addresses (base58 of 32 bytes).
const (
	SolOwnerA = "7xKXtg2CW87d97TXJSDpbD5jBkheTqA83TZRuJosgHU"
	SolOwnerB = "9WzDXwBbmkg8ZTbNMqUxvQRAyrZzDsGYdLVL9zYtAWWM"
	MintUSDC  = "EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v"
	MintBONK  = "DezXAZ8z7PnrnRJjz3wXBoRgixCa6xjnB7YaB1pPB263"
)

// SolanaAssetsHarness arranges a Solana indexer for RunSolanaAssets.
type SolanaAssetsHarness interface {
	Assets() ports.SolanaAssets
	SetLamports(owner string, lamports *big.Int)
	SetSOLPrice(usd string)
	// AddToken gives owner a fungible; a nil PriceUSD publishes no price.
	AddToken(owner string, t domain.TokenBalance)
	AddNFT(owner string, n domain.NFT)
	SetRefusing()
	SetHanging()
}

// RunSolanaAssets pins the semantics of ports.SolanaAssets.
func RunSolanaAssets(t *testing.T, newHarness func(t *testing.T) SolanaAssetsHarness) {
	t.Run("sol_tokens_and_prices_exact", func(t *testing.T) {
		h := newHarness(t)
		h.SetLamports(SolOwnerA, big.NewInt(1_500_000_001))
		h.SetSOLPrice("142.5")
		usdcPrice, _ := domain.ParseDecimal("0.9998")
		h.AddToken(SolOwnerA, domain.TokenBalance{TokenMetadata: domain.TokenMetadata{Contract: MintUSDC, Symbol: "USDC", Name: "USD Coin", Decimals: 6, DecimalsKnown: true}, Raw: big.NewInt(1234567), PriceUSD: &usdcPrice})
		big9 := new(big.Int).Lsh(big.NewInt(1), 70) // beyond float64's exact range
		h.AddToken(SolOwnerA, domain.TokenBalance{TokenMetadata: domain.TokenMetadata{Contract: MintBONK, Symbol: "Bonk", Name: "Bonk", Decimals: 5, DecimalsKnown: true}, Raw: big9})
		got, err := h.Assets().SolanaHoldings(testCtx(t), SolOwnerA)
		if err != nil {
			t.Fatal(err)
		}
		if got.Lamports.Cmp(big.NewInt(1_500_000_001)) != 0 {
			t.Errorf("lamports = %v", got.Lamports)
		}
		if got.SOLPriceUSD == nil || got.SOLPriceUSD.String() != "142.5" {
			t.Errorf("SOL price = %v", got.SOLPriceUSD)
		}
		if len(got.Tokens) != 2 {
			t.Fatalf("tokens = %+v", got.Tokens)
		}
		byMint := map[string]domain.TokenBalance{}
		for _, tok := range got.Tokens {
			byMint[tok.Contract] = tok
		}
		usdc := byMint[MintUSDC]
		if usdc.Amount() != "1.234567" || usdc.Symbol != "USDC" || usdc.PriceUSD == nil || usdc.PriceUSD.String() != "0.9998" {
			t.Errorf("USDC = %+v amount %s", usdc, usdc.Amount())
		}
		bonk := byMint[MintBONK]
		if bonk.Raw == nil || bonk.Raw.Cmp(big9) != 0 || bonk.PriceUSD != nil {
			t.Errorf("BONK = %+v, want exact raw %v and no price", bonk, big9)
		}
	})

	t.Run("unknown_owner_holds_nothing", func(t *testing.T) {
		h := newHarness(t)
		got, err := h.Assets().SolanaHoldings(testCtx(t), SolOwnerB)
		if err != nil {
			t.Fatal(err)
		}
		if got.Lamports == nil || got.Lamports.Sign() != 0 || len(got.Tokens) != 0 {
			t.Errorf("got %+v", got)
		}
	})

	t.Run("nfts_without_fungibles", func(t *testing.T) {
		h := newHarness(t)
		h.AddToken(SolOwnerA, domain.TokenBalance{TokenMetadata: domain.TokenMetadata{Contract: MintUSDC, Decimals: 6, DecimalsKnown: true}, Raw: big.NewInt(1)})
		h.AddNFT(SolOwnerA, domain.NFT{Contract: MintBONK, Name: "Mad Lad #1", Description: "a lad", ImageURL: "https://img/lad.png", CollectionName: "Mad Lads"})
		got, err := h.Assets().SolanaNFTs(testCtx(t), SolOwnerA)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 {
			t.Fatalf("NFTs = %+v, want just the one NFT", got)
		}
		n := got[0]
		if n.Contract != MintBONK || n.Name != "Mad Lad #1" || n.ImageURL != "https://img/lad.png" || n.CollectionName != "Mad Lads" || n.Chain != "" {
			t.Errorf("NFT = %+v", n)
		}
	})

	t.Run("malformed_owner_is_invalid", func(t *testing.T) {
		h := newHarness(t)
		for _, owner := range []string{"", "0x1111111111111111111111111111111111111111", "short", "OOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOOO"} {
			_, err := h.Assets().SolanaHoldings(testCtx(t), owner)
			wantErrKind(t, err, domain.KindInvalid)
		}
	})

	t.Run("refusing_upstream_is_unavailable", func(t *testing.T) {
		h := newHarness(t)
		h.SetRefusing()
		_, err := h.Assets().SolanaHoldings(testCtx(t), SolOwnerA)
		wantErrKind(t, err, domain.KindUnavailable)
		_, err = h.Assets().SolanaNFTs(testCtx(t), SolOwnerA)
		wantErrKind(t, err, domain.KindUnavailable)
	})

	t.Run("hanging_upstream_ends_with_context", func(t *testing.T) {
		h := newHarness(t)
		h.SetHanging()
		ctx, cancel := context.WithTimeout(testCtx(t), hangBudget)
		defer cancel()
		_, err := h.Assets().SolanaHoldings(ctx, SolOwnerA)
		wantErrKind(t, err, domain.KindTimeout)
	})
}

// SolanaPricesHarness arranges a Solana price source for RunSolanaPrices.
type SolanaPricesHarness interface {
	Prices() ports.SolanaPrices
	SetPrice(mint, usd string)
	SetRefusing()
}

// RunSolanaPrices pins the semantics of ports.SolanaPrices.
func RunSolanaPrices(t *testing.T, newHarness func(t *testing.T) SolanaPricesHarness) {
	t.Run("one_mint", func(t *testing.T) {
		h := newHarness(t)
		h.SetPrice(domain.WrappedSOLMint, "142.123456789")
		got, err := h.Prices().SolanaPricesUSD(testCtx(t), []string{domain.WrappedSOLMint})
		if err != nil {
			t.Fatal(err)
		}
		if p, ok := got[domain.WrappedSOLMint]; !ok || p.String() != "142.123456789" {
			t.Errorf("SOL = %v, %v", p, ok)
		}
	})

	t.Run("several_mints_unknown_absent", func(t *testing.T) {
		h := newHarness(t)
		h.SetPrice(MintUSDC, "1.0001")
		h.SetPrice(MintBONK, "0.00002345")
		got, err := h.Prices().SolanaPricesUSD(testCtx(t), []string{MintUSDC, MintBONK, SolOwnerB})
		if err != nil {
			t.Fatal(err)
		}
		if got[MintUSDC].String() != "1.0001" || got[MintBONK].String() != "0.00002345" {
			t.Errorf("prices = %v", got)
		}
		if _, ok := got[SolOwnerB]; ok {
			t.Error("unknown mint priced")
		}
	})

	t.Run("empty_input_no_error", func(t *testing.T) {
		h := newHarness(t)
		if got, err := h.Prices().SolanaPricesUSD(testCtx(t), nil); err != nil || len(got) != 0 {
			t.Errorf("got %v, %v", got, err)
		}
	})

	t.Run("refusing_upstream_is_unavailable", func(t *testing.T) {
		h := newHarness(t)
		h.SetRefusing()
		_, err := h.Prices().SolanaPricesUSD(testCtx(t), []string{MintUSDC})
		wantErrKind(t, err, domain.KindUnavailable)
	})
}
