// Package nativerpc reads native EVM balances over plain Ethereum JSON-RPC
// (eth_getBalance): the balance source for Infura, Ankr and custom RPC URLs,
// which have no token index.
package nativerpc

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"net/url"
	"strings"

	"github.com/ethereum/go-ethereum/common"

	"github.com/agentwallet/agentwallet/adapters/upstream"
	"github.com/agentwallet/agentwallet/domain"
	"github.com/agentwallet/agentwallet/ports"
)

const maxBody = 1 << 20

// Options configure a Client.
type Options struct {
	URLs       map[uint64]string // RPC URL per chain id; chains without one are not served
	HTTPClient *http.Client      // http.DefaultClient when nil; callers bound calls with ctx
}

// Client reads native balances. It is safe for concurrent use.
type Client struct {
	urls map[uint64]string
	http *http.Client
}

var _ ports.EVMHoldings = (*Client)(nil)

// NewClient builds a Client; URLs must be http(s).
func NewClient(o Options) (*Client, error) {
	c := &Client{urls: map[uint64]string{}, http: o.HTTPClient}
	if c.http == nil {
		c.http = http.DefaultClient
	}
	for id, u := range o.URLs {
		p, err := url.Parse(u)
		if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
			return nil, domain.Errorf(domain.KindInvalid, "RPC URL for chain %d is not an http(s) URL", id)
		}
		c.urls[id] = u
	}
	return c, nil
}

// Holdings returns the native balance only; plain RPC cannot list tokens.
func (c *Client) Holdings(ctx context.Context, chain domain.EVMChain, owner string) (domain.EVMHoldings, error) {
	const op = "nativerpc.holdings"
	if !strings.HasPrefix(owner, "0x") || !common.IsHexAddress(owner) {
		return domain.EVMHoldings{}, domain.Errorf(domain.KindInvalid, "not an EVM address").WithOp(op).WithCode("INVALID_ADDRESS")
	}
	u, ok := c.urls[chain.ChainID]
	if !ok {
		return domain.EVMHoldings{}, domain.Errorf(domain.KindInvalid, "no RPC URL configured for %s", chain.Name).WithOp(op)
	}
	payload, _ := json.Marshal(map[string]any{"jsonrpc": "2.0", "id": 1, "method": "eth_getBalance", "params": []any{owner, "latest"}})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, bytes.NewReader(payload))
	if err != nil {
		return domain.EVMHoldings{}, domain.Errorf(domain.KindInvalid, "bad RPC URL").WithOp(op)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.http.Do(req)
	if err != nil {
		return domain.EVMHoldings{}, transportError(op, ctx, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	if err != nil {
		return domain.EVMHoldings{}, transportError(op, ctx, err)
	}
	if resp.StatusCode/100 != 2 {
		return domain.EVMHoldings{}, statusError(op, resp.StatusCode)
	}
	wei, err := parseBalance(body)
	if err != nil {
		var rpcErr *domain.Error
		if errors.As(err, &rpcErr) {
			return domain.EVMHoldings{}, rpcErr.WithOp(op)
		}
		return domain.EVMHoldings{}, domain.Errorf(domain.KindUpstream, "RPC sent a malformed answer").WithOp(op).Wrap(err)
	}
	return domain.EVMHoldings{Native: wei}, nil
}

// parseBalance decodes an eth_getBalance answer: a hex quantity of at most
// 256 bits, or a JSON-RPC error.
func parseBalance(body []byte) (*big.Int, error) {
	var r struct {
		Result *string `json:"result"`
		Error  *struct {
			Code    int    `json:"code"`
			Message string `json:"message"`
		} `json:"error"`
	}
	if err := json.Unmarshal(body, &r); err != nil {
		return nil, err
	}
	if r.Error != nil {
		kind := domain.KindUpstream
		if r.Error.Code == 429 || r.Error.Code == -32005 {
			kind = domain.KindUnavailable
		}
		return nil, domain.Errorf(kind, "RPC error %d", r.Error.Code)
	}
	if r.Result == nil {
		return nil, errors.New("no result")
	}
	digits, ok := strings.CutPrefix(*r.Result, "0x")
	if !ok || len(digits) > 64 || strings.Trim(digits, "0123456789abcdefABCDEF") != "" {
		return nil, fmt.Errorf("bad quantity %.40q", *r.Result)
	}
	if digits == "" {
		return new(big.Int), nil
	}
	v, ok := new(big.Int).SetString(digits, 16)
	if !ok {
		return nil, fmt.Errorf("bad quantity %.40q", *r.Result)
	}
	return v, nil
}

func statusError(op string, status int) error { return upstream.StatusError("RPC", op, status, "") }

func transportError(op string, ctx context.Context, err error) error {
	return upstream.TransportError("RPC", op, ctx, err)
}
