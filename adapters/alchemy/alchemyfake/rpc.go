package alchemyfake

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"
	"net/http"
	"slices"
)

type rpcCall struct {
	JSONRPC string            `json:"jsonrpc"`
	ID      json.RawMessage   `json:"id"`
	Method  string            `json:"method"`
	Params  []json.RawMessage `json:"params"`
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

// rpc serves one call or a batch. Batch answers come back in reverse order,
// which JSON-RPC allows, so clients must match them by id.
func (f *Fake) rpc(w http.ResponseWriter, r *http.Request, network string) {
	if r.Method != http.MethodPost {
		writeJSON(w, http.StatusMethodNotAllowed, rpcAnswer{JSONRPC: "2.0", ID: json.RawMessage("null"), Error: &rpcErr{-32600, "POST required"}})
		return
	}
	body, ok := f.readBody(w, r)
	if !ok {
		return
	}
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) > 0 && trimmed[0] == '[' {
		var calls []rpcCall
		if err := json.Unmarshal(trimmed, &calls); err != nil || len(calls) == 0 {
			writeJSON(w, http.StatusOK, rpcAnswer{JSONRPC: "2.0", ID: json.RawMessage("null"), Error: &rpcErr{-32600, "invalid batch"}})
			return
		}
		answers := make([]rpcAnswer, 0, len(calls))
		for _, c := range calls {
			answers = append(answers, f.call(network, c))
		}
		slices.Reverse(answers)
		writeJSON(w, http.StatusOK, answers)
		return
	}
	var c rpcCall
	if err := json.Unmarshal(trimmed, &c); err != nil {
		writeJSON(w, http.StatusOK, rpcAnswer{JSONRPC: "2.0", ID: json.RawMessage("null"), Error: &rpcErr{-32700, "parse error"}})
		return
	}
	writeJSON(w, http.StatusOK, f.call(network, c))
}

func (f *Fake) call(network string, c rpcCall) rpcAnswer {
	a := rpcAnswer{JSONRPC: "2.0", ID: c.ID}
	if c.JSONRPC != "2.0" || len(c.ID) == 0 {
		a.Error = &rpcErr{-32600, "invalid request"}
		return a
	}
	f.count(c.Method)
	var err *rpcErr
	switch c.Method {
	case "eth_getBalance":
		a.Result, err = f.getBalance(network, c.Params)
	case "alchemy_getTokenBalances":
		a.Result, err = f.getTokenBalances(network, c.Params)
	case "alchemy_getTokenMetadata":
		a.Result, err = f.getTokenMetadata(network, c.Params)
	default:
		err = &rpcErr{-32601, "Unsupported method: " + c.Method}
	}
	if err != nil {
		a.Result, a.Error = nil, err
	}
	return a
}

func (f *Fake) getBalance(network string, params []json.RawMessage) (any, *rpcErr) {
	var owner, tag string
	if len(params) != 2 || json.Unmarshal(params[0], &owner) != nil || json.Unmarshal(params[1], &tag) != nil || !isAddress(owner) {
		return nil, &rpcErr{-32602, "invalid 1st argument: address value was not valid hexadecimal"}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	wei := f.native[key(network, owner)]
	if wei == nil {
		wei = new(big.Int)
	}
	return "0x" + wei.Text(16), nil
}

func (f *Fake) getTokenBalances(network string, params []json.RawMessage) (any, *rpcErr) {
	var owner, spec string
	if len(params) < 2 || json.Unmarshal(params[0], &owner) != nil || !isAddress(owner) {
		return nil, &rpcErr{-32602, "invalid 1st argument: address value was not valid hexadecimal"}
	}
	var only []string
	if json.Unmarshal(params[1], &spec) == nil {
		if spec != "erc20" && spec != "NATIVE_TOKEN" {
			return nil, &rpcErr{-32602, "invalid 2nd argument: unsupported token spec " + spec}
		}
	} else if json.Unmarshal(params[1], &only) != nil {
		return nil, &rpcErr{-32602, "invalid 2nd argument"}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	held := f.tokens[key(network, owner)]
	contracts := make([]string, 0, len(held))
	for c := range held {
		contracts = append(contracts, c)
	}
	if only != nil {
		contracts = only
	}
	slices.Sort(contracts)
	balances := make([]map[string]any, 0, len(contracts))
	for _, c := range contracts {
		raw := held[c]
		if raw == nil {
			raw = new(big.Int)
		}
		balances = append(balances, map[string]any{"contractAddress": c, "tokenBalance": fmt.Sprintf("0x%064x", raw), "error": nil})
	}
	return map[string]any{"address": owner, "tokenBalances": balances, "pageKey": nil}, nil
}

func (f *Fake) getTokenMetadata(network string, params []json.RawMessage) (any, *rpcErr) {
	var contract string
	if len(params) != 1 || json.Unmarshal(params[0], &contract) != nil || !isAddress(contract) {
		return nil, &rpcErr{-32602, "invalid 1st argument: contract address was not valid hexadecimal"}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	m := f.metadata[key(network, contract)]
	return map[string]any{"name": m.Name, "symbol": m.Symbol, "decimals": m.Decimals, "logo": m.Logo}, nil
}
