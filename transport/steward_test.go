package transport_test

import (
	"context"
	"encoding/json"
	"math/big"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/agentwallet/agentwallet/adapters/steward/stewardfake"
	"github.com/agentwallet/agentwallet/app"
	"github.com/agentwallet/agentwallet/domain"
)

const (
	stewardAPIKey    = "stw_key"
	stewardTenant    = "tenant-1"
	stewardAgent     = "agent-1"
	stewardAgentEVM  = "0xd8dA6BF26964aF9D7eEd9e03E53415D37aA96045"
	stewardAgentSol  = "7xKXtg2CW87d97TXJSDpbD5jBkheTqA83TZRuJosgHU"
	stewardRecipient = "0x3333333333333333333333333333333333333333"
)

// stewardHoldTenthDenyOne is "hold transfers above 0.1 BNB, deny above 1 BNB".
const stewardHoldTenthDenyOne = `{"policies":[
  {"type":"auto-approve-threshold","enabled":true,"config":{"threshold":"100000000000000000"}},
  {"type":"spending-limit","enabled":true,"config":{"maxPerTx":"1000000000000000000"}}]}`

// stewardDaemon is an env (the real app and router on a temp state dir),
// optionally pointed at a fake Steward.
type stewardDaemon struct {
	*env
	t    *testing.T
	fake *stewardfake.Fake
}

// newStewardDaemon builds the env; with withSteward it points it at a fake
// Steward that knows agent-1.
func newStewardDaemon(t *testing.T, withSteward bool, tweak func(*app.Config)) *stewardDaemon {
	t.Helper()
	d := &stewardDaemon{t: t}
	if withSteward {
		d.fake = stewardfake.New(stewardfake.Options{TenantID: stewardTenant, APIKey: stewardAPIKey,
			Agents: []domain.StewardAgent{{ID: stewardAgent, Name: "Agent one", EVMAddress: stewardAgentEVM, SolanaAddress: stewardAgentSol}}})
		srv := httptest.NewServer(stewardfake.Handler(d.fake))
		t.Cleanup(srv.Close)
		url := srv.URL + "/"
		tweak = func(next func(*app.Config)) func(*app.Config) {
			return func(cfg *app.Config) {
				cfg.Steward.APIURL = url
				cfg.Steward.APIKey = stewardAPIKey
				cfg.Steward.TenantID = stewardTenant
				cfg.Steward.AgentID = stewardAgent
				if next != nil {
					next(cfg)
				}
			}
		}(tweak)
	}
	d.env = newEnv(t, tweak)
	return d
}

// call sends one API request and decodes the JSON answer, object or array,
// into out (when non-nil), returning the status.
func (d *stewardDaemon) call(method, path, body string, out any) int {
	d.t.Helper()
	hr := httptest.NewRequest(method, path, strings.NewReader(body))
	hr.Host = testHost
	hr.Header.Set("Authorization", "Bearer "+testToken)
	if body != "" {
		hr.Header.Set("Content-Type", "application/json")
	}
	rec := httptest.NewRecorder()
	d.router.ServeHTTP(rec, hr)
	if out != nil {
		if err := json.Unmarshal(rec.Body.Bytes(), out); err != nil {
			d.t.Fatalf("%s %s: %d %s: %v", method, path, rec.Code, rec.Body, err)
		}
	}
	return rec.Code
}

// sign submits a transfer of wei through the bridge, as trade and transfer
// execution do.
func (d *stewardDaemon) sign(wei string) (domain.StewardSignResult, error) {
	v, _ := new(big.Int).SetString(wei, 10)
	return d.app.Steward.Sign(context.Background(), domain.StewardSignRequest{To: stewardRecipient, Value: v})
}

type stewardErrBody struct {
	Error string `json:"error"`
	Code  string `json:"code"`
}

