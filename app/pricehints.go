package app

import (
	"context"
	"sync"

	"github.com/agentwallet/agentwallet/domain"
)

// priceHints remembers, per configuration and addresses, which assets the
// last fetch had to price. The next fetch asks for those prices at once,
// in parallel with the balance reads, so a warm request costs about one
// round trip instead of two; only assets new since then need a second
// price request.
type priceHints struct {
	mu     sync.Mutex
	evm    map[string][]domain.TokenRef // cache key -> refs priced last time
	solana map[string][]string          // cache key -> mints the fallback priced last time
}

// maxHintKeys bounds the hints kept; keys change only with configuration
// or addresses, so a handful is plenty.
const maxHintKeys = 16

func (h *priceHints) evmRefs(key string) ([]domain.TokenRef, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	refs, ok := h.evm[key]
	return refs, ok
}

func (h *priceHints) setEVM(key string, refs []domain.TokenRef) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.evm == nil || len(h.evm) >= maxHintKeys {
		h.evm = map[string][]domain.TokenRef{}
	}
	h.evm[key] = refs
}

func (h *priceHints) solanaMints(key string) ([]string, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	mints, ok := h.solana[key]
	return mints, ok
}

func (h *priceHints) setSolana(key string, mints []string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.solana == nil || len(h.solana) >= maxHintKeys {
		h.solana = map[string][]string{}
	}
	h.solana[key] = mints
}

// pendingPrices is a price request started early; wait blocks for it.
type pendingPrices[K comparable] struct {
	asked  []K
	done   chan struct{}
	prices map[K]domain.Decimal
	err    error
}

// startPrices runs lookup(asked) in the background under timeout.
func startPrices[K comparable](ctx context.Context, timeout timeoutFunc, asked []K, lookup func(context.Context, []K) (map[K]domain.Decimal, error)) *pendingPrices[K] {
	p := &pendingPrices[K]{asked: asked, done: make(chan struct{})}
	go func() {
		defer close(p.done)
		pctx, cancel := timeout(ctx)
		defer cancel()
		p.prices, p.err = lookup(pctx, asked)
	}()
	return p
}

type timeoutFunc func(context.Context) (context.Context, context.CancelFunc)

func (p *pendingPrices[K]) wait() (map[K]domain.Decimal, error) {
	<-p.done
	return p.prices, p.err
}
