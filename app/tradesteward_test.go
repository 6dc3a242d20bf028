package app_test

import (
	"context"
	"math/big"
	"testing"
	"time"

	"go.uber.org/mock/gomock"

	"github.com/agentwallet/agentwallet/app"
	"github.com/agentwallet/agentwallet/domain"
	"github.com/agentwallet/agentwallet/mocks"
	"github.com/agentwallet/agentwallet/ports"
)

// bridgeMocks are the Steward-side mocks of a Trading wired to a bridge.
type bridgeMocks struct {
	signer   *mocks.MockStewardSigner
	local    *mocks.MockLocalPolicies
	localTxs *mocks.MockLocalApprovals
}

// newTradingWithBridge wires Trading to a Steward bridge: configured (Steward
// signs) or not (the local policy engine gates local sends).
func newTradingWithBridge(t *testing.T, stewardConfigured bool) (*app.Trading, tradingMocks, bridgeMocks) {
	tr, m := newTrading(t, "manual-local-key")
	ctrl := gomock.NewController(t)
	b := bridgeMocks{signer: mocks.NewMockStewardSigner(ctrl), local: mocks.NewMockLocalPolicies(ctrl), localTxs: mocks.NewMockLocalApprovals(ctrl)}
	clock := mocks.NewMockClock(ctrl)
	clock.EXPECT().Now().Return(tNow).AnyTimes()
	cfg := app.StewardSettings{ChainID: 56}
	var remote app.StewardPorts
	if stewardConfigured {
		cfg.BaseURL, cfg.AgentID = "https://steward.example", "agent-1"
		remote = app.StewardPorts{Agents: mocks.NewMockStewardAgents(ctrl), Signer: b.signer, Approvals: mocks.NewMockStewardApprovals(ctrl),
			Policies: mocks.NewMockStewardPolicies(ctrl), History: mocks.NewMockStewardHistory(ctrl)}
	}
	s := app.NewSteward(cfg, app.StewardDeps{Remote: remote, Keys: m.keys, Settings: m.settings, LocalPolicies: b.local, LocalTxs: b.localTxs, Clock: clock})
	tr.UseSteward(s)
	m.expectBuyQuote()
	m.settings.EXPECT().Setting(gomock.Any(), app.SettingTradePermissionMode).Return("", false, nil).AnyTimes()
	return tr, m, b
}

func (b bridgeMocks) withLocalRules(t *testing.T, rules string) {
	t.Helper()
	parsed, err := domain.ParsePolicyRules([]byte(rules))
	if err != nil {
		t.Fatal(err)
	}
	b.local.EXPECT().LocalPolicies(gomock.Any()).Return(parsed, nil).AnyTimes()
}

// buyOf is a confirmed buy of amount BNB.
func buyOf(amount string) app.ExecuteInput {
	in := buyInput(true, false)
	in.Amount = amount
	return in
}

func TestStewardHeldTradeIsNeverSignedLocally(t *testing.T) {
	tr, _, b := newTradingWithBridge(t, true)
	b.signer.EXPECT().Sign(gomock.Any(), "agent-1", gomock.Cond(func(r domain.StewardSignRequest) bool {
		return r.ChainID == 56 && r.To == tRouter && r.Value.Cmp(big.NewInt(1e17)) == 0 && len(r.Data) > 0
	})).Return(domain.StewardSignResult{Status: domain.StewardPendingApproval, TxID: "tx-1",
		Results: []domain.PolicyResult{{Type: domain.PolicyAutoApproveThreshold, Reason: "above"}}}, nil)
	// No EXPECT on the local signer, sender.Submit or the ledger: any call fails the test.
	res, err := tr.Execute(context.Background(), buyOf("0.1"))
	if err != nil {
		t.Fatal(err)
	}
	if res.Executed || res.Mode != "steward" || res.Execution == nil || res.Execution.Status != "pending_approval" || res.Execution.TxID != "tx-1" {
		t.Fatalf("result %+v / %+v", res, res.Execution)
	}
}

func TestStewardRejectedTradeIsNeverSignedLocally(t *testing.T) {
	tr, _, b := newTradingWithBridge(t, true)
	rej := &domain.PolicyRejection{Results: []domain.PolicyResult{{Type: domain.PolicySpendingLimit, Reason: "too big"}}}
	b.signer.EXPECT().Sign(gomock.Any(), "agent-1", gomock.Any()).Return(domain.StewardSignResult{}, domain.ErrPolicyRejected("Transaction rejected by policy", rej))
	_, err := tr.Execute(context.Background(), buyOf("0.1"))
	if got, ok := domain.PolicyRejectionOf(err); !ok || got.Results[0].Reason != "too big" {
		t.Fatalf("got %v", err)
	}
}

