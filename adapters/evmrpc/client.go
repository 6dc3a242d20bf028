// Package evmrpc is the BSC adapter: JSON-RPC through go-ethereum's client
// over a list of endpoints with failover, PancakeSwap V2 router quotes and
// calldata, ERC-20 reads, and a per-wallet nonce manager for sending.
package evmrpc

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/rpc"

	"github.com/agentwallet/agentwallet/domain"
	"github.com/agentwallet/agentwallet/ports"
)

var (
	_ ports.EVMNode     = (*Client)(nil)
	_ ports.ERC20       = (*Client)(nil)
	_ ports.SwapRouter  = (*Client)(nil)
	_ ports.EVMTxSender = (*Client)(nil)
)

// Backend is the narrow slice of an Ethereum JSON-RPC client the adapter
// uses. Both *ethclient.Client and the simulated backend's client satisfy
// it, so tests can run the adapter in-process against a real EVM.
type Backend interface {
	ChainID(ctx context.Context) (*big.Int, error)
	BlockNumber(ctx context.Context) (uint64, error)
	BalanceAt(ctx context.Context, account common.Address, block *big.Int) (*big.Int, error)
	CodeAt(ctx context.Context, account common.Address, block *big.Int) ([]byte, error)
	CallContract(ctx context.Context, msg ethereum.CallMsg, block *big.Int) ([]byte, error)
	EstimateGas(ctx context.Context, msg ethereum.CallMsg) (uint64, error)
	SuggestGasPrice(ctx context.Context) (*big.Int, error)
	PendingNonceAt(ctx context.Context, account common.Address) (uint64, error)
	SendTransaction(ctx context.Context, tx *types.Transaction) error
	TransactionReceipt(ctx context.Context, hash common.Hash) (*types.Receipt, error)
	TransactionByHash(ctx context.Context, hash common.Hash) (*types.Transaction, bool, error)
}

// Endpoint is one RPC backend and the name reported for it (a host, never a
// URL, which may carry an API key).
type Endpoint struct {
	Host    string
	Backend Backend
}

// Options configures a Client.
type Options struct {
	URLs          []string      // tried in order; http or https
	ChainID       uint64        // expected chain id (56 mainnet, 97 testnet); endpoints on another chain are skipped
	Router        string        // PancakeSwap V2 router
	WrappedNative string        // WBNB; empty means read the router's WETH()
	CallTimeout   time.Duration // per endpoint attempt; default 15 s
	GasPadPercent int           // added to gas estimates; default 50
	MaxGas        uint64        // cap for padded limits; default 10,000,000
}

// Client talks to BSC. It is safe for concurrent use.
type Client struct {
	opts      Options
	chainID   *big.Int
	router    common.Address
	endpoints []*endpoint
	closers   []func()

	mu      sync.Mutex
	wnative string                      // guarded by mu; "" until known
	tokens  map[string]domain.TokenInfo // guarded by mu; keyed by lower-case address
	nonces  nonceManager
}

type endpoint struct {
	Endpoint
	chainOK atomic.Bool // chain id verified once
}

// New builds a Client that dials opts.URLs lazily. An empty URL list is
// allowed: every chain call then reports BSC_RPC_NOT_CONFIGURED.
func New(opts Options) (*Client, error) {
	var eps []Endpoint
	var closers []func()
	for _, raw := range opts.URLs {
		raw = strings.TrimSpace(raw)
		if raw == "" {
			continue
		}
		u, err := url.Parse(raw)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("evmrpc: BSC RPC URL %q must be an http(s) URL", redactURL(raw))
		}
		timeout := opts.CallTimeout
		if timeout <= 0 {
			timeout = 15 * time.Second
		}
		rc, err := rpc.DialOptions(context.Background(), raw, rpc.WithHTTPClient(&http.Client{Timeout: timeout}))
		if err != nil {
			return nil, fmt.Errorf("evmrpc: dial %s: %w", u.Host, err)
		}
		closers = append(closers, rc.Close)
		eps = append(eps, Endpoint{Host: u.Host, Backend: ethclient.NewClient(rc)})
	}
	c, err := NewWithEndpoints(opts, eps...)
	if err != nil {
		for _, f := range closers {
			f()
		}
		return nil, err
	}
	c.closers = closers
	return c, nil
}

// NewWithEndpoints builds a Client over ready backends (opts.URLs is
// ignored): in-process chains in tests, or clients the caller dialled.
func NewWithEndpoints(opts Options, eps ...Endpoint) (*Client, error) {
	if opts.ChainID == 0 {
		return nil, errors.New("evmrpc: chain id is required")
	}
	router, err := domain.ParseEVMAddress(opts.Router)
	if err != nil {
		return nil, fmt.Errorf("evmrpc: router address: %w", err)
	}
	var wnative string
	if opts.WrappedNative != "" {
		if wnative, err = domain.ParseEVMAddress(opts.WrappedNative); err != nil {
			return nil, fmt.Errorf("evmrpc: wrapped native address: %w", err)
		}
	}
	if opts.CallTimeout <= 0 {
		opts.CallTimeout = 15 * time.Second
	}
	if opts.GasPadPercent <= 0 {
		opts.GasPadPercent = 50
	}
	if opts.MaxGas == 0 {
		opts.MaxGas = 10_000_000
	}
	c := &Client{
		opts:    opts,
		chainID: new(big.Int).SetUint64(opts.ChainID),
		router:  common.HexToAddress(router),
		wnative: wnative,
		tokens:  map[string]domain.TokenInfo{},
	}
	for _, e := range eps {
		c.endpoints = append(c.endpoints, &endpoint{Endpoint: e})
	}
	c.nonces.init()
	return c, nil
}

