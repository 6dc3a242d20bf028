package alchemy

import (
	"context"
	"encoding/json"
	"net/url"
	"strings"
	"sync"

	"github.com/agentwallet/agentwallet/domain"
)

// priceBatch is the Prices API's limit of addresses or symbols per request.
const priceBatch = 25

// TokenPricesUSD asks Prices API tokens/by-address; chunks of 25 go out in
// parallel. Tokens on chains Alchemy does not price are left out.
func (c *Client) TokenPricesUSD(ctx context.Context, tokens []domain.TokenRef) (map[domain.TokenRef]domain.Decimal, error) {
	const op = "alchemy.tokenPrices"
	var reqs []priceAddress
	for _, t := range tokens {
		if network, ok := Network(t.ChainID); ok {
			reqs = append(reqs, priceAddress{Network: network, Address: strings.ToLower(t.Contract)})
		}
	}
	out := map[domain.TokenRef]domain.Decimal{}
	var mu sync.Mutex // chunks answer in parallel
	err := inChunks(len(reqs), func(lo, hi int) error {
		body, err := c.postJSON(ctx, op, c.pricesBase+"/prices/v1/"+c.key+"/tokens/by-address",
			pricesByAddressRequest{Addresses: reqs[lo:hi]})
		if err != nil {
			return err
		}
		got, err := parsePrices(body)
		if err != nil {
			return malformed(op, err)
		}
		mu.Lock()
		defer mu.Unlock()
		for _, e := range got {
			if id, ok := chainIDOf(e.Network); ok {
				out[domain.TokenRef{ChainID: id, Contract: strings.ToLower(e.Address)}] = e.usd
			}
		}
		return nil
	})
	return out, err
}

// SymbolPricesUSD asks Prices API tokens/by-symbol (symbols repeated in the
// query), chunks of 25 in parallel.
func (c *Client) SymbolPricesUSD(ctx context.Context, symbols []string) (map[string]domain.Decimal, error) {
	const op = "alchemy.symbolPrices"
	out := map[string]domain.Decimal{}
	var mu sync.Mutex // chunks answer in parallel
	err := inChunks(len(symbols), func(lo, hi int) error {
		body, err := c.get(ctx, op, c.pricesBase+"/prices/v1/"+c.key+"/tokens/by-symbol?"+url.Values{"symbols": symbols[lo:hi]}.Encode())
		if err != nil {
			return err
		}
		got, err := parsePrices(body)
		if err != nil {
			return malformed(op, err)
		}
		mu.Lock()
		defer mu.Unlock()
		for _, e := range got {
			for _, s := range symbols[lo:hi] {
				if strings.EqualFold(s, e.Symbol) {
					out[s] = e.usd
				}
			}
		}
		return nil
	})
	return out, err
}

// pricedEntry is a priceEntry with its USD price parsed.
type pricedEntry struct {
	priceEntry
	usd domain.Decimal
}

// parsePrices keeps the entries that carry a parseable USD price and no
// error.
func parsePrices(body []byte) ([]pricedEntry, error) {
	var r pricesResponse
	if err := json.Unmarshal(body, &r); err != nil {
		return nil, err
	}
	var out []pricedEntry
	for _, e := range r.Data {
		if len(e.Error) > 0 && string(e.Error) != "null" {
			continue
		}
		for _, p := range e.Prices {
			if !strings.EqualFold(p.Currency, "usd") {
				continue
			}
			if d, err := domain.ParseDecimal(p.Value); err == nil && d.Sign() >= 0 {
				out = append(out, pricedEntry{priceEntry: e, usd: d})
				break
			}
		}
	}
	return out, nil
}

// inChunks runs f over [lo,hi) windows of n items, in parallel, and returns
// the first error.
func inChunks(n int, f func(lo, hi int) error) error {
	var wg sync.WaitGroup
	errs := make([]error, (n+priceBatch-1)/priceBatch)
	for i := 0; i*priceBatch < n; i++ {
		wg.Go(func() { errs[i] = f(i*priceBatch, min((i+1)*priceBatch, n)) })
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
