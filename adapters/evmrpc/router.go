package evmrpc

import (
	"context"
	"math/big"

	"github.com/ethereum/go-ethereum/common"

	"github.com/agentwallet/agentwallet/domain"
)

// RouterAddress returns the configured router.
func (c *Client) RouterAddress() string { return c.router.Hex() }

// WrappedNative returns the configured WBNB or reads the router's WETH() once.
func (c *Client) WrappedNative(ctx context.Context) (string, error) {
	c.mu.Lock()
	w := c.wnative
	c.mu.Unlock()
	if w != "" {
		return w, nil
	}
	raw, err := c.call(ctx, "bsc.router.weth", c.router, routerABI.Methods["WETH"].ID)
	if err != nil {
		return "", err
	}
	vals, err := routerABI.Unpack("WETH", raw)
	if err != nil || len(vals) != 1 {
		return "", domain.Errorf(domain.KindUnprocessable, "router %s does not answer WETH(): is it a PancakeSwap V2 router?", c.router.Hex()).WithCode("INVALID_ROUTER")
	}
	w = vals[0].(common.Address).Hex()
	c.mu.Lock()
	c.wnative = w
	c.mu.Unlock()
	return w, nil
}

// AmountsOut runs the router's getAmountsOut.
func (c *Client) AmountsOut(ctx context.Context, amountIn *big.Int, path []string) ([]*big.Int, error) {
	addrs, err := toPath(path)
	if err != nil {
		return nil, err
	}
	if amountIn == nil || amountIn.Sign() <= 0 {
		return nil, domain.Errorf(domain.KindInvalid, "amount must be greater than 0")
	}
	data, err := routerABI.Pack("getAmountsOut", amountIn, addrs)
	if err != nil {
		return nil, domain.Errorf(domain.KindInvalid, "encode getAmountsOut: %v", err)
	}
	raw, err := c.call(ctx, "bsc.router.quote", c.router, data)
	if err != nil {
		if domain.CodeOf(err) == "EXECUTION_REVERTED" {
			return nil, domain.Errorf(domain.KindUnprocessable, "no PancakeSwap V2 liquidity for this pair").WithCode("NO_LIQUIDITY").Wrap(err)
		}
		return nil, err
	}
	vals, err := routerABI.Unpack("getAmountsOut", raw)
	if err != nil || len(vals) != 1 {
		return nil, domain.Errorf(domain.KindUpstream, "router returned an undecodable quote").Wrap(err)
	}
	amounts := vals[0].([]*big.Int)
	if len(amounts) != len(path) {
		return nil, domain.Errorf(domain.KindUpstream, "router returned %d amounts for a path of %d", len(amounts), len(path))
	}
	return amounts, nil
}

// SwapCall encodes the fee-on-transfer-safe swap: the plain variants revert
// (sell) or under-deliver (buy) on taxed tokens.
func (c *Client) SwapCall(p domain.SwapParams) (domain.EVMCall, error) {
	addrs, err := toPath(p.Path)
	if err != nil {
		return domain.EVMCall{}, err
	}
	to, err := toAddress(p.Recipient)
	if err != nil {
		return domain.EVMCall{}, err
	}
	if p.AmountIn == nil || p.AmountIn.Sign() <= 0 || p.MinOut == nil || p.MinOut.Sign() < 0 {
		return domain.EVMCall{}, domain.Errorf(domain.KindInvalid, "swap amounts must be positive")
	}
	deadline := big.NewInt(p.Deadline.Unix())
	var data []byte
	value := new(big.Int)
	switch p.Side {
	case domain.SideBuy:
		data, err = routerABI.Pack("swapExactETHForTokensSupportingFeeOnTransferTokens", p.MinOut, addrs, to, deadline)
		value.Set(p.AmountIn)
	case domain.SideSell:
		data, err = routerABI.Pack("swapExactTokensForETHSupportingFeeOnTransferTokens", p.AmountIn, p.MinOut, addrs, to, deadline)
	default:
		return domain.EVMCall{}, domain.Errorf(domain.KindInvalid, "side must be buy or sell")
	}
	if err != nil {
		return domain.EVMCall{}, domain.Errorf(domain.KindInvalid, "encode swap: %v", err)
	}
	return domain.EVMCall{To: c.router.Hex(), Data: data, Value: value}, nil
}

func toPath(path []string) ([]common.Address, error) {
	if len(path) < 2 {
		return nil, domain.Errorf(domain.KindInvalid, "a swap path needs at least two tokens")
	}
	out := make([]common.Address, len(path))
	for i, p := range path {
		a, err := toAddress(p)
		if err != nil {
			return nil, err
		}
		out[i] = a
	}
	return out, nil
}
