package steward_test

import (
	"context"
	"encoding/json"
	"math/big"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/agentwallet/agentwallet/adapters/steward"
	"github.com/agentwallet/agentwallet/adapters/steward/stewardfake"
	"github.com/agentwallet/agentwallet/domain"
)

const recipient = "0x3333333333333333333333333333333333333333"

// allowAll approves everything up to 10 native units.
const allowAll = `[{"type":"spending-limit","enabled":true,"config":{"maxPerTx":"10000000000000000000"}}]`

const holdAboveTenth = `[{"type":"auto-approve-threshold","enabled":true,"config":{"threshold":"100000000000000000"}}]`

func setPolicies(t *testing.T, c *steward.Client, body string) {
	t.Helper()
	rules, err := domain.ParsePolicyRules([]byte(body))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.SetPolicies(context.Background(), testAgent, rules); err != nil {
		t.Fatal(err)
	}
}

func keyClient(t *testing.T, url string) *steward.Client {
	return newClient(t, steward.Options{BaseURL: url, APIKey: testKey, TenantID: testTenant})
}

func signReq(value int64) domain.StewardSignRequest {
	return domain.StewardSignRequest{To: recipient, Value: big.NewInt(value), ChainID: 56}
}

func wantErr(t *testing.T, err error, kind domain.Kind, code string) {
	t.Helper()
	if !domain.IsKind(err, kind) || (code != "" && domain.CodeOf(err) != code) {
		t.Fatalf("got %v (kind %s, code %s), want kind %s code %s", err, domain.KindOf(err), domain.CodeOf(err), kind, code)
	}
}

func TestNewClientRefusesPlainHTTPToRemoteHosts(t *testing.T) {
	t.Parallel()
	tests := []struct {
		url      string
		insecure bool
		ok       bool
	}{
		{"https://steward.example.com", false, true},
		{"http://localhost:3200/", false, true},
		{"http://127.0.0.1:3200", false, true},
		{"http://[::1]:3200", false, true},
		{"http://steward.example.com", false, false},
		{"http://10.0.0.5:3200", false, false},
		{"http://steward.example.com", true, true},
		{"ftp://steward.example.com", true, false},
		{"steward.example.com", false, false},
		{"", false, false},
	}
	for _, tt := range tests {
		c, err := steward.NewClient(steward.Options{BaseURL: tt.url, AllowInsecureHTTP: tt.insecure})
		if (err == nil) != tt.ok {
			t.Errorf("NewClient(%q, insecure=%v): err %v, want ok=%v", tt.url, tt.insecure, err, tt.ok)
		}
		if err == nil && strings.HasSuffix(c.BaseURL(), "/") {
			t.Errorf("base URL %q keeps a trailing slash", c.BaseURL())
		}
	}
}

