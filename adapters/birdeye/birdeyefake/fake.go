// Package birdeyefake is an in-process Birdeye public API: GET /defi/price
// and GET /defi/multi_price with the X-API-KEY and x-chain headers, per-mint
// prices, request counters and fault injection.
package birdeyefake

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"
)

// Fault is a failure the fake answers with instead of the real thing.
type Fault int

// The faults.
const (
	FaultNone      Fault = iota
	FaultRateLimit       // HTTP 429 {"success":false,"message":"Too many requests"}
	FaultServer          // HTTP 500
	FaultMalformed       // HTTP 200, body not JSON
	FaultHang            // no answer until the client gives up or the fake closes
)

// multiPriceLimit is Birdeye's cap of addresses per multi_price call.
const multiPriceLimit = 100

// Fake is the in-process Birdeye.
type Fake struct {
	key string

	mu       sync.Mutex
	prices   map[string]string // mint -> USD (JSON number text)
	fault    Fault
	latency  time.Duration
	requests map[string]int // path -> requests
	chains   []string       // x-chain header of every request

	srv     *httptest.Server
	closing chan struct{}
}

// New makes a fake that accepts apiKey.
func New(apiKey string) *Fake {
	return &Fake{key: apiKey, prices: map[string]string{}, requests: map[string]int{}, closing: make(chan struct{})}
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

// BaseURL is the base URL to configure.
func (f *Fake) BaseURL() string { return f.srv.URL }

// SetPrice sets mint's USD price (JSON number text, e.g. "142.5").
func (f *Fake) SetPrice(mint, usd string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.prices[mint] = usd
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

// Requests counts requests for path ("/defi/price"); "" counts all.
func (f *Fake) Requests(path string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	if path == "" {
		n := 0
		for _, c := range f.requests {
			n += c
		}
		return n
	}
	return f.requests[path]
}

// Chains returns the x-chain header of every request, oldest first.
func (f *Fake) Chains() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.chains...)
}

// ResetCounters zeroes the counters.
func (f *Fake) ResetCounters() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.requests, f.chains = map[string]int{}, nil
}

// ServeHTTP serves the two price endpoints.
func (f *Fake) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	f.requests[r.URL.Path]++
	f.chains = append(f.chains, r.Header.Get("x-chain"))
	fault, latency := f.fault, f.latency
	f.mu.Unlock()
	if latency > 0 {
		t := time.NewTimer(latency)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			return
		case <-f.closing:
			t.Stop()
			return
		}
	}
	switch fault {
	case FaultRateLimit:
		writeJSON(w, http.StatusTooManyRequests, map[string]any{"success": false, "message": "Too many requests"})
		return
	case FaultServer:
		writeJSON(w, http.StatusInternalServerError, map[string]any{"success": false, "message": "Internal server error"})
		return
	case FaultMalformed:
		_, _ = io.WriteString(w, `{"success":true,"data":{`)
		return
	case FaultHang:
		select {
		case <-r.Context().Done():
		case <-f.closing:
		}
		return
	}
	if r.Header.Get("X-API-KEY") != f.key {
		writeJSON(w, http.StatusUnauthorized, map[string]any{"success": false, "message": "Unauthorized"})
		return
	}
	if r.Method != http.MethodGet {
		writeJSON(w, http.StatusMethodNotAllowed, map[string]any{"success": false, "message": "Method not allowed"})
		return
	}
	if chain := r.Header.Get("x-chain"); chain != "" && chain != "solana" {
		// The fake only holds Solana prices; other chains know none of them.
		writeJSON(w, http.StatusOK, map[string]any{"success": true, "data": nil})
		return
	}
	switch r.URL.Path {
	case "/defi/price":
		mint := r.URL.Query().Get("address")
		if mint == "" {
			writeJSON(w, http.StatusBadRequest, map[string]any{"success": false, "message": "address is required"})
			return
		}
		writeJSON(w, http.StatusOK, map[string]any{"success": true, "data": f.priceData(mint)})
	case "/defi/multi_price":
		list := r.URL.Query().Get("list_address")
		mints := strings.Split(list, ",")
		if list == "" || len(mints) > multiPriceLimit {
			writeJSON(w, http.StatusBadRequest, map[string]any{"success": false, "message": "list_address must hold 1 to 100 addresses"})
			return
		}
		data := map[string]any{}
		for _, m := range mints {
			data[m] = f.priceData(m)
		}
		writeJSON(w, http.StatusOK, map[string]any{"success": true, "data": data})
	default:
		writeJSON(w, http.StatusNotFound, map[string]any{"success": false, "message": "Not found"})
	}
}

// priceData is one mint's data object, or nil (JSON null) without a price.
func (f *Fake) priceData(mint string) any {
	f.mu.Lock()
	defer f.mu.Unlock()
	p, ok := f.prices[mint]
	if !ok {
		return nil
	}
	return map[string]any{"value": json.Number(p), "updateUnixTime": 1767225600, "updateHumanTime": "2026-01-01T00:00:00", "priceChange24h": json.Number("0.5")}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
