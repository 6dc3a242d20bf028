// Package birdeye prices Solana tokens through Birdeye's public API: the
// price fallback for mints Helius has no price for, and for SOL.
package birdeye

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"github.com/agentwallet/agentwallet/domain"
	"github.com/agentwallet/agentwallet/ports"
)

// DefaultBaseURL is Birdeye's public API.
const DefaultBaseURL = "https://public-api.birdeye.so"

const (
	maxBody = 4 << 20
	// multiPriceBatch is Birdeye's limit of addresses per multi_price call.
	multiPriceBatch = 100
)

// Options configure a Client.
type Options struct {
	APIKey     string
	BaseURL    string       // DefaultBaseURL when empty
	HTTPClient *http.Client // http.DefaultClient when nil; callers bound calls with ctx
}

// Client talks to Birdeye. It is safe for concurrent use.
type Client struct {
	key  string
	base string
	http *http.Client
}

var _ ports.SolanaPrices = (*Client)(nil)

// NewClient checks o and builds a Client. A blank API key is KindInvalid.
func NewClient(o Options) (*Client, error) {
	key := strings.TrimSpace(o.APIKey)
	if key == "" {
		return nil, domain.Errorf(domain.KindInvalid, "birdeye: API key is required")
	}
	c := &Client{key: key, base: strings.TrimRight(o.BaseURL, "/"), http: o.HTTPClient}
	if c.base == "" {
		c.base = DefaultBaseURL
	}
	if c.http == nil {
		c.http = http.DefaultClient
	}
	return c, nil
}

// SolanaPricesUSD uses GET /defi/price for one mint and
// GET /defi/multi_price for several (chunks of 100, in parallel).
func (c *Client) SolanaPricesUSD(ctx context.Context, mints []string) (map[string]domain.Decimal, error) {
	const op = "birdeye.prices"
	out := map[string]domain.Decimal{}
	switch len(mints) {
	case 0:
		return out, nil
	case 1:
		body, err := c.get(ctx, op, "/defi/price?"+url.Values{"address": {mints[0]}}.Encode())
		if err != nil {
			return nil, err
		}
		p, ok, err := parsePrice(body)
		if err != nil {
			return nil, malformed(op, err)
		}
		if ok {
			out[mints[0]] = p
		}
		return out, nil
	}
	var (
		mu   sync.Mutex // chunks answer in parallel
		wg   sync.WaitGroup
		errs = make([]error, (len(mints)+multiPriceBatch-1)/multiPriceBatch)
	)
	for i := range errs {
		chunk := mints[i*multiPriceBatch : min((i+1)*multiPriceBatch, len(mints))]
		wg.Go(func() {
			body, err := c.get(ctx, op, "/defi/multi_price?"+url.Values{"list_address": {strings.Join(chunk, ",")}}.Encode())
			if err != nil {
				errs[i] = err
				return
			}
			got, err := parseMultiPrice(body)
			if err != nil {
				errs[i] = malformed(op, err)
				return
			}
			mu.Lock()
			defer mu.Unlock()
			for _, m := range chunk {
				if p, ok := got[m]; ok {
					out[m] = p
				}
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// get sends a GET with Birdeye's headers and returns a 2xx body.
func (c *Client) get(ctx context.Context, op, pathAndQuery string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+pathAndQuery, nil)
	if err != nil {
		return nil, domain.Errorf(domain.KindInvalid, "bad birdeye base URL").WithOp(op)
	}
	req.Header.Set("X-API-KEY", c.key)
	req.Header.Set("x-chain", "solana")
	req.Header.Set("accept", "application/json")
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, transportError(op, ctx, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	if err != nil {
		return nil, transportError(op, ctx, err)
	}
	if resp.StatusCode/100 != 2 {
		return nil, statusError(op, resp.StatusCode, body)
	}
	return body, nil
}