func TestAuthHeaders(t *testing.T) {
	t.Parallel()
	t.Run("key_wins_over_token", func(t *testing.T) {
		f, url := newFake(t)
		c := newClient(t, steward.Options{BaseURL: url, APIKey: testKey, TenantID: testTenant, AgentToken: "ignored"})
		if _, err := c.Agent(context.Background(), testAgent); err != nil {
			t.Fatal(err)
		}
		h := f.Requests()[0].Header
		if h.Get("X-Steward-Key") != testKey || h.Get("X-Steward-Tenant") != testTenant || h.Get("Authorization") != "" || h.Get("Accept") != "application/json" {
			t.Errorf("headers %v", h)
		}
	})
	t.Run("agent_token_as_bearer", func(t *testing.T) {
		f, url := newFake(t)
		tok := f.IssueAgentToken(testAgent)
		c := newClient(t, steward.Options{BaseURL: url, AgentToken: tok})
		if _, err := c.Agent(context.Background(), testAgent); err != nil {
			t.Fatal(err)
		}
		if h := f.Requests()[0].Header; h.Get("Authorization") != "Bearer "+tok || h.Get("X-Steward-Key") != "" {
			t.Errorf("headers %v", h)
		}
		_, err := c.History(context.Background(), "other-agent", domain.StewardPage{})
		wantErr(t, err, domain.KindForbidden, "STEWARD_FORBIDDEN")
	})
	t.Run("wrong_key_is_forbidden_not_unauthenticated", func(t *testing.T) {
		_, url := newFake(t)
		c := newClient(t, steward.Options{BaseURL: url, APIKey: "wrong", TenantID: testTenant})
		_, err := c.Agent(context.Background(), testAgent)
		wantErr(t, err, domain.KindForbidden, "STEWARD_FORBIDDEN")
	})
	t.Run("upstream_401_is_never_our_401", func(t *testing.T) {
		f, url := newFake(t)
		k := f.Knobs()
		k.AuthFailureStatus = http.StatusUnauthorized
		f.SetKnobs(k)
		c := newClient(t, steward.Options{BaseURL: url, APIKey: "wrong", TenantID: testTenant})
		_, err := c.Agent(context.Background(), testAgent)
		wantErr(t, err, domain.KindUpstream, "STEWARD_UNAUTHORIZED")
	})
	t.Run("missing_tenant_header_uses_default_tenant", func(t *testing.T) {
		_, url := newFake(t)
		c := newClient(t, steward.Options{BaseURL: url, APIKey: testKey})
		_, err := c.Agent(context.Background(), testAgent)
		wantErr(t, err, domain.KindForbidden, "")
	})
}

func TestSignWireFormat(t *testing.T) {
	t.Parallel()
	f, url := newFake(t)
	c := keyClient(t, url)
	setPolicies(t, c, allowAll)
	req := domain.StewardSignRequest{To: recipient, Value: big.NewInt(12345), Data: []byte{0xa9, 0x05, 0x9c, 0xbb}, ChainID: 56, Description: "swap"}
	res, err := c.Sign(context.Background(), testAgent, req)
	if err != nil || res.Status != domain.StewardSigned || len(res.TxHash) != 66 {
		t.Fatalf("sign: %+v, %v", res, err)
	}
	var sent map[string]any
	r := f.Requests()[len(f.Requests())-1]
	if err := json.Unmarshal(r.Body, &sent); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"to": recipient, "value": "12345", "data": "0xa9059cbb", "chainId": float64(56), "broadcast": true, "description": "swap"}
	for k, v := range want {
		if sent[k] != v {
			t.Errorf("sent %s = %v, want %v", k, sent[k], v)
		}
	}
	if r.Header.Get("Idempotency-Key") == "" {
		t.Error("no Idempotency-Key on sign")
	}

	signOnly, err := c.Sign(context.Background(), testAgent, domain.StewardSignRequest{To: recipient, Value: big.NewInt(1), ChainID: 56, SignOnly: true})
	if err != nil || signOnly.SignedTx == "" || signOnly.TxHash != "" {
		t.Errorf("sign-only: %+v, %v", signOnly, err)
	}
}

func TestSignRetryReusesIdempotencyKey(t *testing.T) {
	t.Parallel()
	f, url := newFake(t)
	c := keyClient(t, url)
	setPolicies(t, c, allowAll)
	f.InjectFault(stewardfake.RouteSign, stewardfake.Fault{Status: http.StatusServiceUnavailable, Times: 1})
	if _, err := c.Sign(context.Background(), testAgent, signReq(1)); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Sign(context.Background(), testAgent, signReq(2)); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, r := range f.Requests() {
		if r.Pattern == stewardfake.RouteSign {
			keys = append(keys, r.Header.Get("Idempotency-Key"))
		}
	}
	if len(keys) != 3 || keys[0] != keys[1] || keys[1] == keys[2] {
		t.Errorf("idempotency keys %q: want the retry to reuse the first and the next call to get a fresh one", keys)
	}
}