func TestStewardStatus(t *testing.T) {
	t.Parallel()
	t.Run("not_configured", func(t *testing.T) {
		d := newStewardDaemon(t, false, nil)
		var got map[string]any
		if code := d.call("GET", "/api/wallet/steward-status", "", &got); code != 200 {
			t.Fatalf("status %d", code)
		}
		want := map[string]any{"configured": false, "available": false, "connected": false, "baseUrl": nil, "agentId": nil, "evmAddress": nil, "error": nil}
		for k, v := range want {
			if got[k] != v {
				t.Errorf("%s = %v, want %v", k, got[k], v)
			}
		}
	})
	t.Run("healthy", func(t *testing.T) {
		d := newStewardDaemon(t, true, nil)
		var got map[string]any
		d.call("GET", "/api/wallet/steward-status", "", &got)
		if got["configured"] != true || got["available"] != true || got["connected"] != true || got["agentId"] != stewardAgent ||
			got["evmAddress"] != stewardAgentEVM || got["error"] != nil || got["vaultHealth"] != "ok" || strings.HasSuffix(got["baseUrl"].(string), "/") {
			t.Errorf("status %v", got)
		}
	})
	t.Run("costs_two_upstream_requests", func(t *testing.T) {
		d := newStewardDaemon(t, true, nil)
		before := len(d.fake.Requests())
		d.call("GET", "/api/wallet/steward-status", "", nil)
		if n := len(d.fake.Requests()) - before; n != 2 || d.fake.Count(stewardfake.RouteHealth) != 1 || d.fake.Count(stewardfake.RouteGetAgent) != 1 {
			t.Errorf("%d upstream requests, want /health and the agent lookup", n)
		}
	})
	t.Run("no_agent_yet", func(t *testing.T) {
		d := newStewardDaemon(t, true, func(c *app.Config) { c.Steward.AgentID = "" })
		var got map[string]any
		d.call("GET", "/api/wallet/steward-status", "", &got)
		if got["available"] != true || got["connected"] != false || got["agentId"] != nil || got["error"] == nil {
			t.Errorf("status %v", got)
		}
	})
	t.Run("agent_falls_back_to_the_evm_address", func(t *testing.T) {
		d := newStewardDaemon(t, true, func(c *app.Config) { c.Steward.AgentID = "" })
		var gen struct {
			Wallets []struct{ Address string }
		}
		d.call("POST", "/api/wallet/generate", `{"chain":"evm","source":"local"}`, &gen)
		var got map[string]any
		d.call("GET", "/api/wallet/steward-status", "", &got)
		if len(gen.Wallets) != 1 || got["agentId"] != gen.Wallets[0].Address || got["vaultHealth"] != "degraded" || got["evmAddress"] != gen.Wallets[0].Address {
			t.Errorf("status %v after local key %+v", got, gen)
		}
	})
	t.Run("unknown_agent_is_degraded_but_connected", func(t *testing.T) {
		d := newStewardDaemon(t, true, func(c *app.Config) { c.Steward.AgentID = "ghost" })
		var got map[string]any
		d.call("GET", "/api/wallet/steward-status", "", &got)
		if got["available"] != true || got["connected"] != true || got["vaultHealth"] != "degraded" || got["agentId"] != "ghost" {
			t.Errorf("status %v", got)
		}
	})
	t.Run("bad_key_is_unavailable_with_reason", func(t *testing.T) {
		d := newStewardDaemon(t, true, func(c *app.Config) { c.Steward.APIKey = "wrong" })
		var got map[string]any
		d.call("GET", "/api/wallet/steward-status", "", &got)
		if got["available"] != false || got["connected"] != false || got["vaultHealth"] != "error" || !strings.Contains(got["error"].(string), "Forbidden") {
			t.Errorf("status %v", got)
		}
	})
	t.Run("unreachable", func(t *testing.T) {
		d := newStewardDaemon(t, true, nil)
		d.fake.InjectFault(stewardfake.RouteHealth, stewardfake.Fault{Status: 503})
		var got map[string]any
		d.call("GET", "/api/wallet/steward-status", "", &got)
		if got["configured"] != true || got["available"] != false || got["error"] == nil {
			t.Errorf("status %v", got)
		}
	})
}

