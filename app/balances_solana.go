package app

import (
	"context"
	"math/big"
	"slices"

	"github.com/agentwallet/agentwallet/domain"
)

// fetchSolana reads SOL and SPL tokens from the indexer and asks the price
// fallback for SOL and the tokens the indexer could not price, all under
// one timeout. When an earlier fetch needed the fallback, it is asked for
// the same mints right away, in parallel with the indexer.
func (s *BalancesService) fetchSolana(ctx context.Context, src BalanceSources) (*domain.SolanaBalances, bool) {
	ctx, cancel := context.WithTimeout(ctx, s.opts.ChainTimeout)
	defer cancel()
	pricing := src.SolanaPrices != nil && src.Network != domain.NetworkTestnet
	var early *pendingPrices[string]
	if pricing {
		if mints, ok := s.hints.solanaMints(src.cacheKey()); ok && len(mints) > 0 {
			early = startPrices(ctx, noTimeout, mints, src.SolanaPrices.SolanaPricesUSD)
		}
	}
	h, err := src.SolanaAssets.SolanaHoldings(ctx, src.SolanaAddress)
	if err != nil {
		if early != nil {
			_, _ = early.wait() // it ends with ctx; do not leave it behind
		}
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
	if src.Network == domain.NetworkTestnet {
		// The indexer's prices are mainnet prices; devnet coins have none.
		h.SOLPriceUSD = nil
		for i := range h.Tokens {
			h.Tokens[i].PriceUSD = nil
		}
	}
	out := &domain.SolanaBalances{Address: src.SolanaAddress, SolanaHoldings: h}
	if !pricing {
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
	s.hints.setSolana(src.cacheKey(), missing)
	prices := map[string]domain.Decimal{}
	ok := true
	var asked []string
	if early != nil {
		got, err := early.wait()
		ok = err == nil
		for k, v := range got {
			prices[k] = v
		}
		asked = early.asked
	}
	var rest []string
	for _, m := range missing {
		if !slices.Contains(asked, m) {
			rest = append(rest, m)
		}
	}
	if len(rest) > 0 {
		got, err := src.SolanaPrices.SolanaPricesUSD(ctx, rest)
		ok = ok && err == nil
		for k, v := range got {
			prices[k] = v
		}
	}
	if p, found := prices[domain.WrappedSOLMint]; found && out.SOLPriceUSD == nil {
		out.SOLPriceUSD = &p
	}
	for i := range out.Tokens {
		if p, found := prices[out.Tokens[i].Contract]; found && out.Tokens[i].PriceUSD == nil {
			out.Tokens[i].PriceUSD = &p
		}
	}
	return out, ok
}

// noTimeout adds no deadline of its own: the Solana side's timeout bounds
// its early price request.
func noTimeout(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithCancel(ctx)
}
