// Package portstest holds contract suites: the semantics every adapter of a
// port must share, run against each adapter (and its fake).
package portstest

import (
	"context"
	"encoding/json"
	"errors"
	"math/big"
	"testing"
	"time"

	"github.com/agentwallet/agentwallet/domain"
	"github.com/agentwallet/agentwallet/ports"
)

// StewardHarness is one fresh Steward under test: the five capability ports
// (usually one client), an agent that exists with no policies, and the chain
// to sign on.
type StewardHarness struct {
	Agents    ports.StewardAgents
	Signer    ports.StewardSigner
	Approvals ports.StewardApprovals
	Policies  ports.StewardPolicies
	History   ports.StewardHistory
	AgentID   string // an existing agent with an EVM wallet and an empty policy set
	ChainID   uint64
}

// stewardHoldTenthDenyOne is "hold above 0.1 native, deny above 1".
const stewardHoldTenthDenyOne = `[
  {"type":"auto-approve-threshold","enabled":true,"config":{"threshold":"100000000000000000"}},
  {"type":"spending-limit","enabled":true,"config":{"maxPerTx":"1000000000000000000"}}
]`

const (
	stewardRecipient = "0x3333333333333333333333333333333333333333"
	stewardTenthWei  = "100000000000000000"
)

func mustStewardRules(t *testing.T, s string) []domain.PolicyRule {
	t.Helper()
	rules, err := domain.ParsePolicyRules([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return rules
}

func mustStewardWei(t *testing.T, s string) *big.Int {
	t.Helper()
	v, err := domain.ParseUnits(s, 18)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func stewardCtx(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func wantStewardKind(t *testing.T, err error, k domain.Kind) {
	t.Helper()
	if !domain.IsKind(err, k) {
		t.Fatalf("got error %v (kind %s), want kind %s", err, domain.KindOf(err), k)
	}
}

// RunSteward runs the Steward contract suite.
func RunSteward(t *testing.T, newHarness func(t *testing.T) StewardHarness) {
	t.Run("agent_lookup", func(t *testing.T) {
		h := newHarness(t)
		ctx := stewardCtx(t)
		if err := h.Agents.Health(ctx); err != nil {
			t.Fatalf("health: %v", err)
		}
		a, err := h.Agents.Agent(ctx, h.AgentID)
		if err != nil {
			t.Fatal(err)
		}
		if a.ID != h.AgentID || a.EVMAddress == "" {
			t.Errorf("agent = %+v", a)
		}
		_, err = h.Agents.Agent(ctx, "no-such-agent")
		wantStewardKind(t, err, domain.KindNotFound)
	})

	t.Run("create_agent_once", func(t *testing.T) {
		h := newHarness(t)
		ctx := stewardCtx(t)
		newID := h.AgentID + "-new"
		a, err := h.Agents.CreateAgent(ctx, newID, "New agent")
		if err != nil {
			t.Fatal(err)
		}
		if a.ID != newID || a.EVMAddress == "" || a.SolanaAddress == "" {
			t.Errorf("created %+v", a)
		}
		got, err := h.Agents.Agent(ctx, newID)
		if err != nil || got.EVMAddress != a.EVMAddress {
			t.Errorf("lookup after create: %+v, %v", got, err)
		}
		_, err = h.Agents.CreateAgent(ctx, newID, "again")
		wantStewardKind(t, err, domain.KindConflict)
	})

	t.Run("policies_replace_and_read_back", func(t *testing.T) {
		h := newHarness(t)
		ctx := stewardCtx(t)
		got, err := h.Policies.Policies(ctx, h.AgentID)
		if err != nil || len(got) != 0 {
			t.Fatalf("initial policies %+v, %v", got, err)
		}
		in := mustStewardRules(t, stewardHoldTenthDenyOne)
		in[0].ID = "client-chosen"
		stored, err := h.Policies.SetPolicies(ctx, h.AgentID, in)
		if err != nil {
			t.Fatal(err)
		}
		if len(stored) != 2 || stored[0].Type != domain.PolicyAutoApproveThreshold || stored[1].Type != domain.PolicySpendingLimit {
			t.Fatalf("stored %+v", stored)
		}
		if stored[0].ID == "" || stored[0].ID == "client-chosen" {
			t.Errorf("stored id %q: the store must assign ids", stored[0].ID)
		}
		read, err := h.Policies.Policies(ctx, h.AgentID)
		if err != nil || len(read) != 2 || read[0].ID != stored[0].ID {
			t.Fatalf("read back %+v, %v", read, err)
		}
		var cfg map[string]string
		if err := json.Unmarshal(read[0].Config, &cfg); err != nil || cfg["threshold"] != stewardTenthWei {
			t.Errorf("config read back %s (%v)", read[0].Config, err)
		}
		bad := []domain.PolicyRule{{Type: domain.PolicySpendingLimit, Enabled: true, Config: json.RawMessage(`{"maxPerTransaction":"1"}`)}}
		_, err = h.Policies.SetPolicies(ctx, h.AgentID, bad)
		wantStewardKind(t, err, domain.KindInvalid)
		if read, _ := h.Policies.Policies(ctx, h.AgentID); len(read) != 2 {
			t.Errorf("a refused set changed the stored one: %+v", read)
		}
	})

	t.Run("empty_policy_set_denies", func(t *testing.T) {
		h := newHarness(t)
		_, err := h.Signer.Sign(stewardCtx(t), h.AgentID, domain.StewardSignRequest{To: stewardRecipient, Value: big.NewInt(1), ChainID: h.ChainID})
		wantStewardKind(t, err, domain.KindPolicyDenied)
		if domain.CodeOf(err) != "STEWARD_POLICY_REJECTED" {
			t.Errorf("code %s", domain.CodeOf(err))
		}
		if _, ok := domain.PolicyRejectionOf(err); !ok {
			t.Error("rejection carries no results")
		}
	})

	t.Run("three_transfers_three_outcomes", func(t *testing.T) {
		h := newHarness(t)
		ctx := stewardCtx(t)
		if _, err := h.Policies.SetPolicies(ctx, h.AgentID, mustStewardRules(t, stewardHoldTenthDenyOne)); err != nil {
			t.Fatal(err)
		}
		sign := func(amount string) (domain.StewardSignResult, error) {
			return h.Signer.Sign(ctx, h.AgentID, domain.StewardSignRequest{To: stewardRecipient, Value: mustStewardWei(t, amount), ChainID: h.ChainID})
		}
		ok, err := sign("0.05")
		if err != nil || ok.Status != domain.StewardSigned || ok.TxHash == "" {
			t.Fatalf("0.05: %+v, %v; want signed with a hash", ok, err)
		}
		held, err := sign("0.5")
		if err != nil || held.Status != domain.StewardPendingApproval || held.TxID == "" {
			t.Fatalf("0.5: %+v, %v; want pending_approval", held, err)
		}
		outcomes := func(rs []domain.PolicyResult) []domain.PolicyOutcome {
			var out []domain.PolicyOutcome
			for _, r := range rs {
				out = append(out, r.Outcome())
			}
			return out
		}
		if got := outcomes(held.Results); len(got) != 2 || got[0] != domain.PolicyPending || got[1] != domain.PolicyPassed {
			t.Errorf("held results %v", got)
		}
		_, err = sign("2")
		wantStewardKind(t, err, domain.KindPolicyDenied)
		rej, _ := domain.PolicyRejectionOf(err)
		if rej == nil || len(rej.Results) != 2 || rej.Results[1].Outcome() != domain.PolicyDenied || rej.Results[1].Reason == "" {
			t.Errorf("rejection %+v", rej)
		}

		pending, err := h.Approvals.Pending(ctx, h.AgentID, domain.StewardPage{})
		if err != nil || len(pending) != 1 {
			t.Fatalf("pending %+v, %v", pending, err)
		}
		p := pending[0]
		if p.Tx.ID != held.TxID || p.Tx.Status != domain.StewardTxPending || p.Tx.Value.Cmp(mustStewardWei(t, "0.5")) != 0 || len(p.Tx.PolicyResults) != 2 {
			t.Errorf("pending entry %+v", p)
		}

		approved, err := h.Approvals.Approve(ctx, h.AgentID, held.TxID)
		if err != nil || approved.TxHash == "" {
			t.Fatalf("approve: %+v, %v", approved, err)
		}
		_, err = h.Approvals.Approve(ctx, h.AgentID, held.TxID)
		wantStewardKind(t, err, domain.KindConflict)
		if pending, _ := h.Approvals.Pending(ctx, h.AgentID, domain.StewardPage{}); len(pending) != 0 {
			t.Errorf("queue after approval: %+v", pending)
		}

		hist, err := h.History.History(ctx, h.AgentID, domain.StewardPage{})
		if err != nil || len(hist) != 3 {
			t.Fatalf("history %+v, %v", hist, err)
		}
		wantStatus := []domain.StewardTxStatus{domain.StewardTxRejected, domain.StewardTxBroadcast, domain.StewardTxBroadcast}
		for i, rec := range hist {
			if rec.Status != wantStatus[i] {
				t.Errorf("history[%d] status %s, want %s (newest first)", i, rec.Status, wantStatus[i])
			}
		}
		if page, _ := h.History.History(ctx, h.AgentID, domain.StewardPage{Limit: 1, Offset: 1}); len(page) != 1 || page[0].ID != hist[1].ID {
			t.Errorf("history page 2 of size 1: %+v", page)
		}
	})

	t.Run("deny_leaves_nothing_sent", func(t *testing.T) {
		h := newHarness(t)
		ctx := stewardCtx(t)
		if _, err := h.Policies.SetPolicies(ctx, h.AgentID, mustStewardRules(t, stewardHoldTenthDenyOne)); err != nil {
			t.Fatal(err)
		}
		held, err := h.Signer.Sign(ctx, h.AgentID, domain.StewardSignRequest{To: stewardRecipient, Value: mustStewardWei(t, "0.2"), ChainID: h.ChainID})
		if err != nil || held.Status != domain.StewardPendingApproval {
			t.Fatalf("sign: %+v, %v", held, err)
		}
		if err := h.Approvals.Deny(ctx, h.AgentID, held.TxID, "too much"); err != nil {
			t.Fatal(err)
		}
		wantStewardKind(t, h.Approvals.Deny(ctx, h.AgentID, held.TxID, ""), domain.KindConflict)
		_, err = h.Approvals.Approve(ctx, h.AgentID, held.TxID)
		wantStewardKind(t, err, domain.KindConflict)
		wantStewardKind(t, h.Approvals.Deny(ctx, h.AgentID, "00000000-0000-0000-0000-000000000000", ""), domain.KindNotFound)
		hist, err := h.History.History(ctx, h.AgentID, domain.StewardPage{})
		if err != nil || len(hist) != 1 || hist[0].Status != domain.StewardTxRejected || hist[0].TxHash != "" {
			t.Errorf("history after deny: %+v, %v", hist, err)
		}
	})

	t.Run("unknown_agent_has_empty_queue", func(t *testing.T) {
		h := newHarness(t)
		got, err := h.Approvals.Pending(stewardCtx(t), "no-such-agent", domain.StewardPage{})
		if err != nil || len(got) != 0 {
			t.Errorf("pending of unknown agent: %+v, %v", got, err)
		}
	})

	t.Run("cancelled_context_returns_promptly", func(t *testing.T) {
		h := newHarness(t)
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_, err := h.Agents.Agent(ctx, h.AgentID)
		if !errors.Is(err, context.Canceled) {
			t.Errorf("got %v, want context.Canceled in the chain", err)
		}
		_, err = h.Signer.Sign(ctx, h.AgentID, domain.StewardSignRequest{To: stewardRecipient, Value: big.NewInt(1), ChainID: h.ChainID})
		if !errors.Is(err, context.Canceled) {
			t.Errorf("sign: got %v, want context.Canceled in the chain", err)
		}
	})
}
