package evmrpc

import (
	"bytes"
	"context"
	"math/big"
	"strings"

	"github.com/ethereum/go-ethereum/common"

	"github.com/agentwallet/agentwallet/domain"
)

const maxSymbolLen = 16

// TokenInfo reads symbol and decimals once per token and caches them: they
// never change for a deployed ERC-20.
func (c *Client) TokenInfo(ctx context.Context, token string) (domain.TokenInfo, error) {
	addr, err := toAddress(token)
	if err != nil {
		return domain.TokenInfo{}, err
	}
	key := strings.ToLower(addr.Hex())
	c.mu.Lock()
	info, ok := c.tokens[key]
	c.mu.Unlock()
	if ok {
		return info, nil
	}
	invalid := domain.Errorf(domain.KindUnprocessable, "%s is not an ERC-20 token on this chain", addr.Hex()).WithCode("INVALID_TOKEN")
	raw, err := c.call(ctx, "bsc.token.decimals", addr, erc20ABI.Methods["decimals"].ID)
	if err != nil {
		if isRevert(err) || domain.KindOf(err) == domain.KindUnprocessable {
			return domain.TokenInfo{}, invalid.Wrap(err)
		}
		return domain.TokenInfo{}, err
	}
	if len(raw) != 32 {
		return domain.TokenInfo{}, invalid
	}
	dec := new(big.Int).SetBytes(raw)
	if dec.Cmp(big.NewInt(domain.MaxDecimals)) > 0 {
		return domain.TokenInfo{}, invalid
	}
	info = domain.TokenInfo{Address: addr.Hex(), Decimals: uint8(dec.Uint64())}
	raw, err = c.call(ctx, "bsc.token.symbol", addr, erc20ABI.Methods["symbol"].ID)
	switch {
	case err == nil:
		info.Symbol = decodeSymbol(raw)
	case domain.KindOf(err) != domain.KindUnprocessable:
		return domain.TokenInfo{}, err // the node failed: do not cache a fallback
	}
	if info.Symbol == "" {
		info.Symbol = "TKN-" + strings.ToUpper(addr.Hex()[38:])
	}
	c.mu.Lock()
	c.tokens[key] = info
	c.mu.Unlock()
	return info, nil
}

// decodeSymbol reads symbol() as an ABI string or, for old tokens such as
// MKR, a bytes32; it keeps printable ASCII only, at most 16 characters.
func decodeSymbol(raw []byte) string {
	var s string
	if vals, err := erc20ABI.Unpack("symbol", raw); err == nil && len(vals) == 1 {
		s, _ = vals[0].(string)
	} else if len(raw) == 32 {
		s = string(bytes.TrimRight(raw, "\x00"))
	}
	var b strings.Builder
	for _, r := range s {
		if r > 0x20 && r < 0x7f && b.Len() < maxSymbolLen {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// TokenBalance returns owner's balance of token.
func (c *Client) TokenBalance(ctx context.Context, token, owner string) (*big.Int, error) {
	t, err := toAddress(token)
	if err != nil {
		return nil, err
	}
	o, err := toAddress(owner)
	if err != nil {
		return nil, err
	}
	return c.uintCall(ctx, "bsc.token.balance", t, "balanceOf", o)
}

// Allowance returns what spender may move of owner's token.
func (c *Client) Allowance(ctx context.Context, token, owner, spender string) (*big.Int, error) {
	t, err := toAddress(token)
	if err != nil {
		return nil, err
	}
	o, err := toAddress(owner)
	if err != nil {
		return nil, err
	}
	s, err := toAddress(spender)
	if err != nil {
		return nil, err
	}
	return c.uintCall(ctx, "bsc.token.allowance", t, "allowance", o, s)
}

func (c *Client) uintCall(ctx context.Context, op string, to common.Address, method string, args ...any) (*big.Int, error) {
	data, err := erc20ABI.Pack(method, args...)
	if err != nil {
		return nil, domain.Errorf(domain.KindInternal, "encode %s", method).Wrap(err)
	}
	raw, err := c.call(ctx, op, to, data)
	if err != nil {
		return nil, err
	}
	if len(raw) != 32 {
		return nil, domain.Errorf(domain.KindUnprocessable, "%s is not an ERC-20 token on this chain", to.Hex()).WithCode("INVALID_TOKEN")
	}
	return new(big.Int).SetBytes(raw), nil
}

// ApproveCall encodes token.approve(spender, amount).
func (c *Client) ApproveCall(token, spender string, amount *big.Int) (domain.EVMCall, error) {
	return tokenCall(token, "approve", spender, amount)
}

// TransferCall encodes token.transfer(to, amount).
func (c *Client) TransferCall(token, to string, amount *big.Int) (domain.EVMCall, error) {
	return tokenCall(token, "transfer", to, amount)
}

func tokenCall(token, method, who string, amount *big.Int) (domain.EVMCall, error) {
	t, err := toAddress(token)
	if err != nil {
		return domain.EVMCall{}, err
	}
	w, err := toAddress(who)
	if err != nil {
		return domain.EVMCall{}, err
	}
	if amount == nil || amount.Sign() < 0 {
		return domain.EVMCall{}, domain.Errorf(domain.KindInvalid, "amount must not be negative")
	}
	data, err := erc20ABI.Pack(method, w, amount)
	if err != nil {
		return domain.EVMCall{}, domain.Errorf(domain.KindInvalid, "encode %s: %v", method, err)
	}
	return domain.EVMCall{To: t.Hex(), Data: data, Value: new(big.Int)}, nil
}
