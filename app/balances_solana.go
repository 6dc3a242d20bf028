package app

import (
	"context"
	"math/big"
	"slices"

	"github.com/agentwallet/agentwallet/domain"
)

// fetchSolana reads SOL and SPL tokens from the indexer, then asks the
// price fallback for SOL and the tokens the indexer could not price, all
// under one timeout.
func (s *BalancesService) fetchSolana(ctx context.Context, src BalanceSources) (*domain.SolanaBalances, bool) {
	ctx, cancel := context.WithTimeout(ctx, s.opts.ChainTimeout)
	defer cancel()
	h, err := src.SolanaAssets.SolanaHoldings(ctx, src.SolanaAddress)
	if err != nil {
		return &domain.SolanaBalances{Address: src.SolanaAddress, SolanaHoldings: domain.SolanaHoldings{Lamports: new(big.Int), Tokens: []domain.TokenBalance{}}, Err: err}, false
	}
	tokens := make([]domain.TokenBalance, 0, len(h.Tokens))
	for _, t := range h.Tokens {
		if t.DecimalsKnown {
			t.TokenMetadata = t.WithDefaults()
			tokens = append(tokens, t)
		}
	}
	h.Tokens = tokens
	out := &domain.SolanaBalances{Address: src.SolanaAddress, SolanaHoldings: h}
	if src.SolanaPrices == nil || src.Network == domain.NetworkTestnet {
		return out, true
	}
	var missing []string
	if h.SOLPriceUSD == nil {
		missing = append(missing, domain.WrappedSOLMint)
	}
	for _, t := range h.Tokens {
		if t.PriceUSD == nil && !slices.Contains(missing, t.Contract) {
			missing = append(missing, t.Contract)
		}
	}
	if len(missing) == 0 {
		return out, true
	}
	prices, err := src.SolanaPrices.SolanaPricesUSD(ctx, missing)
	if err != nil {
		return out, false
	}
	if p, ok := prices[domain.WrappedSOLMint]; ok && out.SOLPriceUSD == nil {
		out.SOLPriceUSD = &p
	}
	for i := range out.Tokens {
		if p, ok := prices[out.Tokens[i].Contract]; ok && out.Tokens[i].PriceUSD == nil {
			out.Tokens[i].PriceUSD = &p
		}
	}
	return out, true
}
