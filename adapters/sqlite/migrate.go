package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// migration is one named, append-only schema step. Never edit a released
// migration: add a new one. Names are unique; order is the slice order.
type migration struct {
	name string
	sql  string
}

// migrations lists every schema step. Each capability appends its own.
var migrations = []migration{
	{"0001_core", `
CREATE TABLE meta (
	key   TEXT PRIMARY KEY,
	value BLOB NOT NULL
);
CREATE TABLE wallet_keys (
	chain      TEXT PRIMARY KEY,
	address    TEXT NOT NULL,
	version    INTEGER NOT NULL,
	nonce      BLOB NOT NULL,
	ciphertext BLOB NOT NULL,
	created_at INTEGER NOT NULL
);
CREATE TABLE audit_log (
	id      INTEGER PRIMARY KEY AUTOINCREMENT,
	at      INTEGER NOT NULL,
	action  TEXT NOT NULL,
	outcome TEXT NOT NULL,
	client  TEXT NOT NULL,
	detail  TEXT NOT NULL
);
CREATE INDEX audit_log_action_at ON audit_log(action, at);
CREATE TABLE attempts (
	scope TEXT NOT NULL,
	at    INTEGER NOT NULL
);
CREATE INDEX attempts_scope_at ON attempts(scope, at);
CREATE TABLE settings (
	key        TEXT PRIMARY KEY,
	value      TEXT NOT NULL,
	updated_at INTEGER NOT NULL
);
`},
	{"steward_0001_local_policies", `
CREATE TABLE steward_local_policies (
	position   INTEGER PRIMARY KEY,
	id         TEXT NOT NULL UNIQUE,
	type       TEXT NOT NULL,
	enabled    INTEGER NOT NULL,
	config     TEXT NOT NULL,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);
`},
	{"steward_0002_local_txs", `
CREATE TABLE steward_local_txs (
	seq        INTEGER PRIMARY KEY AUTOINCREMENT,
	id         TEXT NOT NULL UNIQUE,
	agent_id   TEXT NOT NULL,
	status     TEXT NOT NULL,
	to_address TEXT NOT NULL,
	value_wei  TEXT NOT NULL,
	data_hex   TEXT NOT NULL,
	chain_id   INTEGER NOT NULL,
	tx_hash    TEXT NOT NULL,
	results    TEXT NOT NULL,
	created_at INTEGER NOT NULL,
	signed_at  INTEGER
);
CREATE INDEX steward_local_txs_status ON steward_local_txs(status, created_at);
`},
	{"balances_0001_token_metadata", `
CREATE TABLE token_metadata (
	chain_id       INTEGER NOT NULL,
	contract       TEXT NOT NULL,
	display        TEXT NOT NULL,
	symbol         TEXT NOT NULL,
	name           TEXT NOT NULL,
	decimals       INTEGER,
	logo_url       TEXT NOT NULL,
	PRIMARY KEY (chain_id, contract)
);
`},
	{"0100_trade_ledger", `
CREATE TABLE trade_ledger (
	hash       TEXT PRIMARY KEY,
	kind       TEXT NOT NULL,
	source     TEXT NOT NULL,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL,
	status     TEXT NOT NULL,
	record     BLOB NOT NULL,
	state      BLOB NOT NULL
);
CREATE INDEX trade_ledger_status ON trade_ledger(status, created_at);
CREATE TABLE idempotency (
	scope       TEXT NOT NULL,
	key         TEXT NOT NULL,
	fingerprint TEXT NOT NULL,
	response    BLOB,
	created_at  INTEGER NOT NULL,
	PRIMARY KEY (scope, key)
);
`},
	// checked_at lets the reconciler take unsettled entries least recently
	// checked first, so transactions that stay not_found forever cannot
	// starve newer ones.
	{"0101_ledger_checked_at", `
ALTER TABLE trade_ledger ADD COLUMN checked_at INTEGER NOT NULL DEFAULT 0;
CREATE INDEX trade_ledger_unsettled ON trade_ledger(status, checked_at, created_at);
`},
}

func (s *Store) migrate(ctx context.Context) error {
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		name TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)`); err != nil {
		return fmt.Errorf("create migrations table: %w", err)
	}
	for _, m := range migrations {
		err := s.tx(ctx, func(tx *sql.Tx) error {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM schema_migrations WHERE name = ?`, m.name).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return nil
			}
			if _, err := tx.ExecContext(ctx, m.sql); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations(name, applied_at) VALUES (?, ?)`, m.name, time.Now().UnixMilli())
			return err
		})
		if err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
	}
	return nil
}
