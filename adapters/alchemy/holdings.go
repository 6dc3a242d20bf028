package alchemy

import (
	"context"
	"encoding/json"
	"errors"
	"math/big"
	"strings"

	"github.com/agentwallet/agentwallet/domain"
	"github.com/ethereum/go-ethereum/common"
)

// Holdings sends eth_getBalance and alchemy_getTokenBalances(owner, "erc20")
// as one JSON-RPC batch and keeps the non-zero token balances of the first
// page (Alchemy pages at 100 tokens; addresses past that are mostly spam).
func (c *Client) Holdings(ctx context.Context, chain domain.EVMChain, owner string) (domain.EVMHoldings, error) {
	const op = "alchemy.holdings"
	if err := checkOwner(op, owner); err != nil {
		return domain.EVMHoldings{}, err
	}
	base, err := c.nodeURL(op, chain)
	if err != nil {
		return domain.EVMHoldings{}, err
	}
	results, errs, err := c.batch(ctx, op, base+"/v2/"+c.key, []rpcRequest{
		{Method: "eth_getBalance", Params: []any{owner, "latest"}},
		{Method: "alchemy_getTokenBalances", Params: []any{owner, "erc20"}},
	})
	if err != nil {
		return domain.EVMHoldings{}, err
	}
	if i := firstNonNil(errs); i >= 0 {
		return domain.EVMHoldings{}, errs[i]
	}
	return parseHoldings(op, results[0], results[1])
}

// parseHoldings decodes the two batch results.
func parseHoldings(op string, balance, tokens json.RawMessage) (domain.EVMHoldings, error) {
	var hexWei string
	if err := json.Unmarshal(balance, &hexWei); err != nil {
		return domain.EVMHoldings{}, malformed(op, err)
	}
	native, err := parseQuantity(hexWei)
	if err != nil {
		return domain.EVMHoldings{}, malformed(op, err)
	}
	var tb tokenBalancesResult
	if err := json.Unmarshal(tokens, &tb); err != nil {
		return domain.EVMHoldings{}, malformed(op, err)
	}
	h := domain.EVMHoldings{Native: native}
	for _, t := range tb.TokenBalances {
		if t.TokenBalance == nil || !isAddress(t.ContractAddress) {
			continue // a per-token error: skip the token, keep the chain
		}
		raw, err := parseQuantity(*t.TokenBalance)
		if err != nil {
			return domain.EVMHoldings{}, malformed(op, err)
		}
		if raw.Sign() == 0 {
			continue
		}
		h.Tokens = append(h.Tokens, domain.TokenAmount{Contract: strings.ToLower(t.ContractAddress), Raw: raw})
	}
	return h, nil
}

// parseQuantity decodes a hex quantity ("0x1bc16d674ec80000"). Alchemy pads
// token balances to 32 bytes and sends "0x" for zero, so both are accepted;
// anything longer than 256 bits is refused.
func parseQuantity(s string) (*big.Int, error) {
	digits, ok := strings.CutPrefix(s, "0x")
	if !ok {
		return nil, errors.New("quantity without 0x prefix")
	}
	if digits == "" {
		return new(big.Int), nil
	}
	if len(digits) > 64 {
		return nil, errors.New("quantity longer than 256 bits")
	}
	if strings.Trim(digits, "0123456789abcdefABCDEF") != "" {
		return nil, errors.New("quantity is not hex") // SetString would take a sign
	}
	v, ok := new(big.Int).SetString(digits, 16)
	if !ok {
		return nil, errors.New("quantity is not hex")
	}
	return v, nil
}

// checkOwner refuses anything but 0x + 40 hex digits.
func checkOwner(op, owner string) error {
	if !isAddress(owner) {
		return domain.Errorf(domain.KindInvalid, "not an EVM address: %q", truncate(owner)).WithOp(op).WithCode("INVALID_ADDRESS")
	}
	return nil
}

func firstNonNil(errs []error) int {
	for i, e := range errs {
		if e != nil {
			return i
		}
	}
	return -1
}

// isAddress accepts 0x + 40 hex digits only (go-ethereum alone also takes
// the bare 40 digits).
func isAddress(s string) bool { return strings.HasPrefix(s, "0x") && common.IsHexAddress(s) }
