package app

import (
	"context"
	"strings"
	"time"

	"github.com/agentwallet/agentwallet/domain"
)

// TxStatus reads a transaction's state from the chain and brings its ledger
// entry, if any, up to date.
func (t *Trading) TxStatus(ctx context.Context, hash string) (domain.TxState, error) {
	if strings.TrimSpace(hash) == "" {
		return domain.TxState{}, domain.Errorf(domain.KindInvalid, "hash is required")
	}
	st, err := t.chain.Sender.TxState(ctx, hash)
	if err != nil {
		return domain.TxState{}, err
	}
	if _, err := t.ledger.ObserveLedger(ctx, st.Hash, st, t.clock.Now()); err != nil && !domain.IsKind(err, domain.KindNotFound) {
		t.log.ErrorContext(ctx, "ledger update failed", "hash", st.Hash, "err", err.Error())
	}
	return st, nil
}

// Reconcile refreshes up to limit unsettled ledger entries from the chain
// and returns how many changed. The daemon runs it in the background.
func (t *Trading) Reconcile(ctx context.Context, limit int) (int, error) {
	pending, err := t.ledger.PendingLedger(ctx, limit)
	if err != nil {
		return 0, err
	}
	changed := 0
	for _, e := range pending {
		st, err := t.chain.Sender.TxState(ctx, e.Hash)
		if domain.IsKind(err, domain.KindInvalid) {
			// This entry can never be looked up (say, a malformed hash an
			// upstream signer reported); it must not block the rest.
			t.log.WarnContext(ctx, "ledger entry cannot be reconciled", "hash", e.Hash, "err", err.Error())
			// Mark it checked (nothing changes) so the next pass takes others first.
			if _, err := t.ledger.ObserveLedger(ctx, e.Hash, e.State(), t.clock.Now()); err != nil {
				return changed, err
			}
			continue
		}
		if err != nil {
			return changed, err
		}
		ok, err := t.ledger.ObserveLedger(ctx, e.Hash, st, t.clock.Now())
		if err != nil {
			return changed, err
		}
		if ok {
			changed++
		}
	}
	return changed, nil
}

// ReconcileBatch is how many unsettled entries one reconciler pass checks.
const ReconcileBatch = 50

// RunReconciler keeps the ledger current in the background: every interval
// it reconciles unsettled entries, until ctx ends. Chain errors are logged
// and retried on the next tick; it returns nil when ctx ends.
func (t *Trading) RunReconciler(ctx context.Context, every time.Duration) error {
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-tick.C:
		}
		if n, err := t.Reconcile(ctx, ReconcileBatch); err != nil && ctx.Err() == nil {
			t.log.WarnContext(ctx, "ledger reconcile failed", "err", err.Error())
		} else if n > 0 {
			t.log.InfoContext(ctx, "ledger reconciled", "updated", n)
		}
	}
}