func TestStewardNotConfigured(t *testing.T) {
	t.Parallel()
	d := newStewardDaemon(t, false, nil)
	var e stewardErrBody
	if code := d.call("POST", "/api/wallet/generate", `{"source":"steward"}`, &e); code != 503 || e.Code != "STEWARD_NOT_CONFIGURED" {
		t.Errorf("generate through Steward: %d %+v, want 503 STEWARD_NOT_CONFIGURED", code, e)
	}
	// Without Steward the queue and history are the local engine's: empty.
	var list []any
	if code := d.call("GET", "/api/wallet/steward-pending-approvals", "", &list); code != 200 || len(list) != 0 {
		t.Errorf("pending: %d %v", code, list)
	}
	var recs map[string]any
	if code := d.call("GET", "/api/wallet/steward-tx-records", "", &recs); code != 200 || len(recs["records"].([]any)) != 0 {
		t.Errorf("records: %d %v", code, recs)
	}
	if code := d.call("POST", "/api/wallet/steward-deny-tx", `{"txId":"nope"}`, &e); code != 404 {
		t.Errorf("deny unknown: %d %+v", code, e)
	}
}

// recordingLocalExecutor stands in for trade/transfer execution: it "sends" an
// approved local hold and remembers what it sent.
type recordingLocalExecutor struct{ sent []domain.StewardTxRecord }

func (r *recordingLocalExecutor) ExecuteApproved(_ context.Context, rec domain.StewardTxRecord) (string, error) {
	r.sent = append(r.sent, rec)
	return "0x" + strings.Repeat("ab", 32), nil
}

// TestLocalEngineThreeTransfersThreeOutcomes is the table with the
// local engine: executed, held, rejected; approving the held one sends it;
// denying another leaves nothing sent.
func TestLocalEngineThreeTransfersThreeOutcomes(t *testing.T) {
	t.Parallel()
	d := newStewardDaemon(t, false, nil)
	exec := &recordingLocalExecutor{}
	d.app.Steward.SetLocalExecutor(exec)
	if code := d.call("PUT", "/api/wallet/steward-policies", stewardHoldTenthDenyOne, nil); code != 200 {
		t.Fatalf("put policies: %d", code)
	}
	gate := func(wei string) (app.LocalGate, error) {
		v, _ := new(big.Int).SetString(wei, 10)
		return d.app.Steward.GateLocal(context.Background(), domain.StewardSignRequest{To: stewardRecipient, Value: v}, nil)
	}
	if g, err := gate("50000000000000000"); err != nil || !g.Applies || g.Verdict != domain.PolicyApprove {
		t.Fatalf("0.05: %+v %v", g, err)
	}
	held, err := gate("500000000000000000")
	if err != nil || held.Verdict != domain.PolicyHold || held.Held.ID == "" {
		t.Fatalf("0.5: %+v %v", held, err)
	}
	if _, err := gate("2000000000000000000"); domain.CodeOf(err) != "STEWARD_POLICY_REJECTED" {
		t.Fatalf("2: %v", err)
	}
	other, err := gate("300000000000000000")
	if err != nil || other.Verdict != domain.PolicyHold {
		t.Fatalf("0.3: %+v %v", other, err)
	}

	var pending []struct {
		QueueID     string `json:"queueId"`
		Transaction struct {
			Request       struct{ To, Value string }
			PolicyResults []map[string]any `json:"policyResults"`
		} `json:"transaction"`
	}
	if code := d.call("GET", "/api/wallet/steward-pending-approvals", "", &pending); code != 200 || len(pending) != 2 || pending[1].QueueID != held.Held.ID ||
		pending[1].Transaction.Request.Value != "500000000000000000" || pending[1].Transaction.PolicyResults[0]["result"] != "pending" {
		t.Fatalf("pending: %d %+v", code, pending)
	}
	var approved map[string]any
	if code := d.call("POST", "/api/wallet/steward-approve-tx", `{"txId":"`+held.Held.ID+`"}`, &approved); code != 200 || approved["txHash"] == nil {
		t.Fatalf("approve: %d %v", code, approved)
	}
	var e stewardErrBody
	if code := d.call("POST", "/api/wallet/steward-approve-tx", `{"txId":"`+held.Held.ID+`"}`, &e); code != 409 {
		t.Errorf("approve twice: %d %+v", code, e)
	}
	if code := d.call("POST", "/api/wallet/steward-deny-tx", `{"txId":"`+other.Held.ID+`"}`, nil); code != 200 {
		t.Errorf("deny: %d", code)
	}
	if code := d.call("POST", "/api/wallet/steward-approve-tx", `{"txId":"`+other.Held.ID+`"}`, &e); code != 409 {
		t.Errorf("approve a denied hold: %d %+v", code, e)
	}
	if len(exec.sent) != 1 || exec.sent[0].ID != held.Held.ID || exec.sent[0].Value.String() != "500000000000000000" {
		t.Errorf("sent %+v, want only the approved hold", exec.sent)
	}
	var recs struct {
		Records []struct{ Status string } `json:"records"`
	}
	d.call("GET", "/api/wallet/steward-tx-records", "", &recs)
	var statuses []string
	for _, r := range recs.Records {
		statuses = append(statuses, r.Status)
	}
	if strings.Join(statuses, ",") != "rejected,rejected,broadcast" {
		t.Errorf("records %v, want the denied, the rejected and the sent hold, newest first", statuses)
	}
}

