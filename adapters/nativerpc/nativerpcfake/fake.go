// Package nativerpcfake is an in-process Ethereum JSON-RPC node answering
// eth_getBalance and eth_chainId per chain (the chain id is the first path
// segment: /1, /8453, ...), with request counters and fault injection.
package nativerpcfake

import (
	"encoding/json"
	"io"
	"math/big"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
)

// Fault is a failure the fake answers with.
type Fault int

// The faults.
const (
	FaultNone      Fault = iota
	FaultRateLimit       // HTTP 429
	FaultMalformed       // HTTP 200, body not JSON
	FaultHang            // no answer until the client gives up or the fake closes
)

// Fake is the in-process node.
type Fake struct {
	mu       sync.Mutex
	balances map[string]*big.Int // chainID|lower(owner)
	faults   map[uint64]Fault
	requests map[uint64]int

	srv     *httptest.Server
	closing chan struct{}
}

// New makes an empty fake.
func New() *Fake {
	return &Fake{balances: map[string]*big.Int{}, faults: map[uint64]Fault{}, requests: map[uint64]int{}, closing: make(chan struct{})}
}

// Start serves the fake on 127.0.0.1.
func (f *Fake) Start() *Fake {
	f.srv = httptest.NewServer(f)
	return f
}

// Close releases hung requests and stops the server.
func (f *Fake) Close() {
	close(f.closing)
	if f.srv != nil {
		f.srv.Close()
	}
}

// URL is the RPC URL of chainID.
func (f *Fake) URL(chainID uint64) string { return f.srv.URL + "/" + strconv.FormatUint(chainID, 10) }

// SetBalance sets owner's wei on chainID.
func (f *Fake) SetBalance(chainID uint64, owner string, wei *big.Int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.balances[strconv.FormatUint(chainID, 10)+"|"+strings.ToLower(owner)] = new(big.Int).Set(wei)
}

// SetFault makes chainID's requests fail with fault.
func (f *Fake) SetFault(chainID uint64, fault Fault) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.faults[chainID] = fault
}

// Requests counts requests for chainID.
func (f *Fake) Requests(chainID uint64) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.requests[chainID]
}

// ServeHTTP answers POST /{chainID} JSON-RPC.
func (f *Fake) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseUint(strings.Trim(r.URL.Path, "/"), 10, 64)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	f.mu.Lock()
	f.requests[id]++
	fault := f.faults[id]
	f.mu.Unlock()
	switch fault {
	case FaultRateLimit:
		w.WriteHeader(http.StatusTooManyRequests)
		_, _ = io.WriteString(w, `{"jsonrpc":"2.0","id":null,"error":{"code":-32005,"message":"rate limit exceeded"}}`)
		return
	case FaultMalformed:
		_, _ = io.WriteString(w, `{"jsonrpc":"2.0","result":`)
		return
	case FaultHang:
		select {
		case <-r.Context().Done():
		case <-f.closing:
		}
		return
	}
	var call struct {
		ID     json.RawMessage `json:"id"`
		Method string          `json:"method"`
		Params []string        `json:"params"`
	}
	w.Header().Set("Content-Type", "application/json")
	if r.Method != http.MethodPost || json.NewDecoder(io.LimitReader(r.Body, 1<<16)).Decode(&call) != nil {
		_, _ = io.WriteString(w, `{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"parse error"}}`)
		return
	}
	answer := map[string]any{"jsonrpc": "2.0", "id": call.ID}
	switch {
	case call.Method == "eth_chainId":
		answer["result"] = "0x" + strconv.FormatUint(id, 16)
	case call.Method == "eth_getBalance" && len(call.Params) == 2:
		f.mu.Lock()
		wei := f.balances[strconv.FormatUint(id, 10)+"|"+strings.ToLower(call.Params[0])]
		f.mu.Unlock()
		if wei == nil {
			wei = new(big.Int)
		}
		answer["result"] = "0x" + wei.Text(16)
	default:
		answer["error"] = map[string]any{"code": -32601, "message": "the method " + call.Method + " does not exist/is not available"}
	}
	_ = json.NewEncoder(w).Encode(answer)
}