func TestSignIdempotentReplay(t *testing.T) {
	t.Parallel()
	_, url := newFake(t)
	c := keyClient(t, url)
	setPolicies(t, c, allowAll)
	req := signReq(5)
	req.IdempotencyKey = "fixed-key"
	first, err := c.Sign(context.Background(), testAgent, req)
	if err != nil {
		t.Fatal(err)
	}
	again, err := c.Sign(context.Background(), testAgent, req)
	if err != nil || again.TxID != first.TxID {
		t.Errorf("replay: %+v, %v; want the first answer (%s)", again, err, first.TxID)
	}
	req.Value = big.NewInt(6)
	_, err = c.Sign(context.Background(), testAgent, req)
	wantErr(t, err, domain.KindConflict, "")
	hist, _ := c.History(context.Background(), testAgent, domain.StewardPage{})
	if len(hist) != 1 {
		t.Errorf("%d records, want 1: a replay must not sign twice", len(hist))
	}
}

func TestSignErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		knobs    func(*stewardfake.Knobs)
		fault    stewardfake.Fault
		noKey    bool
		kind     domain.Kind
		code     string
		requests int  // sign requests the fake should see
		atLeast  bool // net/http may itself replay a request carrying an Idempotency-Key on a dropped reused connection
	}{
		{name: "calldata_gate_is_not_a_policy_rejection", knobs: func(k *stewardfake.Knobs) { k.RejectCalldata = true }, kind: domain.KindForbidden, code: "STEWARD_FORBIDDEN", requests: 1},
		{name: "missing_idempotency_key_428", noKey: true, kind: domain.KindUpstream, code: "STEWARD_IDEMPOTENCY_REQUIRED", requests: 1},
		{name: "rate_limited_429", fault: stewardfake.Fault{Status: 429}, kind: domain.KindRateLimited, code: "STEWARD_RATE_LIMITED", requests: 1},
		{name: "server_error_500_not_retried", fault: stewardfake.Fault{Status: 500}, kind: domain.KindUpstream, code: "STEWARD_UPSTREAM_ERROR", requests: 1},
		{name: "rpc_error_502_retried_once", fault: stewardfake.Fault{Status: 502}, kind: domain.KindUpstream, code: "STEWARD_UPSTREAM_ERROR", requests: 2},
		{name: "unavailable_503", fault: stewardfake.Fault{Status: 503}, kind: domain.KindUnavailable, code: "STEWARD_UNAVAILABLE", requests: 2},
		{name: "plain_403_without_results", fault: stewardfake.Fault{Status: 403}, kind: domain.KindForbidden, code: "STEWARD_FORBIDDEN", requests: 1},
		{name: "malformed_json_not_retried", fault: stewardfake.Fault{Malformed: true}, kind: domain.KindUpstream, code: "STEWARD_UPSTREAM_ERROR", requests: 1},
		{name: "html_503_from_a_proxy", fault: stewardfake.Fault{Status: 503, Body: "<html>Service Unavailable</html>"}, kind: domain.KindUnavailable, code: "STEWARD_UNAVAILABLE", requests: 2},
		{name: "hang_times_out", fault: stewardfake.Fault{Hang: true}, kind: domain.KindTimeout, code: "STEWARD_TIMEOUT", requests: 2},
		{name: "closed_connection", fault: stewardfake.Fault{Close: true}, kind: domain.KindUnavailable, code: "STEWARD_UNAVAILABLE", requests: 2, atLeast: true},
		{name: "403_with_results_is_a_rejection", fault: stewardfake.Fault{Status: 403, Body: `{"ok":false,"error":"Transaction rejected by policy","data":{"txId":"t1","results":[{"policyId":"p","type":"spending-limit","passed":false,"reason":"too big"}]}}`},
			kind: domain.KindPolicyDenied, code: "STEWARD_POLICY_REJECTED", requests: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f, url := newFake(t)
			opts := steward.Options{BaseURL: url, APIKey: testKey, TenantID: testTenant, Timeout: 300 * time.Millisecond}
			if tt.noKey {
				opts.NewIdempotencyKey = func() string { return "" }
			}
			c := newClient(t, opts)
			setPolicies(t, c, allowAll)
			if tt.knobs != nil {
				k := f.Knobs()
				tt.knobs(&k)
				f.SetKnobs(k)
			}
			if tt.fault != (stewardfake.Fault{}) {
				f.InjectFault(stewardfake.RouteSign, tt.fault)
			}
			req := signReq(1)
			req.Data = []byte{0x09, 0x5e, 0xa7, 0xb3}
			_, err := c.Sign(context.Background(), testAgent, req)
			wantErr(t, err, tt.kind, tt.code)
			if rej, ok := domain.PolicyRejectionOf(err); ok != (tt.kind == domain.KindPolicyDenied) {
				t.Errorf("policy rejection present = %v (%+v)", ok, rej)
			}
			if n := f.Count(stewardfake.RouteSign); n != tt.requests && !(tt.atLeast && n > tt.requests) {
				t.Errorf("%d sign requests, want %d", n, tt.requests)
			}
			keys := map[string]bool{}
			for _, r := range f.Requests() {
				if r.Pattern == stewardfake.RouteSign {
					keys[r.Header.Get("Idempotency-Key")] = true
				}
			}
			if len(keys) != 1 {
				t.Errorf("attempts used %d different idempotency keys, want 1", len(keys))
			}
		})
	}
}

