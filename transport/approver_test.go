package transport_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/agentwallet/agentwallet/app"
)

const approverToken = "approver-secret-123"

const holdPolicy = `{"policies":[{"type":"spending-limit","enabled":true,"config":{"maxPerTx":"1000000000000000000"}}]}`

// TestApproverTokenGuardsReleasingHeldTransactions: with an approver token
// configured, the API token alone (what the agent holds) cannot approve,
// deny or change policies; reading stays open.
func TestApproverTokenGuardsReleasingHeldTransactions(t *testing.T) {
	e := newEnv(t, func(c *app.Config) { c.ApproverToken = approverToken })
	refused := []req{
		{method: http.MethodPost, path: "/api/wallet/steward-approve-tx", body: `{"txId":"held-1"}`},
		{method: http.MethodPost, path: "/api/wallet/steward-deny-tx", body: `{"txId":"held-1"}`},
		{method: http.MethodPut, path: "/api/wallet/steward-policies", body: holdPolicy},
		{method: http.MethodPost, path: "/api/wallet/steward-approve-tx", body: `{"txId":"held-1"}`, headers: map[string]string{"X-Approver-Token": "wrong"}},
		{method: http.MethodPut, path: "/api/wallet/steward-policies", body: holdPolicy, headers: map[string]string{"X-Approver-Token": approverToken + "x"}},
	}
	for _, r := range refused {
		wantStatus(t, e.do(r), http.StatusForbidden, "APPROVER_REQUIRED")
	}
	// Reading needs no approver token (these answer bare arrays).
	for _, path := range []string{"/api/wallet/steward-policies", "/api/wallet/steward-pending-approvals"} {
		hr := httptest.NewRequest(http.MethodGet, path, nil)
		hr.Host = testHost
		hr.Header.Set("Authorization", "Bearer "+testToken)
		rec := httptest.NewRecorder()
		e.router.ServeHTTP(rec, hr)
		if rec.Code != http.StatusOK {
			t.Fatalf("GET %s = %d %s", path, rec.Code, rec.Body.String())
		}
	}

	ok := map[string]string{"X-Approver-Token": approverToken}
	wantStatus(t, e.do(req{method: http.MethodPut, path: "/api/wallet/steward-policies", body: holdPolicy, headers: ok}), http.StatusOK, "")
	// Past the guard, the normal handling answers: no such held transaction.
	res := e.do(req{method: http.MethodPost, path: "/api/wallet/steward-approve-tx", body: `{"txId":"held-1"}`, headers: ok})
	if res.status == http.StatusForbidden {
		t.Fatalf("approver token refused: %s", res.raw)
	}
}

// TestWithoutApproverTokenTheAPITokenSuffices keeps existing clients working.
func TestWithoutApproverTokenTheAPITokenSuffices(t *testing.T) {
	e := newEnv(t, nil)
	wantStatus(t, e.do(req{method: http.MethodPut, path: "/api/wallet/steward-policies", body: holdPolicy}), http.StatusOK, "")
	res := e.do(req{method: http.MethodPost, path: "/api/wallet/steward-approve-tx", body: `{"txId":"held-1"}`})
	if res.status == http.StatusForbidden {
		t.Fatalf("approve refused without an approver token configured: %s", res.raw)
	}
}
