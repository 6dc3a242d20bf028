package sqlite

import (
	"context"
	"database/sql"
	"time"

	"github.com/agentwallet/agentwallet/domain"
	"github.com/agentwallet/agentwallet/ports"
)

var (
	_ ports.AuditLog       = (*Store)(nil)
	_ ports.AttemptCounter = (*Store)(nil)
)

// RecordAudit appends e to the audit log.
func (s *Store) RecordAudit(ctx context.Context, e domain.AuditEntry) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO audit_log(at, action, outcome, client, detail) VALUES (?, ?, ?, ?, ?)`,
		unixMillis(e.At), e.Action, e.Outcome, e.Client, e.Detail)
	if err != nil {
		return storeErr("record_audit", err)
	}
	return nil
}

// AuditEntries returns the newest entries of action (all actions when
// empty), at most limit.
func (s *Store) AuditEntries(ctx context.Context, action string, limit int) ([]domain.AuditEntry, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT at, action, outcome, client, detail FROM audit_log
		WHERE ? = '' OR action = ? ORDER BY id DESC LIMIT ?`, action, action, limit)
	if err != nil {
		return nil, storeErr("audit_entries", err)
	}
	defer rows.Close()
	var out []domain.AuditEntry
	for rows.Next() {
		var e domain.AuditEntry
		var at int64
		if err := rows.Scan(&at, &e.Action, &e.Outcome, &e.Client, &e.Detail); err != nil {
			return nil, storeErr("audit_entries", err)
		}
		e.At = fromMillis(at)
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, storeErr("audit_entries", err)
	}
	return out, nil
}

// RecordAttempt records an attempt and counts the window, in one transaction,
// pruning attempts that fell out of it.
func (s *Store) RecordAttempt(ctx context.Context, scope string, at time.Time, window time.Duration) (int, error) {
	var n int
	err := s.tx(ctx, func(tx *sql.Tx) error {
		since := unixMillis(at.Add(-window))
		if _, err := tx.ExecContext(ctx, `DELETE FROM attempts WHERE scope = ? AND at <= ?`, scope, since); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO attempts(scope, at) VALUES (?, ?)`, scope, unixMillis(at)); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM attempts WHERE scope = ? AND at > ? AND at <= ?`, scope, since, unixMillis(at)).Scan(&n)
	})
	if err != nil {
		return 0, storeErr("record_attempt", err)
	}
	return n, nil
}

// CountAttempts counts the attempts of scope at or after since.
func (s *Store) CountAttempts(ctx context.Context, scope string, since time.Time) (int, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM attempts WHERE scope = ? AND at >= ?`, scope, unixMillis(since)).Scan(&n); err != nil {
		return 0, storeErr("count_attempts", err)
	}
	return n, nil
}