func TestSignOutcomeUnknown(t *testing.T) {
	t.Parallel()
	f, url := newFake(t)
	c := keyClient(t, url)
	setPolicies(t, c, allowAll)
	k := f.Knobs()
	k.OutcomeUnknownOnce = true
	f.SetKnobs(k)
	res, err := c.Sign(context.Background(), testAgent, signReq(1))
	if err != nil || res.Status != domain.StewardOutcomeUnknown || res.TxHash == "" {
		t.Fatalf("got %+v, %v; want outcome_unknown with a hash", res, err)
	}
	res, err = c.Sign(context.Background(), testAgent, signReq(1))
	if err != nil || res.Status != domain.StewardSigned {
		t.Errorf("knob did not reset: %+v, %v", res, err)
	}
}

func TestApprovalNeedsAdminSession(t *testing.T) {
	t.Parallel()
	f, url := newFake(t)
	c := keyClient(t, url)
	setPolicies(t, c, holdAboveTenth)
	held, err := c.Sign(context.Background(), testAgent, signReq(2e17))
	if err != nil || held.Status != domain.StewardPendingApproval {
		t.Fatalf("sign: %+v, %v", held, err)
	}
	k := f.Knobs()
	k.ApprovalRequiresAdminSession = true
	f.SetKnobs(k)
	_, err = c.Approve(context.Background(), testAgent, held.TxID)
	wantErr(t, err, domain.KindForbidden, "STEWARD_ADMIN_REQUIRED")
	wantErr(t, c.Deny(context.Background(), testAgent, held.TxID, "no"), domain.KindForbidden, "STEWARD_ADMIN_REQUIRED")
}

func TestApproveAfterPolicyChangeConflicts(t *testing.T) {
	t.Parallel()
	_, url := newFake(t)
	c := keyClient(t, url)
	setPolicies(t, c, holdAboveTenth)
	held, err := c.Sign(context.Background(), testAgent, signReq(2e17))
	if err != nil {
		t.Fatal(err)
	}
	setPolicies(t, c, holdAboveTenth)
	_, err = c.Approve(context.Background(), testAgent, held.TxID)
	wantErr(t, err, domain.KindConflict, "STEWARD_CONFLICT")
}

func TestListShapesAndPaging(t *testing.T) {
	t.Parallel()
	for _, legacy := range []bool{false, true} {
		f, url := newFake(t)
		k := f.Knobs()
		k.LegacyListShape = legacy
		f.SetKnobs(k)
		c := keyClient(t, url)
		setPolicies(t, c, holdAboveTenth)
		for i := range 3 {
			if _, err := c.Sign(context.Background(), testAgent, signReq(2e17+int64(i))); err != nil {
				t.Fatal(err)
			}
		}
		pending, err := c.Pending(context.Background(), testAgent, domain.StewardPage{Limit: 2, Offset: 1})
		if err != nil || len(pending) != 2 {
			t.Fatalf("legacy=%v pending: %+v, %v", legacy, pending, err)
		}
		if pending[0].Tx.Value.Int64() != 2e17+1 || pending[0].QueueID == "" || pending[0].RequestedAt.IsZero() {
			t.Errorf("legacy=%v: first entry %+v, want the middle request (newest first)", legacy, pending[0])
		}
		last := f.Requests()[len(f.Requests())-1]
		if last.Query.Get("limit") != "2" || last.Query.Get("offset") != "1" {
			t.Errorf("paging not passed through: %v", last.Query)
		}
		hist, err := c.History(context.Background(), testAgent, domain.StewardPage{})
		if err != nil || len(hist) != 3 || hist[0].Status != domain.StewardTxPending || hist[0].CreatedAt.IsZero() {
			t.Errorf("legacy=%v history: %+v, %v", legacy, hist, err)
		}
	}
}