func TestLocalPoliciesWithoutSteward(t *testing.T) {
	t.Parallel()
	d := newStewardDaemon(t, false, nil)
	var rules []map[string]any
	if code := d.call("GET", "/api/wallet/steward-policies", "", &rules); code != 200 || len(rules) != 0 {
		t.Fatalf("initial: %d %v", code, rules)
	}
	var ok map[string]any
	if code := d.call("PUT", "/api/wallet/steward-policies", stewardHoldTenthDenyOne, &ok); code != 200 || ok["ok"] != true {
		t.Fatalf("put: %d %v", code, ok)
	}
	d.call("GET", "/api/wallet/steward-policies", "", &rules)
	if len(rules) != 2 || rules[0]["type"] != "auto-approve-threshold" || rules[0]["id"] == "" || rules[1]["config"].(map[string]any)["maxPerTx"] != "1000000000000000000" {
		t.Errorf("stored %v", rules)
	}
	var e stewardErrBody
	if code := d.call("PUT", "/api/wallet/steward-policies", `{"policies":[{"type":"contract-allowlist","enabled":true,"config":{}}]}`, &e); code != 400 {
		t.Errorf("opaque type locally: %d %+v, want 400", code, e)
	}

	// The local engine decides with the stored set.
	tenth, _ := new(big.Int).SetString("500000000000000000", 10)
	dec, applies, err := d.app.Steward.LocalDecision(context.Background(), domain.PolicyRequest{To: stewardRecipient, Value: tenth, Network: domain.EVMNetwork(56)}, nil)
	if err != nil || !applies || dec.Verdict != domain.PolicyHold {
		t.Errorf("local decision %+v applies=%v err=%v, want a hold", dec, applies, err)
	}
	d.call("PUT", "/api/wallet/steward-policies", `{"policies":[]}`, nil)
	if _, applies, _ := d.app.Steward.LocalDecision(context.Background(), domain.PolicyRequest{To: stewardRecipient, Value: tenth, Network: domain.EVMNetwork(56)}, nil); applies {
		t.Error("an empty local set must not apply")
	}
}

