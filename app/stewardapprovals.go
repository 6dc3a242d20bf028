package app

import (
	"context"
	"strings"

	"github.com/agentwallet/agentwallet/domain"
)

var errTxIDRequired = domain.Errorf(domain.KindInvalid, "txId is required").WithCode("INVALID_REQUEST")

// StewardPending lists transactions held for approval, newest first: by
// Steward, or by the local policy engine when Steward is not configured.
func (s *Steward) StewardPending(ctx context.Context, page domain.StewardPage) ([]domain.StewardApproval, error) {
	if !s.Configured() {
		return s.localPending(ctx, page)
	}
	id, err := s.requireAgent(ctx)
	if err != nil {
		return nil, err
	}
	return s.remote.Approvals.Pending(ctx, id, page)
}

// StewardApprove approves a held transaction; Steward (or, for a local
// hold, the local key) signs and sends it.
func (s *Steward) StewardApprove(ctx context.Context, txID string) (domain.StewardApproveResult, error) {
	txID = strings.TrimSpace(txID)
	if txID == "" {
		return domain.StewardApproveResult{}, errTxIDRequired
	}
	if !s.Configured() {
		return s.localApprove(ctx, txID)
	}
	id, err := s.requireAgent(ctx)
	if err != nil {
		return domain.StewardApproveResult{}, err
	}
	res, err := s.remote.Approvals.Approve(ctx, id, txID)
	if err != nil {
		return domain.StewardApproveResult{}, err
	}
	s.log.InfoContext(ctx, "steward transaction approved", "agent", id, "txId", txID, "hash", res.TxHash)
	return res, nil
}

// StewardDeny rejects a held transaction; nothing is signed.
func (s *Steward) StewardDeny(ctx context.Context, txID, reason string) error {
	txID = strings.TrimSpace(txID)
	if txID == "" {
		return errTxIDRequired
	}
	if !s.Configured() {
		return s.localDeny(ctx, txID)
	}
	id, err := s.requireAgent(ctx)
	if err != nil {
		return err
	}
	if err := s.remote.Approvals.Deny(ctx, id, txID, strings.TrimSpace(reason)); err != nil {
		return err
	}
	s.log.InfoContext(ctx, "steward transaction denied", "agent", id, "txId", txID)
	return nil
}
