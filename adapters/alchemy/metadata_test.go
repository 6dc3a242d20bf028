package alchemy_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/agentwallet/agentwallet/adapters/alchemy"
	"github.com/agentwallet/agentwallet/domain"
	"github.com/agentwallet/agentwallet/ports/portstest"
)

// A call inside the batch that Alchemy answers with an error (throttled per
// call) is not "not a token": the lookup reports the error, so the caller
// does not remember the contract as a non-token, and still gets what was
// answered.
func TestMetadataPerCallErrorIsAnError(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var calls []struct {
			ID     int      `json:"id"`
			Params []string `json:"params"`
		}
		body, _ := io.ReadAll(r.Body)
		if err := json.Unmarshal(body, &calls); err != nil || len(calls) != 2 {
			t.Errorf("body = %s, want a batch of 2", body)
			return
		}
		_ = json.NewEncoder(w).Encode([]any{
			map[string]any{"jsonrpc": "2.0", "id": calls[0].ID, "result": map[string]any{"name": "X", "symbol": "X", "decimals": 6, "logo": nil}},
			map[string]any{"jsonrpc": "2.0", "id": calls[1].ID, "error": map[string]any{"code": 429, "message": "Your app has exceeded its compute units per second capacity."}},
		})
	}))
	t.Cleanup(srv.Close)
	c, err := alchemy.NewClient(alchemy.Options{APIKey: testKey, BaseURL: srv.URL + "/{network}"})
	if err != nil {
		t.Fatal(err)
	}
	eth := domain.EVMChains(domain.NetworkMainnet)[0]
	got, err := c.TokenMetadata(t.Context(), eth, []string{portstest.TokenX, portstest.TokenY})
	if domain.KindOf(err) != domain.KindUnavailable || domain.CodeOf(err) != alchemy.CodeRateLimited {
		t.Errorf("err = %v, want the per-call rate limit", err)
	}
	if m, ok := got[portstest.TokenX]; !ok || !m.DecimalsKnown || m.Decimals != 6 {
		t.Errorf("answered contract = %+v, %v; want it kept", m, ok)
	}
	if _, ok := got[portstest.TokenY]; ok {
		t.Errorf("throttled contract present: %+v", got)
	}
}

// An upstream (or a proxy in front of it) that repeats the request path in
// its error message would put the API key into a per-chain error, which
// clients see; the key is cut out.
func TestUpstreamMessagesNeverRepeatTheKey(t *testing.T) {
	for _, tc := range []struct {
		name   string
		status int
		body   string
	}{
		{"http_error", http.StatusNotFound, `{"error":{"code":-32600,"message":"no route for /v2/` + testKey + `"}}`},
		{"rpc_error", http.StatusOK, `[{"jsonrpc":"2.0","id":1,"error":{"code":-32000,"message":"bad path /v2/` + testKey + `"}},{"jsonrpc":"2.0","id":2,"result":{}}]`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.WriteHeader(tc.status)
				_, _ = io.WriteString(w, tc.body)
			}))
			t.Cleanup(srv.Close)
			c, err := alchemy.NewClient(alchemy.Options{APIKey: testKey, BaseURL: srv.URL + "/{network}"})
			if err != nil {
				t.Fatal(err)
			}
			_, err = c.Holdings(t.Context(), domain.EVMChains(domain.NetworkMainnet)[0], portstest.OwnerA)
			if err == nil || strings.Contains(err.Error(), testKey) || strings.Contains(domain.MessageOf(err), testKey) {
				t.Errorf("err = %v", err)
			}
		})
	}
}
