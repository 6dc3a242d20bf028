// Package helius reads Solana holdings and NFTs from Helius's DAS API
// (getAssetsByOwner), which also reports the SOL balance and, for many
// tokens, USD prices.
package helius

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
	"github.com/mr-tron/base58"
)

// Default base URLs; the client appends /?api-key=<key>.
const (
	DefaultBaseURL       = "https://mainnet.helius-rpc.com"
	DefaultDevnetBaseURL = "https://devnet.helius-rpc.com"
)

const maxBody = 16 << 20

// Options configure a Client.
type Options struct {
	APIKey     string
	BaseURL    string       // DefaultBaseURL when empty
	HTTPClient *http.Client // http.DefaultClient when nil; callers bound calls with ctx
}

// Client talks to Helius. It is safe for concurrent use.
type Client struct {
	url     string   // base + "/?api-key=<key>"
	secrets [][]byte // the key as given and as escaped, cut out of upstream answers
	http    *http.Client
}

var _ ports.SolanaAssets = (*Client)(nil)

// NewClient checks o and builds a Client. A blank API key is KindInvalid.
func NewClient(o Options) (*Client, error) {
	key := strings.TrimSpace(o.APIKey)
	if key == "" {
		return nil, domain.Errorf(domain.KindInvalid, "helius: API key is required")
	}
	base := strings.TrimRight(o.BaseURL, "/")
	if base == "" {
		base = DefaultBaseURL
	}
	c := &Client{url: base + "/?" + url.Values{"api-key": {key}}.Encode(), http: o.HTTPClient,
		secrets: [][]byte{[]byte(key), []byte(url.QueryEscape(key))}}
	if c.http == nil {
		c.http = http.DefaultClient
	}
	return c, nil
}

// RPCURL is the Solana RPC URL Helius serves for key at base (the
// SOLANA_RPC_URL that setting HELIUS_API_KEY implies).
func RPCURL(base, key string) string {
	if base == "" {
		base = DefaultBaseURL
	}
	return strings.TrimRight(base, "/") + "/?" + url.Values{"api-key": {key}}.Encode()
}

// call sends one JSON-RPC request with named params and returns its result.
func (c *Client) call(ctx context.Context, op, method string, params any) (json.RawMessage, error) {
	payload, err := json.Marshal(rpcRequest{JSONRPC: "2.0", ID: "agentwallet", Method: method, Params: params})
	if err != nil {
		return nil, domain.Errorf(domain.KindInternal, "encode request").WithOp(op).Wrap(err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.url, bytes.NewReader(payload))
	if err != nil {
		return nil, domain.Errorf(domain.KindInvalid, "bad helius base URL").WithOp(op)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, transportError(op, ctx, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	if err != nil {
		return nil, transportError(op, ctx, err)
	}
	for _, k := range c.secrets { // an answer that repeats the URL must not carry the key into an error
		if bytes.Contains(body, k) {
			body = bytes.ReplaceAll(body, k, []byte("<key>"))
		}
	}
	if resp.StatusCode/100 != 2 {
		return nil, statusError(op, resp.StatusCode, body)
	}
	var r rpcResponse
	if err := json.Unmarshal(body, &r); err != nil {
		return nil, malformed(op, err)
	}
	if r.Error != nil {
		return nil, rpcErrorOf(op, r.Error)
	}
	return r.Result, nil
}

// checkOwner refuses anything that is not base58 of 32 bytes.
func checkOwner(op, owner string) error {
	if b, err := base58.Decode(owner); err != nil || len(b) != 32 {
		return domain.Errorf(domain.KindInvalid, "not a Solana address: %q", truncate(owner)).WithOp(op).WithCode("INVALID_ADDRESS")
	}
	return nil
}
