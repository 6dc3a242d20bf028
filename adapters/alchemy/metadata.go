package alchemy

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"

	"github.com/agentwallet/agentwallet/domain"
	"github.com/ethereum/go-ethereum/common"
)

// metadataBatch bounds one alchemy_getTokenMetadata batch; Alchemy accepts
// larger batches, but a chain's first page holds at most 100 tokens anyway.
const metadataBatch = 100

// TokenMetadata sends one alchemy_getTokenMetadata per contract, batched.
// A contract that is not a token (or that Alchemy refuses as an argument) is
// left out. A call answered with any other error (throttled, failed) makes
// the whole lookup fail, with what was answered still in the map: that
// contract is unknown for now, not a non-token.
func (c *Client) TokenMetadata(ctx context.Context, chain domain.EVMChain, contracts []string) (map[string]domain.TokenMetadata, error) {
	const op = "alchemy.tokenMetadata"
	base, err := c.nodeURL(op, chain)
	if err != nil {
		return nil, err
	}
	out := make(map[string]domain.TokenMetadata, len(contracts))
	var callErr error
	for start := 0; start < len(contracts); start += metadataBatch {
		chunk := contracts[start:min(start+metadataBatch, len(contracts))]
		calls := make([]rpcRequest, 0, len(chunk))
		for _, addr := range chunk {
			calls = append(calls, rpcRequest{Method: "alchemy_getTokenMetadata", Params: []any{addr}})
		}
		results, errs, err := c.batch(ctx, op, base+"/v2/"+c.key, calls)
		if err != nil {
			return out, err
		}
		for i, addr := range chunk {
			if errs[i] != nil {
				if !isInvalidArgument(errs[i]) && callErr == nil {
					callErr = errs[i]
				}
				continue
			}
			if !isAddress(addr) {
				continue
			}
			m, ok, err := parseTokenMetadata(results[i])
			if err != nil {
				return out, malformed(op, err)
			}
			if ok {
				m.Contract = common.HexToAddress(addr).Hex()
				out[addr] = m
			}
		}
	}
	return out, callErr
}

// parseTokenMetadata decodes one result. ok is false when the contract names
// nothing at all (not a token). Decimals outside 0..77 count as unknown.
func parseTokenMetadata(raw json.RawMessage) (m domain.TokenMetadata, ok bool, err error) {
	if len(raw) == 0 || string(raw) == "null" {
		return m, false, nil
	}
	var r tokenMetadataResult
	if err := json.Unmarshal(raw, &r); err != nil {
		return m, false, err
	}
	if r.Name == nil && r.Symbol == nil && r.Decimals == nil {
		return m, false, nil
	}
	m.Name, m.Symbol, m.LogoURL = strings.TrimSpace(deref(r.Name)), strings.TrimSpace(deref(r.Symbol)), deref(r.Logo)
	if r.Decimals != nil {
		if d, err := strconv.ParseUint(r.Decimals.String(), 10, 8); err == nil && d <= domain.MaxDecimals {
			m.Decimals, m.DecimalsKnown = uint8(d), true
		}
	}
	return m, true, nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
