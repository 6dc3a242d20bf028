package app

import (
	"context"
	"math/big"
	"strings"
	"sync"

	"github.com/agentwallet/agentwallet/domain"
	"github.com/agentwallet/agentwallet/ports"
)

// bscSwitch serves the trading ports from an evmrpc client over the current
// BSC RPC URLs, and builds a new client when they change. Each method
// resolves the client once, so one call never mixes endpoints.
type bscSwitch struct {
	rpc   BSCRPCConfig
	build func(urls []string) (bscClient, error)

	mu     sync.Mutex
	key    string
	client bscClient
	old    []bscClient // replaced clients, closed with the app
	empty  bscClient   // a client without endpoints, for encoding only
}

// bscClient is everything the BSC adapter offers the trading use cases.
type bscClient interface {
	ports.EVMNode
	ports.ERC20
	ports.SwapRouter
	ports.EVMTxSender
	Close()
}

var (
	_ ports.EVMNode     = (*bscSwitch)(nil)
	_ ports.ERC20       = (*bscSwitch)(nil)
	_ ports.SwapRouter  = (*bscSwitch)(nil)
	_ ports.EVMTxSender = (*bscSwitch)(nil)
)

// newBSCSwitch builds the switch; build is tried once without URLs so a bad
// router address fails at start-up.
func newBSCSwitch(rpc BSCRPCConfig, build func(urls []string) (bscClient, error)) (*bscSwitch, error) {
	empty, err := build(nil)
	if err != nil {
		return nil, err
	}
	return &bscSwitch{rpc: rpc, build: build, empty: empty}, nil
}

func (s *bscSwitch) current(ctx context.Context) (bscClient, error) {
	urls, err := BSCRPCURLs(ctx, s.rpc)
	if err != nil {
		return nil, err
	}
	key := strings.Join(urls, "\n")
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.client != nil && key == s.key {
		return s.client, nil
	}
	c, err := s.build(urls)
	if err != nil {
		return nil, domain.Errorf(domain.KindUnavailable, "BSC RPC URL unusable: %v", err).WithCode("BSC_RPC_NOT_CONFIGURED")
	}
	if s.client != nil {
		s.old = append(s.old, s.client) // in-flight calls may still use it
	}
	s.client, s.key = c, key
	return c, nil
}

func (s *bscSwitch) close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, c := range append(s.old, s.client, s.empty) {
		if c != nil {
			c.Close()
		}
	}
}

// Status implements ports.EVMNode.
func (s *bscSwitch) Status(ctx context.Context) (domain.RPCStatus, error) {
	c, err := s.current(ctx)
	if err != nil {
		return domain.RPCStatus{}, err
	}
	return c.Status(ctx)
}

// NativeBalance implements ports.EVMNode.
func (s *bscSwitch) NativeBalance(ctx context.Context, owner string) (*big.Int, error) {
	c, err := s.current(ctx)
	if err != nil {
		return nil, err
	}
	return c.NativeBalance(ctx, owner)
}

// HasCode implements ports.EVMNode.
func (s *bscSwitch) HasCode(ctx context.Context, addr string) (bool, error) {
	c, err := s.current(ctx)
	if err != nil {
		return false, err
	}
	return c.HasCode(ctx, addr)
}

// TokenInfo implements ports.ERC20.
func (s *bscSwitch) TokenInfo(ctx context.Context, token string) (domain.TokenInfo, error) {
	c, err := s.current(ctx)
	if err != nil {
		return domain.TokenInfo{}, err
	}
	return c.TokenInfo(ctx, token)
}

// TokenBalance implements ports.ERC20.
func (s *bscSwitch) TokenBalance(ctx context.Context, token, owner string) (*big.Int, error) {
	c, err := s.current(ctx)
	if err != nil {
		return nil, err
	}
	return c.TokenBalance(ctx, token, owner)
}

// Allowance implements ports.ERC20.
func (s *bscSwitch) Allowance(ctx context.Context, token, owner, spender string) (*big.Int, error) {
	c, err := s.current(ctx)
	if err != nil {
		return nil, err
	}
	return c.Allowance(ctx, token, owner, spender)
}

// ApproveCall implements ports.ERC20; encoding needs no endpoint.
func (s *bscSwitch) ApproveCall(token, spender string, amount *big.Int) (domain.EVMCall, error) {
	return s.encoder().ApproveCall(token, spender, amount)
}

// TransferCall implements ports.ERC20.
func (s *bscSwitch) TransferCall(token, to string, amount *big.Int) (domain.EVMCall, error) {
	return s.encoder().TransferCall(token, to, amount)
}

// RouterAddress implements ports.SwapRouter.
func (s *bscSwitch) RouterAddress() string { return s.encoder().RouterAddress() }

// WrappedNative implements ports.SwapRouter.
func (s *bscSwitch) WrappedNative(ctx context.Context) (string, error) {
	c, err := s.current(ctx)
	if err != nil {
		return "", err
	}
	return c.WrappedNative(ctx)
}

// AmountsOut implements ports.SwapRouter.
func (s *bscSwitch) AmountsOut(ctx context.Context, amountIn *big.Int, path []string) ([]*big.Int, error) {
	c, err := s.current(ctx)
	if err != nil {
		return nil, err
	}
	return c.AmountsOut(ctx, amountIn, path)
}

// SwapCall implements ports.SwapRouter.
func (s *bscSwitch) SwapCall(p domain.SwapParams) (domain.EVMCall, error) {
	return s.encoder().SwapCall(p)
}

// Submit implements ports.EVMTxSender.
func (s *bscSwitch) Submit(ctx context.Context, req domain.EVMTxRequest, sign ports.SignEVMTxFunc) (domain.SentTx, error) {
	c, err := s.current(ctx)
	if err != nil {
		return domain.SentTx{}, err
	}
	return c.Submit(ctx, req, sign)
}

// TxState implements ports.EVMTxSender.
func (s *bscSwitch) TxState(ctx context.Context, hash string) (domain.TxState, error) {
	c, err := s.current(ctx)
	if err != nil {
		return domain.TxState{}, err
	}
	return c.TxState(ctx, hash)
}

// encoder returns the client for calls that do no I/O: encoding depends
// only on the router, which never changes.
func (s *bscSwitch) encoder() bscClient { return s.empty }
