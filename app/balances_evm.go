package app

import (
	"context"
	"math/big"
	"strings"
	"sync"

	"github.com/agentwallet/agentwallet/domain"
)

// fetchEVM reads every chain of the network in parallel and prices all of
// them in one request (see priceEVM).
func (s *BalancesService) fetchEVM(ctx context.Context, src BalanceSources) (*domain.EVMBalances, bool) {
	early := s.startEVMPrices(ctx, src)
	chains := domain.EVMChains(src.Network)
	rows := make([]domain.ChainBalance, len(chains))
	complete := make([]bool, len(chains))
	var wg sync.WaitGroup
	for i, chain := range chains {
		wg.Go(func() {
			cctx, cancel := context.WithTimeout(ctx, s.opts.ChainTimeout)
			defer cancel()
			rows[i], complete[i] = s.chainBalance(cctx, src, chain)
		})
	}
	wg.Wait()
	ok := s.priceEVM(ctx, src, rows, early)
	for _, c := range complete {
		ok = ok && c
	}
	return &domain.EVMBalances{Address: src.EVMAddress, Chains: rows}, ok
}

// chainBalance reads one chain: holdings, then metadata for tokens not yet
// known. A failed read is the row's error, with a zero native balance. An
// invalid-kind error (a chain the provider does not serve) is as lasting
// as the configuration, so it does not keep the answer from being reused.
func (s *BalancesService) chainBalance(ctx context.Context, src BalanceSources, chain domain.EVMChain) (domain.ChainBalance, bool) {
	h, err := src.EVMHoldings.Holdings(ctx, chain, src.EVMAddress)
	if err != nil {
		return domain.ChainBalance{Chain: chain, Native: new(big.Int), Err: err}, domain.KindOf(err) == domain.KindInvalid
	}
	tokens, complete := s.tokenBalances(ctx, src, chain, h.Tokens)
	return domain.ChainBalance{Chain: chain, Native: h.Native, Tokens: tokens}, complete
}

// tokenBalances joins raw amounts with metadata: from the store first, then
// one batched lookup for the rest, whose answers (including "not a token")
// are stored for good; a contract a failed lookup did not answer is asked
// about again next time. Tokens without known decimals are left out: their
// amounts cannot be shown exactly.
func (s *BalancesService) tokenBalances(ctx context.Context, src BalanceSources, chain domain.EVMChain, amounts []domain.TokenAmount) ([]domain.TokenBalance, bool) {
	if len(amounts) == 0 {
		return []domain.TokenBalance{}, true
	}
	contracts := make([]string, len(amounts))
	for i, a := range amounts {
		contracts[i] = strings.ToLower(a.Contract)
	}
	complete := true
	known, err := s.metadata.LoadTokenMetadata(ctx, chain.ChainID, contracts)
	if err != nil {
		known, complete = map[string]domain.TokenMetadata{}, false
	}
	var missing []string
	for _, c := range contracts {
		if _, ok := known[c]; !ok {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 && src.EVMMetadata != nil {
		fetched, err := src.EVMMetadata.TokenMetadata(ctx, chain, missing)
		if err != nil {
			complete = false
		}
		fresh := make([]domain.TokenMetadata, 0, len(missing))
		for _, c := range missing {
			m, ok := fetched[c]
			if !ok {
				if err != nil {
					continue // not answered: ask again next time
				}
				m = domain.TokenMetadata{Contract: c} // not a token: remember, do not ask again
			}
			known[c] = m
			fresh = append(fresh, m)
		}
		if len(fresh) > 0 && s.metadata.SaveTokenMetadata(ctx, chain.ChainID, fresh) != nil {
			complete = false
		}
	} else if len(missing) > 0 {
		complete = false
	}
	out := make([]domain.TokenBalance, 0, len(amounts))
	for i, a := range amounts {
		m, ok := known[contracts[i]]
		if !ok || !m.DecimalsKnown {
			continue
		}
		if m.Contract == "" {
			m.Contract = contracts[i]
		}
		out = append(out, domain.TokenBalance{TokenMetadata: m.WithDefaults(), Raw: a.Raw})
	}
	return out, complete
}
