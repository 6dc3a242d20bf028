package app

import (
	"context"
	"strings"

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
