package transport_test

import (
	"fmt"
	"math/big"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"

	"github.com/agentwallet/agentwallet/adapters/evmrpc/evmtest"
	"github.com/agentwallet/agentwallet/adapters/steward/stewardfake"
	"github.com/agentwallet/agentwallet/app"
	"github.com/agentwallet/agentwallet/domain"
)

// policyRecipient receives the transfers of the policy tables.
var policyRecipient = common.HexToAddress("0x00000000000000000000000000000000000b0b01")

func (b *bscEnv) transferBNB(amount string) response {
	b.t.Helper()
	return b.post("/api/wallet/transfer/execute", fmt.Sprintf(`{"toAddress":%q,"amount":%q,"assetSymbol":"BNB","confirm":true}`, policyRecipient.Hex(), amount))
}

// policyOutcomes reads execution.policyResults[].result.
func policyOutcomes(t *testing.T, res response) []string {
	t.Helper()
	exec, _ := res.body["execution"].(map[string]any)
	list, _ := exec["policyResults"].([]any)
	var out []string
	for _, r := range list {
		out = append(out, r.(map[string]any)["result"].(string))
	}
	return out
}

// TestLocalPoliciesOnTheSimulatedChain is the table with the local
// engine and a real EVM: "hold above 0.1 BNB, deny above 1 BNB" gives three
// transfers three outcomes; approving the held one sends it; denying
// another leaves nothing sent.
func TestLocalPoliciesOnTheSimulatedChain(t *testing.T) {
	b := newBSCEnv(t, "manual-local-key", nil)
	wantStatus(t, b.do(req{method: http.MethodPut, path: "/api/wallet/steward-policies", body: stewardHoldTenthDenyOne}), http.StatusOK, "")
	received := func() *big.Int { return b.chain.Balance(t, policyRecipient) }

	executed := b.transferBNB("0.05")
	wantStatus(t, executed, http.StatusOK, "")
	if executed.body["executed"] != true || executed.body["mode"] != "local" {
		t.Fatalf("0.05: %s", executed.raw)
	}
	b.wantMined(t, str(t, executed.body, "execution", "hash"))

	held := b.transferBNB("0.5")
	wantStatus(t, held, http.StatusOK, "")
	if held.body["executed"] != false || str(t, held.body, "execution", "status") != "pending_approval" ||
		strings.Join(policyOutcomes(t, held), ",") != "pending,passed" {
		t.Fatalf("0.5: %s", held.raw)
	}
	heldID := str(t, held.body, "execution", "txId")

	rejected := b.transferBNB("2")
	wantStatus(t, rejected, http.StatusForbidden, "STEWARD_POLICY_REJECTED")
	if rejected.body["ok"] != false || rejected.body["mode"] != "local" || str(t, rejected.body, "execution", "status") != "rejected" ||
		strings.Join(policyOutcomes(t, rejected), ",") != "pending,denied" {
		t.Fatalf("2: %s", rejected.raw)
	}

	other := b.transferBNB("0.3")
	wantStatus(t, other, http.StatusOK, "")
	otherID := str(t, other.body, "execution", "txId")
	if got, want := received(), new(big.Int).Div(evmtest.Ether, big.NewInt(20)); got.Cmp(want) != 0 {
		t.Fatalf("recipient has %s wei before approvals, want only the 0.05 BNB", got)
	}

	approved := b.post("/api/wallet/steward-approve-tx", `{"txId":"`+heldID+`"}`)
	wantStatus(t, approved, http.StatusOK, "")
	b.wantMined(t, str(t, approved.body, "txHash"))
	wantStatus(t, b.post("/api/wallet/steward-deny-tx", `{"txId":"`+otherID+`"}`), http.StatusOK, "")
	wantStatus(t, b.post("/api/wallet/steward-approve-tx", `{"txId":"`+otherID+`"}`), http.StatusConflict, "")
	want, _ := domain.ParseUnits("0.55", 18)
	if got := received(); got.Cmp(want) != 0 {
		t.Fatalf("recipient has %s wei, want 0.55 BNB: the approved hold and nothing denied", got)
	}
}

