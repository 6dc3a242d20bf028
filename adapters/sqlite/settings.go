package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/agentwallet/agentwallet/ports"
)

var _ ports.Settings = (*Store)(nil)

// Setting returns the value of key and whether it is set.
func (s *Store) Setting(ctx context.Context, key string) (string, bool, error) {
	var v string
	err := s.db.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, storeErr("setting", err)
	}
	return v, true, nil
}

// AllSettings returns every stored setting.
func (s *Store) AllSettings(ctx context.Context) (map[string]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT key, value FROM settings`)
	if err != nil {
		return nil, storeErr("settings", err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, storeErr("settings", err)
		}
		out[k] = v
	}
	if err := rows.Err(); err != nil {
		return nil, storeErr("settings", err)
	}
	return out, nil
}

// UpdateSettings applies changes in one transaction; nil deletes.
func (s *Store) UpdateSettings(ctx context.Context, changes map[string]*string) error {
	now := time.Now().UnixMilli()
	err := s.tx(ctx, func(tx *sql.Tx) error {
		for k, v := range changes {
			var err error
			if v == nil {
				_, err = tx.ExecContext(ctx, `DELETE FROM settings WHERE key = ?`, k)
			} else {
				_, err = tx.ExecContext(ctx, `INSERT INTO settings(key, value, updated_at) VALUES (?, ?, ?)
					ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`, k, *v, now)
			}
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return storeErr("update_settings", err)
	}
	return nil
}