func TestPutPoliciesValidation(t *testing.T) {
	t.Parallel()
	d := newStewardDaemon(t, true, nil)
	for name, body := range map[string]string{
		"missing":        `{}`,
		"not_array":      `{"policies":{"type":"rate-limit"}}`,
		"null":           `{"policies":null}`,
		"bad_rule":       `{"policies":[{"type":"spending-limit","enabled":true,"config":{"maxPerTransaction":"1"}}]}`,
		"body_not_json":  `{`,
		"body_is_array":  `[]`,
		"unknown_type":   `{"policies":[{"type":"max-trade-value","enabled":true,"config":{}}]}`,
		"enabled_string": `{"policies":[{"type":"allowed-chains","enabled":"yes","config":{"chains":["eip155:56"]}}]}`,
	} {
		var e stewardErrBody
		if code := d.call("PUT", "/api/wallet/steward-policies", body, &e); code != 400 || e.Error == "" {
			t.Errorf("%s: %d %+v, want 400", name, code, e)
		}
	}
	if n := d.fake.Count(stewardfake.RoutePutPolicies); n != 0 {
		t.Errorf("%d invalid sets reached Steward", n)
	}
	// Opaque Steward types are passed through to Steward.
	if code := d.call("PUT", "/api/wallet/steward-policies", `{"policies":[{"type":"contract-allowlist","enabled":false,"config":{"contracts":[]}}]}`, nil); code != 200 {
		t.Errorf("opaque type to Steward: %d", code)
	}
	k := d.fake.Knobs()
	k.PolicyWriteRequiresAdmin = true
	d.fake.SetKnobs(k)
	var e stewardErrBody
	if code := d.call("PUT", "/api/wallet/steward-policies", stewardHoldTenthDenyOne, &e); code != 403 || e.Code != "STEWARD_FORBIDDEN" {
		t.Errorf("admin-only policy writes: %d %+v", code, e)
	}
}

// TestThreeTransfersThreeOutcomes is the end-to-end table against
// Steward: executed, held, rejected; approving the held one executes it;
// denying another leaves nothing sent.
func TestThreeTransfersThreeOutcomes(t *testing.T) {
	t.Parallel()
	d := newStewardDaemon(t, true, nil)
	if code := d.call("PUT", "/api/wallet/steward-policies", stewardHoldTenthDenyOne, nil); code != 200 {
		t.Fatalf("put policies: %d", code)
	}
	var rules []map[string]any
	d.call("GET", "/api/wallet/steward-policies", "", &rules)
	if len(rules) != 2 {
		t.Fatalf("policies %v", rules)
	}

	executed, err := d.sign("50000000000000000") // 0.05 BNB
	if err != nil || executed.Status != domain.StewardSigned {
		t.Fatalf("0.05: %+v %v", executed, err)
	}
	held, err := d.sign("500000000000000000") // 0.5 BNB
	if err != nil || held.Status != domain.StewardPendingApproval {
		t.Fatalf("0.5: %+v %v", held, err)
	}
	_, err = d.sign("2000000000000000000") // 2 BNB
	if !domain.IsKind(err, domain.KindPolicyDenied) || domain.CodeOf(err) != "STEWARD_POLICY_REJECTED" {
		t.Fatalf("2: %v", err)
	}
	other, err := d.sign("300000000000000000") // 0.3 BNB, to be denied
	if err != nil || other.Status != domain.StewardPendingApproval {
		t.Fatalf("0.3: %+v %v", other, err)
	}
	// Requests name BSC explicitly, never Steward's default chain.
	for _, r := range d.fake.Requests() {
		if r.Pattern == stewardfake.RouteSign && !strings.Contains(string(r.Body), `"chainId":56`) {
			t.Errorf("sign body %s does not name chain 56", r.Body)
		}
	}

	var pending []struct {
		QueueID     string `json:"queueId"`
		Status      string `json:"status"`
		Transaction struct {
			ID            string `json:"id"`
			Status        string `json:"status"`
			Request       struct{ To, Value string }
			PolicyResults []map[string]any `json:"policyResults"`
		} `json:"transaction"`
	}
	if code := d.call("GET", "/api/wallet/steward-pending-approvals", "", &pending); code != 200 || len(pending) != 2 {
		t.Fatalf("pending: %d %+v", code, pending)
	}
	if p := pending[1].Transaction; p.ID != held.TxID || p.Request.Value != "500000000000000000" || len(p.PolicyResults) != 2 ||
		p.PolicyResults[0]["policy"] != "auto-approve-threshold" || p.PolicyResults[0]["result"] != "pending" || p.PolicyResults[1]["result"] != "passed" {
		t.Errorf("older pending entry %+v", p)
	}

	var approved map[string]any
	if code := d.call("POST", "/api/wallet/steward-approve-tx", `{"txId":"`+held.TxID+`"}`, &approved); code != 200 ||
		approved["ok"] != true || approved["txId"] != held.TxID || len(approved["txHash"].(string)) != 66 {
		t.Fatalf("approve: %d %v", code, approved)
	}
	var e stewardErrBody
	if code := d.call("POST", "/api/wallet/steward-approve-tx", `{"txId":"`+held.TxID+`"}`, &e); code != 409 {
		t.Errorf("approve twice: %d %+v, want 409", code, e)
	}
	var denied map[string]any
	if code := d.call("POST", "/api/wallet/steward-deny-tx", `{"txId":"`+other.TxID+`","reason":"no"}`, &denied); code != 200 || denied["ok"] != true {
		t.Fatalf("deny: %d %v", code, denied)
	}
	if code := d.call("POST", "/api/wallet/steward-deny-tx", `{}`, &e); code != 400 {
		t.Errorf("deny without txId: %d", code)
	}

	var recs struct {
		Records []struct {
			Status string  `json:"status"`
			TxHash *string `json:"txHash"`
		} `json:"records"`
		Total, Offset, Limit int
	}
	if code := d.call("GET", "/api/wallet/steward-tx-records", "", &recs); code != 200 || recs.Total != 4 || recs.Limit != 50 {
		t.Fatalf("records: %d %+v", code, recs)
	}
	wantStatus := []string{"rejected", "rejected", "broadcast", "broadcast"} // newest first: denied 0.3, rejected 2, approved 0.5, executed 0.05
	for i, r := range recs.Records {
		if r.Status != wantStatus[i] {
			t.Errorf("record %d status %s, want %s", i, r.Status, wantStatus[i])
		}
		if (r.TxHash != nil) != (r.Status == "broadcast") {
			t.Errorf("record %d (%s) hash %v: only sent transactions have one", i, r.Status, r.TxHash)
		}
	}
	d.call("GET", "/api/wallet/steward-tx-records?status=rejected&limit=3", "", &recs)
	if recs.Total != 2 || recs.Limit != 3 {
		t.Errorf("filtered records %+v", recs)
	}
	if code := d.call("GET", "/api/wallet/steward-tx-records?status=bogus", "", &e); code != 400 {
		t.Errorf("bad status filter: %d", code)
	}
	if pending = nil; d.call("GET", "/api/wallet/steward-pending-approvals", "", &pending) != 200 || len(pending) != 0 {
		t.Errorf("queue after approve and deny: %+v", pending)
	}
}