// TestStewardSignsTradesAndTransfers runs execution through a fake Steward:
// executed (nonce null), held, and rejected in the spec's shapes, with the
// request naming the configured chain.
func TestStewardSignsTradesAndTransfers(t *testing.T) {
	fake := stewardfake.New(stewardfake.Options{TenantID: stewardTenant, APIKey: stewardAPIKey,
		Agents: []domain.StewardAgent{{ID: stewardAgent, EVMAddress: stewardAgentEVM}}})
	srv := httptest.NewServer(stewardfake.Handler(fake))
	t.Cleanup(srv.Close)
	b := newBSCEnv(t, "manual-local-key", func(c *app.Config, _ *evmtest.Chain, _ *evmtest.RPCServer) {
		c.Steward.APIURL, c.Steward.APIKey, c.Steward.TenantID, c.Steward.AgentID = srv.URL, stewardAPIKey, stewardTenant, stewardAgent
	})
	wantStatus(t, b.do(req{method: http.MethodPut, path: "/api/wallet/steward-policies", body: stewardHoldTenthDenyOne}), http.StatusOK, "")

	executed := b.transferBNB("0.05")
	wantStatus(t, executed, http.StatusOK, "")
	exec, _ := executed.body["execution"].(map[string]any)
	if executed.body["mode"] != "steward" || executed.body["executed"] != true || exec["nonce"] != nil || len(str(t, executed.body, "execution", "hash")) != 66 {
		t.Fatalf("0.05: %s", executed.raw)
	}
	held := b.transferBNB("0.5")
	wantStatus(t, held, http.StatusOK, "")
	if held.body["mode"] != "steward" || str(t, held.body, "execution", "status") != "pending_approval" || strings.Join(policyOutcomes(t, held), ",") != "pending,passed" {
		t.Fatalf("0.5: %s", held.raw)
	}
	rejected := b.transferBNB("2")
	wantStatus(t, rejected, http.StatusForbidden, "STEWARD_POLICY_REJECTED")
	if rejected.body["mode"] != "steward" || str(t, rejected.body, "execution", "status") != "rejected" {
		t.Fatalf("2: %s", rejected.raw)
	}
	// Nothing was signed locally: the recipient got nothing on chain.
	if got := b.chain.Balance(t, policyRecipient); got.Sign() != 0 {
		t.Errorf("recipient has %s wei on chain; Steward's fake never broadcasts", got)
	}
	chainID := fmt.Sprintf(`"chainId":%d`, b.chain.ChainID.Uint64())
	for _, r := range fake.Requests() {
		if r.Pattern == stewardfake.RouteSign && !strings.Contains(string(r.Body), chainID) {
			t.Errorf("sign request %s does not name the configured chain", r.Body)
		}
	}

	// A buy goes through Steward too: the swap is calldata for the router.
	buy := b.post("/api/wallet/trade/execute", fmt.Sprintf(`{"side":"buy","tokenAddress":%q,"amount":"0.01","confirm":true}`, b.chain.Token.Hex()))
	wantStatus(t, buy, http.StatusOK, "")
	if buy.body["mode"] != "steward" || buy.body["executed"] != true {
		t.Fatalf("buy: %s", buy.raw)
	}
	k := fake.Knobs()
	k.RejectCalldata = true
	fake.SetKnobs(k)
	refused := b.post("/api/wallet/trade/execute", fmt.Sprintf(`{"side":"buy","tokenAddress":%q,"amount":"0.01","confirm":true}`, b.chain.Token.Hex()))
	wantStatus(t, refused, http.StatusForbidden, "STEWARD_FORBIDDEN")
	if refused.body["execution"] != nil {
		t.Errorf("a calldata refusal is not a policy rejection: %s", refused.raw)
	}
}
