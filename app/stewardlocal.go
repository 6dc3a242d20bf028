package app

import (
	"context"

	"github.com/agentwallet/agentwallet/domain"
)

// localAgentID names the agent of locally held transactions.
const localAgentID = "local"

// LocalExecutor signs and sends a transaction the local policy engine held,
// once a person approved it. Trade and transfer execution provide it.
type LocalExecutor interface {
	// ExecuteApproved signs rec's call (To, Value, Data on ChainID) with the
	// local key, broadcasts it, and returns the transaction hash.
	ExecuteApproved(ctx context.Context, rec domain.StewardTxRecord) (txHash string, err error)
}

// SetLocalExecutor registers how approved local holds are executed; call it
// while wiring, before serving. Until one is registered, approving a local
// hold answers 503.
func (s *Steward) SetLocalExecutor(e LocalExecutor) { s.executor = e }

// LocalGate is the local policy engine's answer for one execution.
type LocalGate struct {
	Applies bool                   // false: no local rule is set, the permission mode alone decides
	Verdict domain.PolicyVerdict   // approved or pending_approval (a rejection is an error)
	Results []domain.PolicyResult  // every rule's result
	Held    domain.StewardTxRecord // the queued record when Verdict is pending_approval
}

// GateLocal runs a local-key execution through the local policy engine
// before anything is signed. An approved request may be signed at once; a
// held one is queued for steward-approve-tx and must not be signed now; a
// rejected one is recorded and returned as a 403 STEWARD_POLICY_REJECTED
// error carrying the results. spends are the past executions (from the
// ledger) that count against limits.
func (s *Steward) GateLocal(ctx context.Context, req domain.StewardSignRequest, spends []domain.PolicySpend) (LocalGate, error) {
	if req.ChainID == 0 {
		req.ChainID = s.cfg.ChainID
	}
	dec, applies, err := s.LocalDecision(ctx, domain.PolicyRequest{To: req.To, Value: req.Value, Network: domain.EVMNetwork(req.ChainID)}, spends)
	if err != nil || !applies {
		return LocalGate{}, err
	}
	gate := LocalGate{Applies: true, Verdict: dec.Verdict, Results: dec.Results}
	if dec.Verdict == domain.PolicyApprove {
		return gate, nil
	}
	status := domain.StewardTxPending
	if dec.Verdict == domain.PolicyReject {
		status = domain.StewardTxRejected
	}
	rec, err := s.localTxs.RecordLocalTx(ctx, domain.StewardTxRecord{
		AgentID: localAgentID, Status: status, To: req.To, Value: req.Value, Data: req.Data,
		ChainID: req.ChainID, PolicyResults: dec.Results, CreatedAt: s.clock.Now(),
	})
	if err != nil {
		return LocalGate{}, err
	}
	if status == domain.StewardTxRejected {
		s.log.InfoContext(ctx, "local policy rejected a transaction", "txId", rec.ID)
		return LocalGate{}, domain.ErrPolicyRejected("Policy rejected", &domain.PolicyRejection{TxID: rec.ID, Results: dec.Results})
	}
	s.log.InfoContext(ctx, "local policy held a transaction", "txId", rec.ID)
	gate.Held = rec
	return gate, nil
}

func (s *Steward) localPending(ctx context.Context, page domain.StewardPage) ([]domain.StewardApproval, error) {
	recs, err := s.localTxs.LocalTxs(ctx, domain.StewardTxPending, page)
	if err != nil {
		return nil, err
	}
	out := make([]domain.StewardApproval, len(recs))
	for i, r := range recs {
		out[i] = domain.StewardApproval{QueueID: r.ID, Status: "pending", RequestedAt: r.CreatedAt, Tx: r}
	}
	return out, nil
}

var errNoLocalExecutor = domain.Errorf(domain.KindUnavailable,
	"local execution of approved transactions is not available in this build").WithCode("FEATURE_DISABLED")

// localApprove claims the held record (so two approvals cannot both send
// it), executes it, and records the outcome.
func (s *Steward) localApprove(ctx context.Context, txID string) (domain.StewardApproveResult, error) {
	if s.executor == nil {
		return domain.StewardApproveResult{}, errNoLocalExecutor
	}
	rec, err := s.localTxs.TransitionLocalTx(ctx, txID, domain.StewardTxPending, domain.StewardTxApproved, "", s.clock.Now())
	if err != nil {
		return domain.StewardApproveResult{}, err
	}
	hash, execErr := s.executor.ExecuteApproved(ctx, rec)
	if execErr != nil {
		// The claim stays: a failed send is recorded, never retried silently.
		if _, err := s.localTxs.TransitionLocalTx(context.WithoutCancel(ctx), txID, domain.StewardTxApproved, domain.StewardTxFailed, "", s.clock.Now()); err != nil {
			s.log.ErrorContext(ctx, "record failed local execution", "txId", txID, "err", err.Error())
		}
		return domain.StewardApproveResult{}, execErr
	}
	if _, err := s.localTxs.TransitionLocalTx(context.WithoutCancel(ctx), txID, domain.StewardTxApproved, domain.StewardTxBroadcast, hash, s.clock.Now()); err != nil {
		return domain.StewardApproveResult{}, err
	}
	s.log.InfoContext(ctx, "local hold approved and sent", "txId", txID, "hash", hash)
	return domain.StewardApproveResult{TxID: txID, TxHash: hash}, nil
}

func (s *Steward) localDeny(ctx context.Context, txID string) error {
	if _, err := s.localTxs.TransitionLocalTx(ctx, txID, domain.StewardTxPending, domain.StewardTxRejected, "", s.clock.Now()); err != nil {
		return err
	}
	s.log.InfoContext(ctx, "local hold denied", "txId", txID)
	return nil
}