func TestApproveNeedsAdminSession(t *testing.T) {
	t.Parallel()
	d := newStewardDaemon(t, true, nil)
	d.call("PUT", "/api/wallet/steward-policies", stewardHoldTenthDenyOne, nil)
	held, err := d.sign("500000000000000000")
	if err != nil {
		t.Fatal(err)
	}
	k := d.fake.Knobs()
	k.ApprovalRequiresAdminSession = true
	d.fake.SetKnobs(k)
	var e stewardErrBody
	if code := d.call("POST", "/api/wallet/steward-approve-tx", `{"txId":"`+held.TxID+`"}`, &e); code != 403 || e.Code != "STEWARD_ADMIN_REQUIRED" || !strings.Contains(e.Error, "admin") {
		t.Errorf("approve: %d %+v", code, e)
	}
}

func TestPendingListShapesAndUpstreamErrors(t *testing.T) {
	t.Parallel()
	d := newStewardDaemon(t, true, nil)
	k := d.fake.Knobs()
	k.LegacyListShape = true
	d.fake.SetKnobs(k)
	d.call("PUT", "/api/wallet/steward-policies", stewardHoldTenthDenyOne, nil)
	if _, err := d.sign("500000000000000000"); err != nil {
		t.Fatal(err)
	}
	var pending []map[string]any
	if code := d.call("GET", "/api/wallet/steward-pending-approvals?limit=5&offset=0", "", &pending); code != 200 || len(pending) != 1 {
		t.Errorf("legacy shape: %d %v", code, pending)
	}
	d.fake.InjectFault(stewardfake.RoutePending, stewardfake.Fault{Status: 500})
	var e stewardErrBody
	if code := d.call("GET", "/api/wallet/steward-pending-approvals", "", &e); code != 502 || e.Code != "STEWARD_UPSTREAM_ERROR" {
		t.Errorf("upstream 500: %d %+v", code, e)
	}
	d.fake.InjectFault(stewardfake.RoutePending, stewardfake.Fault{Status: 401})
	if code := d.call("GET", "/api/wallet/steward-pending-approvals", "", &e); code == 401 {
		t.Error("Steward's 401 became our own 401")
	}
}

