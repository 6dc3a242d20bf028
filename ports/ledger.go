package ports

import (
	"context"
	"time"

	"github.com/agentwallet/agentwallet/domain"
)

//go:generate go tool mockgen -typed -destination=../mocks/ledger.go -package=mocks . Ledger,Idempotency

// Ledger persists executed swaps and transfers and their chain state.
type Ledger interface {
	// AppendLedger stores a new entry; an entry with the same hash gives
	// KindConflict and changes nothing.
	AppendLedger(ctx context.Context, e *domain.LedgerEntry) error
	// ObserveLedger applies a chain observation to the entry with hash in one
	// transaction, with LedgerEntry.Observe's rules (success and reverted are
	// terminal), and reports whether it changed. It records that the entry
	// was checked at at even when nothing changed. An unknown hash gives
	// KindNotFound.
	ObserveLedger(ctx context.Context, hash string, s domain.TxState, at time.Time) (bool, error)
	// LedgerEntries returns every entry, oldest first.
	LedgerEntries(ctx context.Context) ([]*domain.LedgerEntry, error)
	// PendingLedger returns up to limit entries whose status is pending or
	// not_found, least recently checked (ObserveLedger) first, then oldest
	// first, so entries that never settle cannot starve the others.
	PendingLedger(ctx context.Context, limit int) ([]*domain.LedgerEntry, error)
}

// IdempotencyRecord is what the store keeps for one Idempotency-Key.
type IdempotencyRecord struct {
	Fingerprint string // digest of the request the key was first used with
	Response    []byte // the stored response; nil while the first request runs
}

// Idempotency remembers responses by Idempotency-Key so a retried execute
// or transfer answers again instead of broadcasting twice.
type Idempotency interface {
	// ClaimIdempotencyKey records key (in scope) for fingerprint unless it
	// exists. It returns claimed=true for the first caller, else the stored
	// record, atomically.
	ClaimIdempotencyKey(ctx context.Context, scope, key, fingerprint string, at time.Time) (rec IdempotencyRecord, claimed bool, err error)
	// CompleteIdempotencyKey stores the response for a claimed key.
	CompleteIdempotencyKey(ctx context.Context, scope, key string, response []byte) error
	// ReleaseIdempotencyKey forgets a claimed key whose request failed before
	// broadcasting anything, so a retry may run.
	ReleaseIdempotencyKey(ctx context.Context, scope, key string) error
}
