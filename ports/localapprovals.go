package ports

import (
	"context"
	"time"

	"github.com/agentwallet/agentwallet/domain"
)

//go:generate go tool mockgen -typed -destination=../mocks/localapprovals.go -package=mocks . LocalApprovals

// LocalApprovals persists transactions the local policy engine held or
// rejected, and their resolution, so the approval queue survives restarts.
type LocalApprovals interface {
	// RecordLocalTx stores rec (status pending or rejected) under a fresh id
	// with rec.CreatedAt, and returns it as stored. Failure is KindInternal.
	RecordLocalTx(ctx context.Context, rec domain.StewardTxRecord) (domain.StewardTxRecord, error)
	// LocalTx returns one record; an unknown id gives KindNotFound.
	LocalTx(ctx context.Context, id string) (domain.StewardTxRecord, error)
	// LocalTxs lists records newest first, only those in status when it is
	// not empty.
	LocalTxs(ctx context.Context, status domain.StewardTxStatus, page domain.StewardPage) ([]domain.StewardTxRecord, error)
	// TransitionLocalTx moves a record from status from to status to in one
	// transaction, setting txHash (when not empty) and, for a signed or
	// broadcast record, SignedAt = at. KindNotFound for an unknown id;
	// KindConflict when the record is not in status from (already processed).
	TransitionLocalTx(ctx context.Context, id string, from, to domain.StewardTxStatus, txHash string, at time.Time) (domain.StewardTxRecord, error)
}
