package elizacloudfake_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/agentwallet/agentwallet/adapters/elizacloud/elizacloudfake"
)

// These tests pin wire details the adapter does not exercise: raw shapes,
// auth headers and the knobs themselves.

func call(t *testing.T, srv *httptest.Server, method, path, key, body string) (int, map[string]any) {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&out)
	return resp.StatusCode, out
}

func TestFakeWireDetails(t *testing.T) {
	t.Parallel()
	f := elizacloudfake.New(elizacloudfake.Options{})
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	key := f.MintKey()

	if code, body := call(t, srv, http.MethodPost, "/api/auth/cli-session", "", `{"sessionId": 5}`); code != 400 || body["error"] != "Session ID is required" {
		t.Errorf("non-string session id = %d %v", code, body)
	}
	if code, body := call(t, srv, http.MethodGet, "/api/v1/credits/balance", "", ""); code != 401 || body["code"] != "authentication_required" {
		t.Errorf("no key = %d %v", code, body)
	}
	if code, body := call(t, srv, http.MethodGet, "/api/credits/balance", key, ""); code != 200 || body["balance"] != 15.5 {
		t.Errorf("bearer auth on the v1-less path = %d %v", code, body)
	}
	if code, body := call(t, srv, http.MethodGet, "/api/nope", key, ""); code != 404 || body["error"] != "no route for /api/nope" {
		t.Errorf("unknown route = %d %v", code, body)
	}
	id := f.AddAgent("a", "running")
	if code, body := call(t, srv, http.MethodPost, "/api/v1/eliza/agents/"+id+"/bridge", key, `{"jsonrpc":"1.0","method":"x"}`); code != 400 {
		t.Errorf("bad JSON-RPC envelope = %d %v", code, body)
	}
	if code, body := call(t, srv, http.MethodPost, "/api/v1/eliza/agents/"+id+"/bridge", key, `{"jsonrpc":"2.0","id":7,"method":"message.send","params":{"text":"hi"}}`); code != 200 || body["result"].(map[string]any)["text"] != "echo: hi" {
		t.Errorf("message.send = %d %v", code, body)
	}
	call(t, srv, http.MethodPost, "/api/v1/milady/agents/"+id+"/snapshot", key, "")
	call(t, srv, http.MethodPost, "/api/v1/milady/agents/"+id+"/snapshot", key, "")
	if code, body := call(t, srv, http.MethodGet, "/api/v1/milady/agents/"+id+"/backups", key, ""); code != 200 || len(body["data"].([]any)) != 2 {
		t.Errorf("backups = %d %v", code, body)
	}
	f.SetCryptoEnabled(true)
	f.SetCryptoRejectsAPIKey(true)
	if code, _ := call(t, srv, http.MethodPost, "/api/crypto/payments", key, `{"amount":25,"payCurrency":"USDC"}`); code != 401 {
		t.Errorf("crypto payments with the cookie-only knob = %d, want 401", code)
	}
	if n := f.Count(http.MethodGet, "/api/v1/credits/balance"); n != 1 {
		t.Errorf("Count = %d", n)
	}
}
