package app

import (
	"context"
	"sync"

	"github.com/agentwallet/agentwallet/domain"
	"github.com/agentwallet/agentwallet/ports"
)

// NFTsService answers GET /api/wallet/nfts: every EVM chain and Solana in
// parallel under per-chain timeouts, answers reused for a short TTL and
// concurrent identical requests coalesced.
type NFTsService struct {
	sources BalanceSourcer
	opts    BalancesOptions
	cache   *flightCache[domain.NFTHoldings]
}

// NewNFTsService builds the use case.
func NewNFTsService(sources BalanceSourcer, clock ports.Clock, opts BalancesOptions) *NFTsService {
	opts = opts.withDefaults()
	return &NFTsService{sources: sources, opts: opts, cache: newFlightCache[domain.NFTHoldings](clock, opts.TTL)}
}

// NFTs returns the wallet's NFTs; a failing chain is reported in Errors and
// the rest still answer. Errors: only those of resolving the configuration,
// or ctx's.
func (s *NFTsService) NFTs(ctx context.Context) (domain.NFTHoldings, error) {
	src, err := s.sources.BalanceSources(ctx)
	if err != nil {
		return domain.NFTHoldings{}, err
	}
	return s.cache.get(ctx, src.cacheKey(), func(ctx context.Context) (domain.NFTHoldings, bool, error) {
		h := s.fetch(ctx, src)
		return h, len(h.Errors) == 0, nil
	})
}

func (s *NFTsService) fetch(ctx context.Context, src BalanceSources) domain.NFTHoldings {
	out := domain.NFTHoldings{Errors: map[string]error{}}
	var mu sync.Mutex // guards out.Errors
	fail := func(key string, err error) {
		mu.Lock()
		defer mu.Unlock()
		out.Errors[key] = err
	}
	var wg sync.WaitGroup
	var perChain [][]domain.NFT
	if src.EVMNFTs != nil && src.EVMAddress != "" {
		out.EVMEnabled = true
		chains := domain.EVMChains(src.Network)
		perChain = make([][]domain.NFT, len(chains))
		for i, chain := range chains {
			wg.Go(func() {
				cctx, cancel := context.WithTimeout(ctx, s.opts.ChainTimeout)
				defer cancel()
				nfts, err := src.EVMNFTs.NFTs(cctx, chain, src.EVMAddress)
				if err != nil {
					fail(chain.Slug, err)
					return
				}
				perChain[i] = nfts
			})
		}
	}
	if src.SolanaAssets != nil && src.SolanaAddress != "" {
		out.SolanaEnabled = true
		wg.Go(func() {
			cctx, cancel := context.WithTimeout(ctx, s.opts.ChainTimeout)
			defer cancel()
			nfts, err := src.SolanaAssets.SolanaNFTs(cctx, src.SolanaAddress)
			if err != nil {
				fail("solana", err)
				return
			}
			out.Solana = nfts
		})
	}
	wg.Wait()
	if out.EVMEnabled {
		out.EVM = []domain.NFT{}
		for _, nfts := range perChain {
			out.EVM = append(out.EVM, nfts...)
		}
	}
	if out.SolanaEnabled && out.Solana == nil {
		out.Solana = []domain.NFT{}
	}
	return out
}