func TestPoliciesWire(t *testing.T) {
	t.Parallel()
	f, url := newFake(t)
	c := keyClient(t, url)
	setPolicies(t, c, holdAboveTenth)
	var put stewardfake.Request
	for _, r := range f.Requests() {
		if r.Pattern == stewardfake.RoutePutPolicies {
			put = r
		}
	}
	if !strings.HasPrefix(strings.TrimSpace(string(put.Body)), "[") {
		t.Errorf("PUT body %s: Steward wants a bare array", put.Body)
	}
	k := f.Knobs()
	k.PolicyWriteRequiresAdmin = true
	f.SetKnobs(k)
	_, err := c.SetPolicies(context.Background(), testAgent, nil)
	wantErr(t, err, domain.KindForbidden, "")
}

func TestAgentStatusShapes(t *testing.T) {
	t.Parallel()
	f, url := newFake(t)
	c := keyClient(t, url)
	a, err := c.Agent(context.Background(), testAgent)
	if err != nil || a.EVMAddress != "0xd8dA6BF26964aF9D7eEd9e03E53415D37aA96045" || a.TenantID != testTenant || a.CreatedAt.IsZero() {
		t.Errorf("agent %+v, %v", a, err)
	}
	f.InjectFault(stewardfake.RouteHealth, stewardfake.Fault{Status: 500, Times: 1})
	wantErr(t, c.Health(context.Background()), domain.KindUpstream, "")
	if err := c.Health(context.Background()); err != nil {
		t.Errorf("health after fault: %v", err)
	}
	if h := f.Requests()[len(f.Requests())-1].Header; h.Get("X-Steward-Key") != "" {
		t.Error("health probe sent credentials")
	}
}

func TestAddressesAreChecksummed(t *testing.T) {
	t.Parallel()
	_, url := newFake(t)
	c := keyClient(t, url)
	a, err := c.CreateAgent(context.Background(), "fresh", "fresh")
	if err != nil {
		t.Fatal(err)
	}
	if a.EVMAddress != common.HexToAddress(a.EVMAddress).Hex() || a.EVMAddress == strings.ToLower(a.EVMAddress) {
		t.Errorf("EVM address %s is not EIP-55", a.EVMAddress)
	}
	setPolicies(t, c, allowAll)
	lower := "0xd8da6bf26964af9d7eed9e03e53415d37aa96045"
	if _, err := c.Sign(context.Background(), testAgent, domain.StewardSignRequest{To: lower, Value: big.NewInt(1), ChainID: 56}); err != nil {
		t.Fatal(err)
	}
	hist, err := c.History(context.Background(), testAgent, domain.StewardPage{})
	if err != nil || len(hist) != 1 || hist[0].To != "0xd8dA6BF26964aF9D7eEd9e03E53415D37aA96045" {
		t.Errorf("history %+v, %v", hist, err)
	}
}

func TestRedirectsRefused(t *testing.T) {
	t.Parallel()
	f, target := newFake(t)
	redirector := httptest.NewServer(http.RedirectHandler(target+"/agents/"+testAgent, http.StatusFound))
	t.Cleanup(redirector.Close)
	c := keyClient(t, redirector.URL)
	_, err := c.Agent(context.Background(), testAgent)
	wantErr(t, err, domain.KindUpstream, "")
	if n := len(f.Requests()); n != 0 {
		t.Errorf("redirect target got %d requests (with our key)", n)
	}
}
