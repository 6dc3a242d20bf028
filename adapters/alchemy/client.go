// Package alchemy reads EVM balances, token metadata, NFTs and USD prices
// from Alchemy: the node JSON-RPC (with its Token API methods), NFT API v3
// and the Prices API.
package alchemy

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/agentwallet/agentwallet/domain"
	"github.com/agentwallet/agentwallet/ports"
)

// Default base URLs; {network} is replaced by the chain's subdomain.
const (
	DefaultBaseURL       = "https://{network}.g.alchemy.com"
	DefaultPricesBaseURL = "https://api.g.alchemy.com"
)

// maxBody caps what is read from one response, so a hostile or broken
// upstream cannot exhaust memory.
const maxBody = 16 << 20

// Options configure a Client.
type Options struct {
	APIKey        string
	BaseURL       string       // node and NFT base, with {network}; DefaultBaseURL when empty
	PricesBaseURL string       // Prices API base; DefaultPricesBaseURL when empty
	HTTPClient    *http.Client // http.DefaultClient when nil; callers bound calls with ctx
}

// Client talks to Alchemy. It is safe for concurrent use.
type Client struct {
	key        string   // path-escaped
	secrets    [][]byte // the key as given and as escaped, cut out of upstream answers
	base       string
	pricesBase string
	http       *http.Client
}

var (
	_ ports.EVMHoldings         = (*Client)(nil)
	_ ports.TokenMetadataSource = (*Client)(nil)
	_ ports.EVMNFTs             = (*Client)(nil)
	_ ports.EVMPrices           = (*Client)(nil)
)

// NewClient checks o and builds a Client. A blank API key is KindInvalid.
func NewClient(o Options) (*Client, error) {
	key := strings.TrimSpace(o.APIKey)
	if key == "" {
		return nil, domain.Errorf(domain.KindInvalid, "alchemy: API key is required")
	}
	c := &Client{
		key:        url.PathEscape(key), // it sits in URL paths
		secrets:    [][]byte{[]byte(key), []byte(url.PathEscape(key))},
		base:       strings.TrimRight(o.BaseURL, "/"),
		pricesBase: strings.TrimRight(o.PricesBaseURL, "/"),
		http:       o.HTTPClient,
	}
	if c.base == "" {
		c.base = DefaultBaseURL
	}
	if c.pricesBase == "" {
		c.pricesBase = DefaultPricesBaseURL
	}
	if c.http == nil {
		c.http = http.DefaultClient
	}
	return c, nil
}

// nodeURL is the base for chain with {network} filled in, or KindInvalid
// when Alchemy does not serve the chain.
func (c *Client) nodeURL(op string, chain domain.EVMChain) (string, error) {
	network, ok := Network(chain.ChainID)
	if !ok {
		return "", domain.Errorf(domain.KindInvalid, "alchemy does not serve chain id %d", chain.ChainID).WithOp(op)
	}
	return strings.ReplaceAll(c.base, "{network}", network), nil
}

// do sends req and returns the body of a 2xx answer; anything else becomes a
// domain error (see errors.go). The URL, which holds the key, never reaches
// an error message.
func (c *Client) do(op string, req *http.Request) ([]byte, error) {
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, transportError(op, req.Context(), err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	if err != nil {
		return nil, transportError(op, req.Context(), err)
	}
	for _, k := range c.secrets { // an answer that repeats the path must not carry the key into an error
		if bytes.Contains(body, k) {
			body = bytes.ReplaceAll(body, k, []byte("<key>"))
		}
	}
	if resp.StatusCode/100 != 2 {
		return nil, statusError(op, resp.StatusCode, body)
	}
	return body, nil
}

// postJSON POSTs v as JSON to url.
func (c *Client) postJSON(ctx context.Context, op, url string, v any) ([]byte, error) {
	payload, err := json.Marshal(v)
	if err != nil {
		return nil, domain.Errorf(domain.KindInternal, "encode request").WithOp(op).Wrap(err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(payload))
	if err != nil {
		return nil, domain.Errorf(domain.KindInvalid, "bad alchemy base URL").WithOp(op)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	return c.do(op, req)
}

// get GETs url.
func (c *Client) get(ctx context.Context, op, url string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, domain.Errorf(domain.KindInvalid, "bad alchemy base URL").WithOp(op)
	}
	req.Header.Set("Accept", "application/json")
	return c.do(op, req)
}
