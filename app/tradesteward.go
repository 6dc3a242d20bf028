package app

import (
	"context"
	"math/big"
	"time"

	"github.com/agentwallet/agentwallet/domain"
)

// UseSteward routes confirmed trades and transfers through the Steward
// bridge: Steward signs when it is configured; otherwise the local policy
// engine gates local-key executions (once an operator enabled a rule) and
// approved local holds are sent by t.
func (t *Trading) UseSteward(s *Steward) {
	t.steward = s
	s.SetLocalExecutor(t)
}

// signingMode names who signs confirmed executions, for the response's mode.
func (t *Trading) signingMode() string {
	if t.steward.Configured() {
		return "steward"
	}
	return "local"
}

// policyKey derives the Steward Idempotency-Key of one step of a request
// from the caller's Idempotency-Key, so a retried request can never make
// Steward sign twice. Empty when the caller sent none.
func policyKey(key, step string) string {
	if key == "" {
		return ""
	}
	return key + ":" + step
}

// send signs and broadcasts call: through Steward when it is configured,
// else with the local key after the local policy engine allowed it. held is
// non-nil (and nothing was sent) when a policy holds the transaction for
// approval; a policy rejection is a KindPolicyDenied error carrying the rule
// results.
func (t *Trading) send(ctx context.Context, from string, call domain.EVMCall, minGas uint64, idemKey, description string) (sent domain.SentTx, held *Execution, err error) {
	req := domain.StewardSignRequest{To: call.To, Value: call.Value, Data: call.Data, ChainID: t.policy.ChainID,
		Description: description, IdempotencyKey: idemKey}
	if t.steward.Configured() {
		markBroadcast(ctx)
		res, err := t.steward.Sign(ctx, req)
		if err != nil {
			return domain.SentTx{}, nil, err
		}
		switch res.Status {
		case domain.StewardPendingApproval:
			return domain.SentTx{}, &Execution{Status: string(domain.StewardPendingApproval), PolicyResults: res.Results, TxID: res.TxID}, nil
		case domain.StewardSigned, domain.StewardOutcomeUnknown:
			if res.TxHash == "" {
				return domain.SentTx{}, nil, domain.Errorf(domain.KindUpstream, "Steward signed without broadcasting").WithCode("STEWARD_UPSTREAM_ERROR")
			}
			return domain.SentTx{Hash: res.TxHash, Value: valueOf(call.Value)}, nil, nil
		}
		return domain.SentTx{}, nil, domain.Errorf(domain.KindUpstream, "Steward answered %q", res.Status).WithCode("STEWARD_UPSTREAM_ERROR")
	}
	if t.steward != nil {
		spends, err := t.policySpends(ctx)
		if err != nil {
			return domain.SentTx{}, nil, err
		}
		gate, err := t.steward.GateLocal(ctx, req, spends)
		if err != nil {
			return domain.SentTx{}, nil, err
		}
		if gate.Applies && gate.Verdict == domain.PolicyHold {
			return domain.SentTx{}, &Execution{Status: string(domain.StewardPendingApproval), PolicyResults: gate.Results, TxID: gate.Held.ID}, nil
		}
	}
	markBroadcast(ctx)
	sent, err = t.chain.Sender.Submit(ctx, domain.EVMTxRequest{From: from, Call: call, MinGas: minGas}, t.signer.SignEVMTx)
	return sent, nil, err
}

func valueOf(v *big.Int) *big.Int {
	if v == nil {
		return new(big.Int)
	}
	return v
}

// policySpendWindow is how far back the ledger feeds spending and rate
// limits: the longest window a rule counts over.
const policySpendWindow = 7 * 24 * time.Hour