// Close releases the dialled connections.
func (c *Client) Close() {
	for _, f := range c.closers {
		f()
	}
}

// ChainID returns the configured chain id.
func (c *Client) ChainID() uint64 { return c.opts.ChainID }

// do runs fn against the endpoints in order until one answers. Failing to
// reach a node, a bad HTTP status, malformed JSON or a node on the wrong
// chain moves on; a node's own answer (even an error) ends the walk.
func (c *Client) do(ctx context.Context, op string, fn func(ctx context.Context, ep *endpoint) error) error {
	if len(c.endpoints) == 0 {
		return errNotConfigured.WithOp(op)
	}
	var failures []string
	var last error
	wrongChain := 0
	for _, ep := range c.endpoints {
		err := c.attempt(ctx, ep, fn)
		if err == nil {
			return nil
		}
		if answered(err) {
			return mapError(op, err)
		}
		if errors.As(err, new(errWrongChain)) {
			wrongChain++
		}
		last = err
		failures = append(failures, ep.Host+": "+domain.Clip(safeText(err), 120))
		if ctx.Err() != nil {
			break
		}
	}
	if ctx.Err() != nil {
		return mapError(op, ctx.Err())
	}
	if wrongChain == len(c.endpoints) {
		return domain.Errorf(domain.KindUnavailable, "every BSC RPC endpoint serves another chain (%s)", strings.Join(failures, "; ")).WithCode("BSC_CHAIN_MISMATCH").WithOp(op)
	}
	// The cause is kept as text only: the raw error quotes the request URL,
	// which may hold an API key, and errors end up in logs.
	return domain.Errorf(domain.KindUnavailable, "no BSC RPC endpoint answered (%s)", strings.Join(failures, "; ")).WithOp(op).Wrap(errors.New(safeText(last)))
}

// errWrongChain marks an endpoint serving another chain; it is not an answer,
// so the walk moves on.
type errWrongChain struct{ got, want *big.Int }

func (e errWrongChain) Error() string {
	return fmt.Sprintf("chain id %s, expected %s", e.got, e.want)
}

func (c *Client) attempt(ctx context.Context, ep *endpoint, fn func(context.Context, *endpoint) error) error {
	actx, cancel := context.WithTimeout(ctx, c.opts.CallTimeout)
	defer cancel()
	if !ep.chainOK.Load() {
		id, err := ep.Backend.ChainID(actx)
		if err != nil {
			return err
		}
		if id.Cmp(c.chainID) != 0 {
			return errWrongChain{got: id, want: c.chainID}
		}
		ep.chainOK.Store(true)
	}
	return fn(actx, ep)
}

// Status reports the first endpoint that answers on the right chain.
func (c *Client) Status(ctx context.Context) (domain.RPCStatus, error) {
	var st domain.RPCStatus
	err := c.do(ctx, "bsc.status", func(ctx context.Context, ep *endpoint) error {
		// Ask again even when the endpoint was verified: Status is the
		// liveness probe behind preflight's rpcReady.
		id, err := ep.Backend.ChainID(ctx)
		if err != nil {
			return err
		}
		if id.Cmp(c.chainID) != 0 {
			ep.chainOK.Store(false)
			return errWrongChain{got: id, want: c.chainID}
		}
		st = domain.RPCStatus{Host: ep.Host, ChainID: c.opts.ChainID}
		return nil
	})
	return st, err
}

// NativeBalance returns owner's balance in wei.
func (c *Client) NativeBalance(ctx context.Context, owner string) (*big.Int, error) {
	addr, err := toAddress(owner)
	if err != nil {
		return nil, err
	}
	var bal *big.Int
	err = c.do(ctx, "bsc.balance", func(ctx context.Context, ep *endpoint) (err error) {
		bal, err = ep.Backend.BalanceAt(ctx, addr, nil)
		return err
	})
	return bal, err
}

// HasCode reports whether a contract lives at addr.
func (c *Client) HasCode(ctx context.Context, addr string) (bool, error) {
	a, err := toAddress(addr)
	if err != nil {
		return false, err
	}
	var code []byte
	err = c.do(ctx, "bsc.code", func(ctx context.Context, ep *endpoint) (err error) {
		code, err = ep.Backend.CodeAt(ctx, a, nil)
		return err
	})
	return len(code) > 0, err
}

// call runs a read-only contract call through the endpoint walk.
func (c *Client) call(ctx context.Context, op string, to common.Address, data []byte) ([]byte, error) {
	var out []byte
	err := c.do(ctx, op, func(ctx context.Context, ep *endpoint) (err error) {
		out, err = ep.Backend.CallContract(ctx, ethereum.CallMsg{To: &to, Data: data}, nil)
		return err
	})
	return out, err
}

func toAddress(s string) (common.Address, error) {
	a, err := domain.ParseEVMAddress(s)
	if err != nil {
		return common.Address{}, err
	}
	return common.HexToAddress(a), nil
}

// redactURL keeps scheme and host only: RPC URLs often carry API keys in the
// path or query.
func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return "<unparseable URL>"
	}
	return u.Scheme + "://" + u.Host + "/…"
}
