package alchemyfake

import (
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// priceLimit is the Prices API's cap on addresses or symbols per request.
const priceLimit = 25

// ServeHTTP routes like Alchemy does, with the network in the first path
// segment instead of the host name:
//
//	POST /{network}/v2/{key}                          JSON-RPC, single or batch
//	GET  /{network}/nft/v3/{key}/getNFTsForOwner      NFT API v3
//	POST /prices/v1/{key}/tokens/by-address           Prices API
//	GET  /prices/v1/{key}/tokens/by-symbol            Prices API
func (f *Fake) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	parts := strings.Split(strings.Trim(r.URL.Path, "/"), "/")
	scope := parts[0]
	f.mu.Lock()
	f.requests[scope]++
	latency := f.latency
	fault := f.faults[scope]
	if fault == FaultNone {
		fault = f.faults[ScopeAll]
	}
	f.mu.Unlock()

	if !f.wait(r, latency) {
		return
	}
	if f.inject(w, r, fault) {
		return
	}
	switch {
	case scope == ScopePrices && len(parts) == 5 && parts[1] == "v1" && parts[3] == "tokens":
		if !f.authorized(w, parts[2], false) {
			return
		}
		f.prices(w, r, parts[4])
	case len(parts) == 3 && parts[1] == "v2":
		if !f.authorized(w, parts[2], true) {
			return
		}
		f.rpc(w, r, scope)
	case len(parts) == 5 && parts[1] == "nft" && parts[2] == "v3" && parts[4] == "getNFTsForOwner":
		if !f.authorized(w, parts[3], false) {
			return
		}
		f.getNFTsForOwner(w, r, scope)
	default:
		writeJSON(w, http.StatusNotFound, map[string]string{"message": "not found"})
	}
}

// wait sleeps for the configured latency; false if the client gave up.
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

