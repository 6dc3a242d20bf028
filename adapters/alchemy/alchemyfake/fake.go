// Package alchemyfake is an in-process Alchemy: node JSON-RPC (with batches
// and the Token API methods), NFT API v3 and the Prices API, over real HTTP,
// with per-address state, request counters and fault injection.
package alchemyfake

import (
	"math/big"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"
)

// Scopes for faults and counters besides network names ("eth-mainnet").
const (
	ScopePrices = "prices" // the Prices API
	ScopeAll    = "*"      // every request (faults only)
)

// Fault is a failure the fake answers with instead of the real thing.
type Fault int

// The faults.
const (
	FaultNone      Fault = iota
	FaultRateLimit       // HTTP 429 with Alchemy's JSON-RPC error body
	FaultServer          // HTTP 500
	FaultMalformed       // HTTP 200 with a body that is not JSON
	FaultHang            // no answer until the client gives up or the fake closes
)

// TokenMetadata is what alchemy_getTokenMetadata answers; a nil field is
// sent as JSON null.
type TokenMetadata struct {
	Name, Symbol, Logo *string
	Decimals           *int
}

// NFT is one owned NFT as NFT API v3 describes it.
type NFT struct {
	Contract, ContractName, CollectionName string
	TokenID, TokenType                     string
	Name, Description                      string
	CachedURL, ThumbnailURL, OriginalURL   string
}

// Fake is the in-process Alchemy. Build it with New, serve it with Start.
type Fake struct {
	key string

	mu             sync.Mutex
	native         map[string]*big.Int            // network|owner
	tokens         map[string]map[string]*big.Int // network|owner -> contract -> raw
	metadata       map[string]TokenMetadata       // network|contract
	nfts           map[string][]NFT               // network|owner
	pricesByAddr   map[string]string              // network|contract -> USD
	pricesBySymbol map[string]string              // upper-case symbol -> USD
	faults         map[string]Fault
	latency        time.Duration
	requests       map[string]int // scope -> HTTP requests
	calls          map[string]int // JSON-RPC method or REST endpoint -> calls
	lastBodies     []string

	srv     *httptest.Server
	closing chan struct{}
}

// New makes a fake that accepts apiKey.
func New(apiKey string) *Fake {
	return &Fake{
		key:            apiKey,
		native:         map[string]*big.Int{},
		tokens:         map[string]map[string]*big.Int{},
		metadata:       map[string]TokenMetadata{},
		nfts:           map[string][]NFT{},
		pricesByAddr:   map[string]string{},
		pricesBySymbol: map[string]string{},
		faults:         map[string]Fault{},
		requests:       map[string]int{},
		calls:          map[string]int{},
		closing:        make(chan struct{}),
	}
}

// Start serves the fake on 127.0.0.1 and returns it for chaining.
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

// BaseURL is the node/NFT base URL to configure, with the {network}
// placeholder the client fills in (network goes in the first path segment).
func (f *Fake) BaseURL() string { return f.srv.URL + "/{network}" }

// PricesBaseURL is the Prices API base URL to configure.
func (f *Fake) PricesBaseURL() string { return f.srv.URL }

// SetNative sets owner's native balance in wei on network.
func (f *Fake) SetNative(network, owner string, wei *big.Int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.native[key(network, owner)] = new(big.Int).Set(wei)
}

// SetToken sets owner's raw balance of contract on network. Zero balances
// are kept and reported, as the "erc20" spec does for touched tokens.
func (f *Fake) SetToken(network, owner, contract string, raw *big.Int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	k := key(network, owner)
	if f.tokens[k] == nil {
		f.tokens[k] = map[string]*big.Int{}
	}
	f.tokens[k][strings.ToLower(contract)] = new(big.Int).Set(raw)
}

// SetTokenMetadata sets what alchemy_getTokenMetadata says about contract.
func (f *Fake) SetTokenMetadata(network, contract string, m TokenMetadata) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.metadata[key(network, contract)] = m
}

// AddNFT gives owner an NFT on network.
func (f *Fake) AddNFT(network, owner string, n NFT) {
	f.mu.Lock()
	defer f.mu.Unlock()
	k := key(network, owner)
	f.nfts[k] = append(f.nfts[k], n)
}

// SetPrice sets the USD price (decimal text) of contract on network.
func (f *Fake) SetPrice(network, contract, usd string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.pricesByAddr[key(network, contract)] = usd
}

// SetSymbolPrice sets the USD price (decimal text) of a ticker.
func (f *Fake) SetSymbolPrice(symbol, usd string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.pricesBySymbol[strings.ToUpper(symbol)] = usd
}

// SetFault makes every request in scope (a network, ScopePrices or ScopeAll)
// fail with fault until it is set back to FaultNone.
func (f *Fake) SetFault(scope string, fault Fault) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.faults[scope] = fault
}

// SetLatency delays every answer by d.
func (f *Fake) SetLatency(d time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.latency = d
}

// Requests counts HTTP requests received for scope (a network or
// ScopePrices); ScopeAll counts them all.
func (f *Fake) Requests(scope string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	if scope == ScopeAll {
		n := 0
		for _, c := range f.requests {
			n += c
		}
		return n
	}
	return f.requests[scope]
}

// Calls counts JSON-RPC calls by method (each batch item counts) and REST
// calls by endpoint ("getNFTsForOwner", "tokens/by-address",
// "tokens/by-symbol").
func (f *Fake) Calls(method string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls[method]
}

// LastBodies returns the request bodies received, oldest first (POSTs only).
func (f *Fake) LastBodies() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.lastBodies...)
}

// ResetCounters zeroes the request and call counters.
func (f *Fake) ResetCounters() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.requests, f.calls, f.lastBodies = map[string]int{}, map[string]int{}, nil
}

func key(a, b string) string { return a + "|" + strings.ToLower(b) }

var _ http.Handler = (*Fake)(nil)