// policySpends lists the ledger's recent executions for the local policy
// engine: every one counts toward rate limits, and the native value that
// left the wallet (BNB of a buy or a BNB transfer) toward spending limits.
func (t *Trading) policySpends(ctx context.Context) ([]domain.PolicySpend, error) {
	entries, err := t.ledger.LedgerEntries(ctx)
	if err != nil {
		return nil, err
	}
	since := t.clock.Now().Add(-policySpendWindow)
	network := domain.EVMNetwork(t.policy.ChainID)
	var out []domain.PolicySpend
	for _, e := range entries {
		if e.CreatedAt.Before(since) || e.Status() == domain.TxReverted {
			continue
		}
		var value *big.Int
		if e.In.Symbol == "BNB" && e.TokenAddress == "" || e.Kind == domain.LedgerSwap && e.Side == domain.SideBuy {
			value = e.In.Units
		}
		out = append(out, domain.PolicySpend{At: e.CreatedAt, Network: network, Value: value})
	}
	approved, err := t.approvedHoldSpends(ctx, since, network)
	if err != nil {
		return nil, err
	}
	return append(out, approved...), nil
}

// approvedHoldSpends lists the local holds a person approved and the daemon
// sent since since. Approved native transfers are in the ledger already;
// approved contract calls (a held buy, approval or token transfer) are not,
// yet they spent and count toward rate limits. Records come newest first by
// hold time; paging stops once a whole page was held before the window
// (plus its own length again, for holds approved late).
func (t *Trading) approvedHoldSpends(ctx context.Context, since time.Time, network string) ([]domain.PolicySpend, error) {
	var out []domain.PolicySpend
	oldest := since.Add(-policySpendWindow)
	page := domain.StewardPage{Limit: domain.MaxStewardPageLimit}
	for {
		recs, err := t.steward.localTxs.LocalTxs(ctx, domain.StewardTxBroadcast, page)
		if err != nil {
			return nil, err
		}
		for _, r := range recs {
			if len(r.Data) == 0 || r.SignedAt.Before(since) {
				continue
			}
			out = append(out, domain.PolicySpend{At: r.SignedAt, Network: domain.EVMNetwork(r.ChainID), Value: r.Value})
		}
		if len(recs) < page.Limit || recs[len(recs)-1].CreatedAt.Before(oldest) || page.Offset+page.Limit > domain.MaxStewardPageOffset {
			return out, nil
		}
		page.Offset += page.Limit
	}
}

// ExecuteApproved sends a transaction the local policy engine held, once a
// person approved it through steward-approve-tx. A native transfer is added
// to the ledger; a held swap or approval is only sent (its quote is gone).
func (t *Trading) ExecuteApproved(ctx context.Context, rec domain.StewardTxRecord) (string, error) {
	if rec.ChainID != 0 && rec.ChainID != t.policy.ChainID {
		// Held on another network (the daemon restarted since): signing it
		// here would send the same value on a chain it was never meant for.
		return "", domain.Errorf(domain.KindConflict, "this transaction was held on chain %d; the daemon now runs on chain %d",
			rec.ChainID, t.policy.ChainID).WithCode("CHAIN_MISMATCH")
	}
	from, local, err := t.evmWallet(ctx)
	if err != nil {
		return "", err
	}
	if !local {
		return "", domain.Errorf(domain.KindConflict, "the local EVM key that was to sign this transaction is gone").WithCode("NO_WALLET")
	}
	call := domain.EVMCall{To: rec.To, Data: rec.Data, Value: valueOf(rec.Value)}
	var minGas uint64
	if len(rec.Data) > 0 && domain.SameEVMAddress(rec.To, t.chain.Router.RouterAddress()) {
		minGas = swapMinGas // a held swap: same floor as one sent at once
	}
	sent, err := t.chain.Sender.Submit(ctx, domain.EVMTxRequest{From: from, Call: call, MinGas: minGas}, t.signer.SignEVMTx)
	if err != nil {
		return "", err
	}
	if len(rec.Data) == 0 {
		amount := domain.AssetAmount{Symbol: "BNB", Decimals: 18, Units: call.Value}
		t.appendLedger(ctx, domain.LedgerRecord{
			Hash: sent.Hash, Kind: domain.LedgerTransfer, CreatedAt: t.clock.Now(), Source: domain.SourceManual,
			In: amount, Out: amount, Nonce: sent.Nonce, ExplorerURL: t.TxURL(sent.Hash),
		})
	}
	return sent.Hash, nil
}