// inject answers with fault; false when there is none.
func (f *Fake) inject(w http.ResponseWriter, r *http.Request, fault Fault) bool {
	switch fault {
	case FaultRateLimit:
		writeJSON(w, http.StatusTooManyRequests, map[string]any{
			"jsonrpc": "2.0", "id": nil,
			"error": map[string]any{"code": 429, "message": "Your app has exceeded its compute units per second capacity. If you have retries enabled, you can safely ignore this message."},
		})
	case FaultServer:
		writeJSON(w, http.StatusInternalServerError, map[string]any{"jsonrpc": "2.0", "id": nil, "error": map[string]any{"code": -32603, "message": "internal error"}})
	case FaultMalformed:
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"jsonrpc":"2.0","result":`)
	case FaultHang:
		select {
		case <-r.Context().Done():
		case <-f.closing:
		}
	default:
		return false
	}
	return true
}

// authorized checks the key in the path, answering 401 like Alchemy.
func (f *Fake) authorized(w http.ResponseWriter, key string, rpc bool) bool {
	if key == f.key {
		return true
	}
	if rpc {
		writeJSON(w, http.StatusUnauthorized, map[string]any{"jsonrpc": "2.0", "id": nil, "error": map[string]any{"code": -32600, "message": "Must be authenticated!"}})
	} else {
		writeJSON(w, http.StatusUnauthorized, map[string]any{"message": "Must be authenticated!"})
	}
	return false
}

func (f *Fake) readBody(w http.ResponseWriter, r *http.Request) ([]byte, bool) {
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		w.WriteHeader(http.StatusBadRequest)
		return nil, false
	}
	f.mu.Lock()
	f.lastBodies = append(f.lastBodies, string(body))
	f.mu.Unlock()
	return body, true
}

func (f *Fake) prices(w http.ResponseWriter, r *http.Request, endpoint string) {
	switch {
	case endpoint == "by-address" && r.Method == http.MethodPost:
		body, ok := f.readBody(w, r)
		if !ok {
			return
		}
		var req struct {
			Addresses []struct{ Network, Address string } `json:"addresses"`
		}
		if err := json.Unmarshal(body, &req); err != nil || len(req.Addresses) == 0 {
			writeJSON(w, http.StatusBadRequest, map[string]any{"error": map[string]string{"message": "addresses is required"}})
			return
		}
		if len(req.Addresses) > priceLimit {
			writeJSON(w, http.StatusBadRequest, map[string]any{"error": map[string]string{"message": "too many addresses: at most 25"}})
			return
		}
		f.count("tokens/by-address")
		data := make([]map[string]any, 0, len(req.Addresses))
		for _, a := range req.Addresses {
			f.mu.Lock()
			usd, ok := f.pricesByAddr[key(a.Network, a.Address)]
			f.mu.Unlock()
			data = append(data, priceEntry(map[string]any{"network": a.Network, "address": a.Address}, usd, ok))
		}
		writeJSON(w, http.StatusOK, map[string]any{"data": data})
	case endpoint == "by-symbol" && r.Method == http.MethodGet:
		symbols := r.URL.Query()["symbols"]
		if len(symbols) == 0 || len(symbols) > priceLimit {
			writeJSON(w, http.StatusBadRequest, map[string]any{"error": map[string]string{"message": "between 1 and 25 symbols are required"}})
			return
		}
		f.count("tokens/by-symbol")
		data := make([]map[string]any, 0, len(symbols))
		for _, s := range symbols {
			f.mu.Lock()
			usd, ok := f.pricesBySymbol[strings.ToUpper(s)]
			f.mu.Unlock()
			data = append(data, priceEntry(map[string]any{"symbol": s}, usd, ok))
		}
		writeJSON(w, http.StatusOK, map[string]any{"data": data})
	default:
		writeJSON(w, http.StatusNotFound, map[string]string{"message": "not found"})
	}
}

func priceEntry(entry map[string]any, usd string, ok bool) map[string]any {
	if !ok {
		entry["prices"], entry["error"] = []any{}, "Token not found"
		return entry
	}
	entry["prices"] = []map[string]string{{"currency": "usd", "value": usd, "lastUpdatedAt": "2026-01-01T00:00:00Z"}}
	entry["error"] = nil
	return entry
}

func (f *Fake) getNFTsForOwner(w http.ResponseWriter, r *http.Request, network string) {
	if r.Method != http.MethodGet {
		writeJSON(w, http.StatusMethodNotAllowed, map[string]string{"message": "method not allowed"})
		return
	}
	q := r.URL.Query()
	owner := q.Get("owner")
	if !isAddress(owner) {
		writeJSON(w, http.StatusBadRequest, map[string]string{"message": "owner must be a valid address"})
		return
	}
	size := 100
	if s := q.Get("pageSize"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 100 {
			writeJSON(w, http.StatusBadRequest, map[string]string{"message": "pageSize must be between 1 and 100"})
			return
		}
		size = n
	}
	f.count("getNFTsForOwner")
	f.mu.Lock()
	owned := append([]NFT(nil), f.nfts[key(network, owner)]...)
	f.mu.Unlock()
	total := len(owned)
	var pageKey any
	if len(owned) > size {
		owned, pageKey = owned[:size], "next-page"
	}
	items := make([]map[string]any, 0, len(owned))
	for _, n := range owned {
		items = append(items, map[string]any{
			"contract": map[string]any{
				"address": n.Contract, "name": n.ContractName, "tokenType": n.TokenType,
				"openSeaMetadata": map[string]any{"collectionName": n.CollectionName},
			},
			"tokenId": n.TokenID, "tokenType": n.TokenType, "name": n.Name, "description": n.Description,
			"image":   map[string]any{"cachedUrl": n.CachedURL, "thumbnailUrl": n.ThumbnailURL, "originalUrl": n.OriginalURL},
			"balance": "1",
		})
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"ownedNfts": items, "totalCount": total, "pageKey": pageKey,
		"validAt": map[string]any{"blockNumber": 1, "blockHash": "0x" + strings.Repeat("ab", 32), "blockTimestamp": "2026-01-01T00:00:00Z"},
	})
}

func (f *Fake) count(method string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls[method]++
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func isAddress(s string) bool {
	h, ok := strings.CutPrefix(s, "0x")
	if !ok || len(h) != 40 {
		return false
	}
	for _, c := range h {
		if !strings.ContainsRune("0123456789abcdefABCDEF", c) {
			return false
		}
	}
	return true
}
