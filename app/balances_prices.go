package app

import (
	"context"
	"slices"
	"strings"

	"github.com/agentwallet/agentwallet/domain"
)

func (s *BalancesService) priceTimeout(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, s.opts.ChainTimeout)
}

// startEVMPrices starts the price request for what the last fetch priced,
// when there was one; nil otherwise (a cold fetch asks once, afterwards).
func (s *BalancesService) startEVMPrices(ctx context.Context, src BalanceSources) *pendingPrices[domain.TokenRef] {
	if src.EVMPrices == nil {
		return nil
	}
	refs, ok := s.hints.evmRefs(src.cacheKey())
	if !ok || len(refs) == 0 {
		return nil
	}
	return startPrices(ctx, s.priceTimeout, refs, src.EVMPrices.TokenPricesUSD)
}

// evmPriceRefs lists what the rows need priced: every token and, through its
// wrapped token, the native coin of each mainnet row that was read.
// Testnet coins have no price.
func evmPriceRefs(rows []domain.ChainBalance) []domain.TokenRef {
	var refs []domain.TokenRef
	for _, r := range rows {
		if r.Err != nil || r.Chain.Testnet {
			continue
		}
		if r.Chain.WrappedNative != "" {
			refs = append(refs, domain.TokenRef{ChainID: r.Chain.ChainID, Contract: strings.ToLower(r.Chain.WrappedNative)})
		}
		for _, t := range r.Tokens {
			refs = append(refs, domain.TokenRef{ChainID: r.Chain.ChainID, Contract: strings.ToLower(t.Contract)})
		}
	}
	return refs
}

// priceEVM fills in prices: from the early request when one ran, plus one
// request for whatever it did not ask about (all of it on a cold fetch),
// then by symbol for natives still unpriced. It reports false when a lookup
// failed.
func (s *BalancesService) priceEVM(ctx context.Context, src BalanceSources, rows []domain.ChainBalance, early *pendingPrices[domain.TokenRef]) bool {
	if src.EVMPrices == nil {
		return true
	}
	needed := evmPriceRefs(rows)
	s.hints.setEVM(src.cacheKey(), needed)
	prices := map[domain.TokenRef]domain.Decimal{}
	ok := true
	var asked []domain.TokenRef
	if early != nil {
		got, err := early.wait()
		ok = err == nil
		for k, v := range got {
			prices[k] = v
		}
		asked = early.asked
	}
	var rest []domain.TokenRef
	for _, r := range needed {
		if !slices.Contains(asked, r) {
			rest = append(rest, r)
		}
	}
	if len(rest) > 0 {
		pctx, cancel := s.priceTimeout(ctx)
		got, err := src.EVMPrices.TokenPricesUSD(pctx, rest)
		cancel()
		ok = ok && err == nil
		for k, v := range got {
			prices[k] = v
		}
	}
	var unpriced []string
	for i := range rows {
		r := &rows[i]
		if r.Err != nil || r.Chain.Testnet {
			continue
		}
		if p, found := prices[domain.TokenRef{ChainID: r.Chain.ChainID, Contract: strings.ToLower(r.Chain.WrappedNative)}]; found {
			r.NativePriceUSD = &p
		} else if !slices.Contains(unpriced, r.Chain.NativeSymbol) {
			unpriced = append(unpriced, r.Chain.NativeSymbol)
		}
		for j := range r.Tokens {
			if p, found := prices[domain.TokenRef{ChainID: r.Chain.ChainID, Contract: strings.ToLower(r.Tokens[j].Contract)}]; found {
				r.Tokens[j].PriceUSD = &p
			}
		}
	}
	if len(unpriced) == 0 {
		return ok
	}
	pctx, cancel := s.priceTimeout(ctx)
	defer cancel()
	bySymbol, err := src.EVMPrices.SymbolPricesUSD(pctx, unpriced)
	if err != nil {
		return false
	}
	for i := range rows {
		r := &rows[i]
		if p, found := bySymbol[r.Chain.NativeSymbol]; found && r.Err == nil && !r.Chain.Testnet && r.NativePriceUSD == nil {
			r.NativePriceUSD = &p
		}
	}
	return ok
}
