// Package heliusfake is an in-process Helius RPC: getAssetsByOwner (DAS,
// named params only, as Helius requires) and getBalance, over real HTTP,
// with per-owner state, request counters and fault injection.
package heliusfake

import (
	"encoding/json"
	"io"
	"math/big"
	"net/http"
	"net/http/httptest"
	"sync"
	"time"
)

// Fault is a failure the fake answers with instead of the real thing.
type Fault int

// The faults.
const (
	FaultNone      Fault = iota
	FaultRateLimit       // HTTP 429 with a JSON-RPC error body
	FaultServer          // HTTP 500
	FaultMalformed       // HTTP 200, body not JSON
	FaultHang            // no answer until the client gives up or the fake closes
)

// Fungible is an SPL token an owner holds.
type Fungible struct {
	Mint, Symbol, Name, Image string
	Decimals                  int
	Balance                   *big.Int
	PricePerToken             string // JSON number text; empty means no price_info
}

// NFT is a non-fungible asset an owner holds.
type NFT struct {
	Mint, Name, Description, Image string
	Interface                      string // V1_NFT when empty
	CollectionMint, CollectionName string
}

// Fake is the in-process Helius.
type Fake struct {
	key string

	mu         sync.Mutex
	lamports   map[string]*big.Int
	fungibles  map[string][]Fungible
	nfts       map[string][]NFT
	solPrice   string
	fault      Fault
	latency    time.Duration
	requests   int
	calls      map[string]int
	lastParams []json.RawMessage

	srv     *httptest.Server
	closing chan struct{}
}

// New makes a fake that accepts apiKey.
func New(apiKey string) *Fake {
	return &Fake{
		key: apiKey, lamports: map[string]*big.Int{}, fungibles: map[string][]Fungible{},
		nfts: map[string][]NFT{}, calls: map[string]int{}, closing: make(chan struct{}),
	}
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

// BaseURL is the base URL to configure (the client appends /?api-key=).
func (f *Fake) BaseURL() string { return f.srv.URL }

// SetLamports sets owner's SOL balance.
func (f *Fake) SetLamports(owner string, lamports *big.Int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.lamports[owner] = new(big.Int).Set(lamports)
}

// SetSOLPrice sets nativeBalance.price_per_sol (JSON number text); empty
// leaves it out.
func (f *Fake) SetSOLPrice(usd string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.solPrice = usd
}

// AddFungible gives owner an SPL token.
func (f *Fake) AddFungible(owner string, t Fungible) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.fungibles[owner] = append(f.fungibles[owner], t)
}

// AddNFT gives owner an NFT.
func (f *Fake) AddNFT(owner string, n NFT) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.nfts[owner] = append(f.nfts[owner], n)
}

// SetFault makes every request fail with fault until set back to FaultNone.
func (f *Fake) SetFault(fault Fault) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.fault = fault
}

// SetLatency delays every answer by d.
func (f *Fake) SetLatency(d time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.latency = d
}

// Requests counts HTTP requests received.
func (f *Fake) Requests() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.requests
}

// Calls counts JSON-RPC calls by method.
func (f *Fake) Calls(method string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls[method]
}

// LastParams returns the params of every call received, oldest first.
func (f *Fake) LastParams() []json.RawMessage {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]json.RawMessage(nil), f.lastParams...)
}

// ResetCounters zeroes the counters.
func (f *Fake) ResetCounters() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.requests, f.calls, f.lastParams = 0, map[string]int{}, nil
}

// ServeHTTP serves POST /?api-key=<key> JSON-RPC.
func (f *Fake) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	f.requests++
	fault, latency := f.fault, f.latency
	f.mu.Unlock()
	if !f.wait(r, latency) {
		return
	}
	switch fault {
	case FaultRateLimit:
		writeJSON(w, http.StatusTooManyRequests, rpcAnswer{JSONRPC: "2.0", ID: json.RawMessage("null"), Error: &rpcErr{-32429, "rate limited"}})
		return
	case FaultServer:
		writeJSON(w, http.StatusInternalServerError, rpcAnswer{JSONRPC: "2.0", ID: json.RawMessage("null"), Error: &rpcErr{-32603, "internal error"}})
		return
	case FaultMalformed:
		_, _ = io.WriteString(w, `{"jsonrpc":"2.0","result":{"items":[`)
		return
	case FaultHang:
		select {
		case <-r.Context().Done():
		case <-f.closing:
		}
		return
	}
	if r.URL.Path != "/" && r.URL.Path != "" {
		writeJSON(w, http.StatusNotFound, map[string]string{"message": "not found"})
		return
	}
	if r.URL.Query().Get("api-key") != f.key {
		writeJSON(w, http.StatusUnauthorized, rpcAnswer{JSONRPC: "2.0", ID: json.RawMessage("null"), Error: &rpcErr{-32401, "invalid api key provided"}})
		return
	}
	if r.Method != http.MethodPost {
		writeJSON(w, http.StatusMethodNotAllowed, rpcAnswer{JSONRPC: "2.0", ID: json.RawMessage("null"), Error: &rpcErr{-32600, "POST required"}})
		return
	}
	var c rpcCall
	if err := json.NewDecoder(io.LimitReader(r.Body, 1<<20)).Decode(&c); err != nil {
		writeJSON(w, http.StatusOK, rpcAnswer{JSONRPC: "2.0", ID: json.RawMessage("null"), Error: &rpcErr{-32700, "parse error"}})
		return
	}
	writeJSON(w, http.StatusOK, f.call(c))
}

func (f *Fake) wait(r *http.Request, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
	case <-f.closing:
	}
	return false
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
