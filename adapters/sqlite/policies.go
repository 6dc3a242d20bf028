package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"

	"time"

	"github.com/google/uuid"

	"github.com/agentwallet/agentwallet/domain"
	"github.com/agentwallet/agentwallet/ports"
)

var _ ports.LocalPolicies = (*Store)(nil)

// LocalPolicies returns the local policy set in order.
func (s *Store) LocalPolicies(ctx context.Context) ([]domain.PolicyRule, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, type, enabled, config, created_at, updated_at
		FROM steward_local_policies ORDER BY position`)
	if err != nil {
		return nil, storeErr("localPolicies", err)
	}
	defer rows.Close()
	out := []domain.PolicyRule{}
	for rows.Next() {
		var (
			r                  domain.PolicyRule
			typ, config        string
			enabled            bool
			created, updatedAt int64
		)
		if err := rows.Scan(&r.ID, &typ, &enabled, &config, &created, &updatedAt); err != nil {
			return nil, storeErr("localPolicies", err)
		}
		r.Type, r.Enabled, r.Config = domain.PolicyType(typ), enabled, json.RawMessage(config)
		r.CreatedAt, r.UpdatedAt = fromMillis(created), fromMillis(updatedAt)
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, storeErr("localPolicies", err)
	}
	return out, nil
}

// ReplaceLocalPolicies swaps the whole set in one transaction.
func (s *Store) ReplaceLocalPolicies(ctx context.Context, rules []domain.PolicyRule, at time.Time) ([]domain.PolicyRule, error) {
	stored := make([]domain.PolicyRule, len(rules))
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM steward_local_policies`); err != nil {
			return err
		}
		for i, r := range rules {
			r.ID, r.CreatedAt, r.UpdatedAt = uuid.NewString(), at.UTC().Truncate(time.Millisecond), at.UTC().Truncate(time.Millisecond)
			config := r.Config
			if len(config) == 0 {
				config = json.RawMessage("{}")
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO steward_local_policies(position, id, type, enabled, config, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?)`, i, r.ID, string(r.Type), r.Enabled, string(config), unixMillis(at), unixMillis(at)); err != nil {
				return err
			}
			r.Config = config
			stored[i] = r
		}
		return nil
	})
	if err != nil {
		return nil, storeErr("replaceLocalPolicies", err)
	}
	return stored, nil
}
