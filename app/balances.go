package app

import (
	"context"
	"sync"
	"time"

	"github.com/agentwallet/agentwallet/domain"
	"github.com/agentwallet/agentwallet/ports"
)

// Defaults for BalancesOptions.
const (
	DefaultChainTimeout = 8 * time.Second
	DefaultBalancesTTL  = 15 * time.Second
)

// BalancesOptions tune the balances and NFT use cases.
type BalancesOptions struct {
	ChainTimeout time.Duration // per chain (and per price lookup); DefaultChainTimeout when 0
	TTL          time.Duration // how long an answer is reused; DefaultBalancesTTL when 0, negative disables
}

func (o BalancesOptions) withDefaults() BalancesOptions {
	if o.ChainTimeout <= 0 {
		o.ChainTimeout = DefaultChainTimeout
	}
	switch {
	case o.TTL == 0:
		o.TTL = DefaultBalancesTTL
	case o.TTL < 0:
		o.TTL = 0
	}
	return o
}

// BalancesService answers GET /api/wallet/balances: every EVM chain and
// Solana in parallel, each under its own timeout, token metadata kept for
// good, whole answers reused for a short TTL, identical concurrent requests
// served by one fetch.
type BalancesService struct {
	sources  BalanceSourcer
	metadata ports.TokenMetadataStore
	opts     BalancesOptions
	cache    *flightCache[domain.Balances]
	hints    priceHints
}

// NewBalancesService builds the use case.
func NewBalancesService(sources BalanceSourcer, metadata ports.TokenMetadataStore, clock ports.Clock, opts BalancesOptions) *BalancesService {
	opts = opts.withDefaults()
	return &BalancesService{sources: sources, metadata: metadata, opts: opts, cache: newFlightCache[domain.Balances](clock, opts.TTL)}
}

// Balances returns the wallet's balances. A side whose provider or address
// is missing is nil; a chain that fails carries its error while the others
// succeed. Errors: only those of resolving the configuration, or ctx's.
func (s *BalancesService) Balances(ctx context.Context) (domain.Balances, error) {
	src, err := s.sources.BalanceSources(ctx)
	if err != nil {
		return domain.Balances{}, err
	}
	return s.cache.get(ctx, src.cacheKey(), func(ctx context.Context) (domain.Balances, bool, error) {
		b, complete := s.fetch(ctx, src)
		return b, complete, nil
	})
}

// fetch reads both sides in parallel. complete is false when anything
// failed or is missing (a chain, metadata, a price), so it is not cached.
func (s *BalancesService) fetch(ctx context.Context, src BalanceSources) (b domain.Balances, complete bool) {
	var wg sync.WaitGroup
	evmOK, solOK := true, true
	if src.EVMHoldings != nil && src.EVMAddress != "" {
		wg.Go(func() { b.EVM, evmOK = s.fetchEVM(ctx, src) })
	}
	if src.SolanaAssets != nil && src.SolanaAddress != "" {
		wg.Go(func() { b.Solana, solOK = s.fetchSolana(ctx, src) })
	}
	wg.Wait()
	return b, evmOK && solOK
}