func TestGenerateThroughSteward(t *testing.T) {
	t.Parallel()
	d := newStewardDaemon(t, true, func(c *app.Config) { c.Steward.AgentID = "" })
	var out struct {
		OK      bool `json:"ok"`
		Wallets []struct {
			Chain   string `json:"chain"`
			Address string `json:"address"`
		} `json:"wallets"`
		Source string `json:"source"`
	}
	// Source omitted while Steward is configured means Steward.
	if code := d.call("POST", "/api/wallet/generate", `{"chain":"both"}`, &out); code != 200 || out.Source != "steward" || len(out.Wallets) != 2 {
		t.Fatalf("generate: %d %+v", code, out)
	}
	if d.fake.Count(stewardfake.RouteCreateAgent) != 1 {
		t.Errorf("agent not created")
	}
	var keys map[string]any
	if code := d.call("POST", "/api/wallet/export", `{"confirm":true}`, &keys); code != 200 || keys["evm"] != nil || keys["solana"] != nil {
		t.Errorf("a local key was generated: %d %v", code, keys)
	}
	// The agent's addresses are now Steward's.
	var addrs map[string]any
	d.call("GET", "/api/wallet/addresses", "", &addrs)
	if addrs["evmAddress"] != out.Wallets[0].Address || addrs["solanaAddress"] != out.Wallets[1].Address {
		t.Errorf("addresses %v, want Steward's %+v", addrs, out.Wallets)
	}
	// The created agent is remembered: status and a second generate use it.
	var st map[string]any
	d.call("GET", "/api/wallet/steward-status", "", &st)
	if st["connected"] != true || st["vaultHealth"] != "ok" || st["evmAddress"] != out.Wallets[0].Address {
		t.Errorf("status after generate %v", st)
	}
	d.call("POST", "/api/wallet/generate", `{"chain":"evm","source":"steward"}`, &out)
	if d.fake.Count(stewardfake.RouteCreateAgent) != 1 || len(out.Wallets) != 1 || out.Wallets[0].Chain != "evm" {
		t.Errorf("second generate %+v created another agent", out)
	}
	// source local still makes a local key; Steward's address stays first.
	stewardEVM := addrs["evmAddress"]
	if code := d.call("POST", "/api/wallet/generate", `{"chain":"evm","source":"local"}`, &out); code != 200 || out.Source != "local" {
		t.Errorf("local generate: %d %+v", code, out)
	}
	if d.call("GET", "/api/wallet/addresses", "", &addrs); addrs["evmAddress"] != stewardEVM {
		t.Errorf("addresses after a local generate: %v", addrs)
	}
}

func TestGenerateThroughUnreachableStewardFailsWithoutLocalKey(t *testing.T) {
	t.Parallel()
	d := newStewardDaemon(t, true, nil)
	d.fake.InjectFault(stewardfake.RouteGetAgent, stewardfake.Fault{Status: 503})
	var e stewardErrBody
	if code := d.call("POST", "/api/wallet/generate", `{}`, &e); code != 503 {
		t.Errorf("generate: %d %+v", code, e)
	}
	var addrs map[string]any
	d.call("GET", "/api/wallet/addresses", "", &addrs)
	if addrs["evmAddress"] != nil || addrs["solanaAddress"] != nil {
		t.Errorf("fell back to a local key: %v", addrs)
	}
}
