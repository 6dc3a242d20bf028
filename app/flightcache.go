package app

import (
	"context"
	"sync"
	"time"

	"github.com/agentwallet/agentwallet/ports"
)

// flightCache keeps results for a short TTL and lets concurrent callers with
// the same key share one fetch. The fetch runs detached from any one
// caller's cancellation (it is bounded by its own timeouts), so a caller
// that gives up does not fail the others.
type flightCache[V any] struct {
	clock ports.Clock
	ttl   time.Duration

	mu       sync.Mutex
	entries  map[string]cacheEntry[V]
	inflight map[string]*flight[V]
}

type cacheEntry[V any] struct {
	val     V
	expires time.Time
}

type flight[V any] struct {
	done chan struct{}
	val  V
	err  error
}

func newFlightCache[V any](clock ports.Clock, ttl time.Duration) *flightCache[V] {
	return &flightCache[V]{clock: clock, ttl: ttl, entries: map[string]cacheEntry[V]{}, inflight: map[string]*flight[V]{}}
}

// get returns the cached value for key, or joins or starts a fetch. fetch
// reports whether its result may be cached (complete, without errors).
func (c *flightCache[V]) get(ctx context.Context, key string, fetch func(context.Context) (V, bool, error)) (V, error) {
	c.mu.Lock()
	if e, ok := c.entries[key]; ok && c.clock.Now().Before(e.expires) {
		c.mu.Unlock()
		return e.val, nil
	}
	f, joined := c.inflight[key]
	if !joined {
		f = &flight[V]{done: make(chan struct{})}
		c.inflight[key] = f
		go c.run(context.WithoutCancel(ctx), key, f, fetch)
	}
	c.mu.Unlock()

	select {
	case <-f.done:
		return f.val, f.err
	case <-ctx.Done():
		var zero V
		return zero, ctx.Err()
	}
}

func (c *flightCache[V]) run(ctx context.Context, key string, f *flight[V], fetch func(context.Context) (V, bool, error)) {
	val, cacheable, err := fetch(ctx)
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.inflight, key)
	if err == nil && cacheable && c.ttl > 0 {
		now := c.clock.Now()
		for k, e := range c.entries { // few keys (one per configuration); sweep keeps it so
			if !now.Before(e.expires) {
				delete(c.entries, k)
			}
		}
		c.entries[key] = cacheEntry[V]{val: val, expires: now.Add(c.ttl)}
	}
	f.val, f.err = val, err
	close(f.done)
}
