package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"math/big"
	"time"

	"github.com/agentwallet/agentwallet/ports"
)

var _ ports.Idempotency = (*Store)(nil)

// ClaimIdempotencyKey inserts the key or returns what is stored, atomically
// (the transaction takes SQLite's write lock up front).
func (s *Store) ClaimIdempotencyKey(ctx context.Context, scope, key, fingerprint string, at time.Time) (ports.IdempotencyRecord, bool, error) {
	var rec ports.IdempotencyRecord
	var claimed bool
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var resp []byte
		err := tx.QueryRowContext(ctx, `SELECT fingerprint, response FROM idempotency WHERE scope = ? AND key = ?`, scope, key).Scan(&rec.Fingerprint, &resp)
		if err == nil {
			rec.Response = resp
			return nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		claimed = true
		rec = ports.IdempotencyRecord{Fingerprint: fingerprint}
		_, err = tx.ExecContext(ctx, `INSERT INTO idempotency(scope, key, fingerprint, response, created_at) VALUES (?, ?, ?, NULL, ?)`,
			scope, key, fingerprint, unixMillis(at))
		return err
	})
	if err != nil {
		return ports.IdempotencyRecord{}, false, storeErr("idempotency.claim", err)
	}
	return rec, claimed, nil
}

// CompleteIdempotencyKey stores the response of a claimed key.
func (s *Store) CompleteIdempotencyKey(ctx context.Context, scope, key string, response []byte) error {
	if _, err := s.db.ExecContext(ctx, `UPDATE idempotency SET response = ? WHERE scope = ? AND key = ?`, response, scope, key); err != nil {
		return storeErr("idempotency.complete", err)
	}
	return nil
}

// ReleaseIdempotencyKey forgets a key whose request broadcast nothing.
func (s *Store) ReleaseIdempotencyKey(ctx context.Context, scope, key string) error {
	if _, err := s.db.ExecContext(ctx, `DELETE FROM idempotency WHERE scope = ? AND key = ? AND response IS NULL`, scope, key); err != nil {
		return storeErr("idempotency.release", err)
	}
	return nil
}

func parseBig(s string) (*big.Int, bool) { return new(big.Int).SetString(s, 10) }