func TestStewardSignedTradeIsLedgeredWithoutNonce(t *testing.T) {
	tr, m, b := newTradingWithBridge(t, true)
	b.signer.EXPECT().Sign(gomock.Any(), "agent-1", gomock.Any()).Return(domain.StewardSignResult{Status: domain.StewardSigned, TxHash: "0xabc"}, nil)
	m.ledger.EXPECT().AppendLedger(gomock.Any(), gomock.Any()).Return(nil)
	res, err := tr.Execute(context.Background(), buyOf("0.1"))
	if err != nil || !res.Executed || res.Mode != "steward" || res.Execution.Hash != "0xabc" || !res.Execution.NonceUnknown {
		t.Fatalf("got %+v / %+v, %v", res, res.Execution, err)
	}
}

// The mock router's buy swap sends 0.1 BNB.
const (
	holdAboveHundredth  = `[{"type":"auto-approve-threshold","enabled":true,"config":{"threshold":"10000000000000000"}}]`
	denyAboveHundredth  = `[{"type":"spending-limit","enabled":true,"config":{"maxPerTx":"10000000000000000"}}]`
	allowAboveHundredth = `[{"type":"spending-limit","enabled":true,"config":{"maxPerTx":"1000000000000000000"}}]`
)

func TestLocallyHeldOrRejectedTradeIsNeverSigned(t *testing.T) {
	for _, tc := range []struct {
		name   string
		rules  string
		status domain.StewardTxStatus
	}{{"held", holdAboveHundredth, domain.StewardTxPending}, {"rejected", denyAboveHundredth, domain.StewardTxRejected}} {
		t.Run(tc.name, func(t *testing.T) {
			tr, m, b := newTradingWithBridge(t, false)
			b.withLocalRules(t, tc.rules)
			m.ledger.EXPECT().LedgerEntries(gomock.Any()).Return(nil, nil)
			b.localTxs.EXPECT().LocalTxs(gomock.Any(), domain.StewardTxBroadcast, gomock.Any()).Return(nil, nil)
			b.localTxs.EXPECT().RecordLocalTx(gomock.Any(), gomock.Cond(func(r domain.StewardTxRecord) bool {
				return r.Status == tc.status && r.To == tRouter && r.Value.Cmp(big.NewInt(1e17)) == 0
			})).DoAndReturn(func(_ context.Context, r domain.StewardTxRecord) (domain.StewardTxRecord, error) {
				r.ID = "local-1"
				return r, nil
			})
			// No EXPECT on the signer, sender.Submit or AppendLedger: any call fails the test.
			res, err := tr.Execute(context.Background(), buyOf("0.1"))
			if tc.status == domain.StewardTxPending {
				if err != nil || res.Executed || res.Mode != "local" || res.Execution.Status != "pending_approval" || res.Execution.TxID != "local-1" {
					t.Fatalf("got %+v, %v", res, err)
				}
				return
			}
			if _, ok := domain.PolicyRejectionOf(err); !ok {
				t.Fatalf("got %v, want a policy rejection", err)
			}
		})
	}
}

func TestLocallyAllowedTradeIsSent(t *testing.T) {
	tr, m, b := newTradingWithBridge(t, false)
	b.withLocalRules(t, allowAboveHundredth)
	m.ledger.EXPECT().LedgerEntries(gomock.Any()).Return(nil, nil)
	b.localTxs.EXPECT().LocalTxs(gomock.Any(), domain.StewardTxBroadcast, gomock.Any()).Return(nil, nil)
	m.sender.EXPECT().Submit(gomock.Any(), gomock.Any(), gomock.Any()).Return(domain.SentTx{Hash: "0x1", Nonce: 7, Value: big.NewInt(1e17)}, nil)
	m.ledger.EXPECT().AppendLedger(gomock.Any(), gomock.Any()).Return(nil)
	res, err := tr.Execute(context.Background(), buyOf("0.1"))
	if err != nil || !res.Executed || res.Mode != "local" || res.Execution.Nonce != 7 || res.Execution.NonceUnknown {
		t.Fatalf("got %+v, %v", res, err)
	}
}

