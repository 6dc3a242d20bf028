package heliusfake

import (
	"encoding/json"
	"math/big"
)

type rpcCall struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id"`
	Method  string          `json:"method"`
	Params  json.RawMessage `json:"params"`
}

type rpcAnswer struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id"`
	Result  any             `json:"result,omitempty"`
	Error   *rpcErr         `json:"error,omitempty"`
}

type rpcErr struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

// Named params of getAssetsByOwner, as Helius documents them.
type assetsParams struct {
	OwnerAddress   *string `json:"ownerAddress"`
	Page           int     `json:"page"`
	Limit          int     `json:"limit"`
	DisplayOptions struct {
		ShowFungible           bool `json:"showFungible"`
		ShowNativeBalance      bool `json:"showNativeBalance"`
		ShowZeroBalance        bool `json:"showZeroBalance"`
		ShowCollectionMetadata bool `json:"showCollectionMetadata"`
	} `json:"displayOptions"`
}

func (f *Fake) call(c rpcCall) rpcAnswer {
	a := rpcAnswer{JSONRPC: "2.0", ID: c.ID}
	if c.JSONRPC != "2.0" || len(c.ID) == 0 {
		a.Error = &rpcErr{-32600, "invalid request"}
		return a
	}
	f.mu.Lock()
	f.calls[c.Method]++
	f.lastParams = append(f.lastParams, c.Params)
	f.mu.Unlock()
	var err *rpcErr
	switch c.Method {
	case "getAssetsByOwner":
		a.Result, err = f.assetsByOwner(c.Params)
	case "getBalance":
		a.Result, err = f.getBalance(c.Params)
	default:
		err = &rpcErr{-32601, "Method not found"}
	}
	if err != nil {
		a.Result, a.Error = nil, err
	}
	return a
}

func (f *Fake) assetsByOwner(raw json.RawMessage) (any, *rpcErr) {
	var p assetsParams
	if len(raw) == 0 || raw[0] != '{' || json.Unmarshal(raw, &p) != nil {
		return nil, &rpcErr{-32602, "Invalid params: expected an object with named fields"}
	}
	if p.OwnerAddress == nil || !isSolanaAddress(*p.OwnerAddress) {
		return nil, &rpcErr{-32602, "Invalid params: ownerAddress"}
	}
	if p.Page < 1 || p.Limit < 1 || p.Limit > 1000 {
		return nil, &rpcErr{-32602, "Invalid params: page must be >= 1 and limit between 1 and 1000"}
	}
	owner := *p.OwnerAddress
	f.mu.Lock()
	defer f.mu.Unlock()
	var items []map[string]any
	if p.DisplayOptions.ShowFungible {
		for _, t := range f.fungibles[owner] {
			if t.Balance.Sign() == 0 && !p.DisplayOptions.ShowZeroBalance {
				continue
			}
			info := map[string]any{"symbol": t.Symbol, "balance": json.Number(t.Balance.String()), "decimals": t.Decimals, "token_program": "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA"}
			if t.PricePerToken != "" {
				pp, _ := new(big.Float).SetString(t.PricePerToken)
				total := new(big.Float).Mul(pp, new(big.Float).SetInt(t.Balance))
				info["price_info"] = map[string]any{"price_per_token": json.Number(t.PricePerToken), "total_price": json.Number(total.Text('f', 6)), "currency": "USDC"}
			}
			items = append(items, map[string]any{
				"interface": "FungibleToken", "id": t.Mint,
				"content":    map[string]any{"metadata": map[string]any{"name": t.Name, "symbol": t.Symbol}, "links": map[string]any{"image": t.Image}},
				"token_info": info, "ownership": map[string]any{"owner": owner}, "compression": map[string]any{"compressed": false},
			})
		}
	}
	for _, n := range f.nfts[owner] {
		iface := n.Interface
		if iface == "" {
			iface = "V1_NFT"
		}
		var grouping []map[string]any
		if n.CollectionMint != "" {
			g := map[string]any{"group_key": "collection", "group_value": n.CollectionMint}
			if p.DisplayOptions.ShowCollectionMetadata {
				g["collection_metadata"] = map[string]any{"name": n.CollectionName}
			}
			grouping = append(grouping, g)
		}
		items = append(items, map[string]any{
			"interface": iface, "id": n.Mint,
			"content":  map[string]any{"metadata": map[string]any{"name": n.Name, "description": n.Description}, "links": map[string]any{"image": n.Image}, "files": []any{}},
			"grouping": grouping, "ownership": map[string]any{"owner": owner}, "compression": map[string]any{"compressed": false},
		})
	}
	start := min((p.Page-1)*p.Limit, len(items))
	page := items[start:min(start+p.Limit, len(items))]
	if page == nil {
		page = []map[string]any{}
	}
	result := map[string]any{"total": len(page), "limit": p.Limit, "page": p.Page, "items": page}
	if p.DisplayOptions.ShowNativeBalance {
		l := f.lamports[owner]
		if l == nil {
			l = new(big.Int)
		}
		nb := map[string]any{"lamports": json.Number(l.String())}
		if f.solPrice != "" {
			nb["price_per_sol"] = json.Number(f.solPrice)
		}
		result["nativeBalance"] = nb
	}
	return result, nil
}

func (f *Fake) getBalance(raw json.RawMessage) (any, *rpcErr) {
	var params []json.RawMessage
	var owner string
	if json.Unmarshal(raw, &params) != nil || len(params) == 0 || json.Unmarshal(params[0], &owner) != nil || !isSolanaAddress(owner) {
		return nil, &rpcErr{-32602, "Invalid param: Invalid"}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	l := f.lamports[owner]
	if l == nil {
		l = new(big.Int)
	}
	return map[string]any{"context": map[string]any{"slot": 1}, "value": json.Number(l.String())}, nil
}

// isSolanaAddress is a cheap shape check: 32 to 44 base58 characters.
func isSolanaAddress(s string) bool {
	if len(s) < 32 || len(s) > 44 {
		return false
	}
	for _, c := range s {
		if !('1' <= c && c <= '9' || 'A' <= c && c <= 'Z' && c != 'I' && c != 'O' || 'a' <= c && c <= 'z' && c != 'l') {
			return false
		}
	}
	return true
}