// TestHeldSellApprovalStopsTheSell pins the reference's sell flow: when a
// policy holds the token approval, the swap is never signed and the result
// says the approval is pending.
func TestHeldSellApprovalStopsTheSell(t *testing.T) {
	tr, m, b := newTradingWithBridge(t, true)
	tokens := new(big.Int).Mul(big.NewInt(5), big.NewInt(1e18))
	m.erc20.EXPECT().TokenBalance(gomock.Any(), tToken, tWallet).Return(tokens, nil).AnyTimes()
	m.router.EXPECT().AmountsOut(gomock.Any(), gomock.Any(), []string{tToken, tWBNB}).Return([]*big.Int{tokens, big.NewInt(1e16)}, nil).AnyTimes()
	m.erc20.EXPECT().Allowance(gomock.Any(), tToken, tWallet, tRouter).Return(big.NewInt(0), nil)
	m.erc20.EXPECT().ApproveCall(tToken, tRouter, gomock.Any()).Return(domain.EVMCall{To: tToken, Data: []byte{0x09, 0x5e, 0xa7, 0xb3}, Value: big.NewInt(0)}, nil)
	b.signer.EXPECT().Sign(gomock.Any(), "agent-1", gomock.Cond(func(r domain.StewardSignRequest) bool { return r.To == tToken })).
		Return(domain.StewardSignResult{Status: domain.StewardPendingApproval, TxID: "approve-1"}, nil)
	// Exactly one Sign (the approval): signing the swap would fail the test.
	in := buyOf("5")
	in.Side = "sell"
	res, err := tr.Execute(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	if res.Executed || res.Execution != nil || res.Approval == nil || res.Approval.Status != "pending_approval" || res.Approval.TxID != "approve-1" {
		t.Fatalf("got %+v (approval %+v)", res, res.Approval)
	}
}

// TestApprovedHoldForAnotherChainIsNeverSent pins that a local hold recorded
// on one network (say testnet) and approved after the daemon was restarted
// on another is refused, not signed for the chain it was never meant for.
func TestApprovedHoldForAnotherChainIsNeverSent(t *testing.T) {
	tr, _, _ := newTradingWithBridge(t, false)
	rec := domain.StewardTxRecord{ID: "tx-1", To: tToken, Value: big.NewInt(1e17), ChainID: 97}
	if _, err := tr.ExecuteApproved(context.Background(), rec); domain.KindOf(err) != domain.KindConflict {
		t.Fatalf("ExecuteApproved on chain 56 of a chain-97 hold: err = %v, want a conflict", err)
	}
}

// TestApprovedHeldBuyCountsTowardSpendingLimit pins that a held buy a person
// approved (sent from the hold queue, so absent from the ledger) still
// counts toward the local daily spending limit.
func TestApprovedHeldBuyCountsTowardSpendingLimit(t *testing.T) {
	tr, m, b := newTradingWithBridge(t, false)
	b.withLocalRules(t, `[{"type":"spending-limit","enabled":true,"config":{"maxPerDay":"1000000000000000000"}}]`)
	m.ledger.EXPECT().LedgerEntries(gomock.Any()).Return(nil, nil)
	approved := domain.StewardTxRecord{ID: "local-0", Status: domain.StewardTxBroadcast, To: tRouter, Value: big.NewInt(95e16),
		Data: []byte{0xb6, 0xf9, 0xde, 0x95}, ChainID: 56, CreatedAt: tNow.Add(-2 * time.Hour), SignedAt: tNow.Add(-time.Hour)}
	b.localTxs.EXPECT().LocalTxs(gomock.Any(), domain.StewardTxBroadcast, gomock.Any()).Return([]domain.StewardTxRecord{approved}, nil)
	b.localTxs.EXPECT().RecordLocalTx(gomock.Any(), gomock.Any()).DoAndReturn(func(_ context.Context, r domain.StewardTxRecord) (domain.StewardTxRecord, error) {
		r.ID = "local-1"
		return r, nil
	})
	// No EXPECT on sender.Submit: 0.95 BNB approved earlier plus 0.1 now exceeds 1 BNB a day.
	if _, err := tr.Execute(context.Background(), buyOf("0.1")); !domain.IsKind(err, domain.KindPolicyDenied) {
		t.Fatalf("err = %v, want a policy rejection", err)
	}
}

// TestApprovedHeldSwapKeepsTheSwapGasFloor pins that a held swap sent after
// approval gets the same gas floor as a swap sent at once: estimates for a
// pair's first swap in a block run low.
func TestApprovedHeldSwapKeepsTheSwapGasFloor(t *testing.T) {
	tr, m, _ := newTradingWithBridge(t, false)
	rec := domain.StewardTxRecord{ID: "tx-1", To: tRouter, Value: big.NewInt(1e17), Data: []byte{0xb6, 0xf9, 0xde, 0x95}, ChainID: 56}
	m.sender.EXPECT().Submit(gomock.Any(), gomock.Any(), gomock.Any()).DoAndReturn(func(_ context.Context, req domain.EVMTxRequest, _ ports.SignEVMTxFunc) (domain.SentTx, error) {
		if req.MinGas < 250_000 {
			t.Errorf("MinGas = %d, want the swap floor", req.MinGas)
		}
		return domain.SentTx{Hash: "0x1", Value: req.Call.Value}, nil
	})
	if _, err := tr.ExecuteApproved(context.Background(), rec); err != nil {
		t.Fatal(err)
	}
}
