package sqlite

import (
	"context"
	"database/sql"
	"errors"

	"github.com/agentwallet/agentwallet/domain"
	"github.com/agentwallet/agentwallet/ports"
)

var _ ports.KeyRecords = (*Store)(nil)

// KeyRecord returns the encrypted key of chain.
func (s *Store) KeyRecord(ctx context.Context, chain domain.Chain) (ports.KeyRecord, error) {
	r := ports.KeyRecord{Chain: chain}
	var created int64
	err := s.db.QueryRowContext(ctx, `SELECT address, version, nonce, ciphertext, created_at FROM wallet_keys WHERE chain = ?`, string(chain)).
		Scan(&r.Address, &r.Version, &r.Nonce, &r.Ciphertext, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return ports.KeyRecord{}, notFound("key_record", string(chain)+" key")
	}
	if err != nil {
		return ports.KeyRecord{}, storeErr("key_record", err)
	}
	r.CreatedAt = fromMillis(created)
	return r, nil
}

// KeyRecordList returns every encrypted key, EVM first.
func (s *Store) KeyRecordList(ctx context.Context) ([]ports.KeyRecord, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT chain, address, version, nonce, ciphertext, created_at FROM wallet_keys
		ORDER BY CASE chain WHEN 'evm' THEN 0 ELSE 1 END`)
	if err != nil {
		return nil, storeErr("key_records", err)
	}
	defer rows.Close()
	var out []ports.KeyRecord
	for rows.Next() {
		var r ports.KeyRecord
		var chain string
		var created int64
		if err := rows.Scan(&chain, &r.Address, &r.Version, &r.Nonce, &r.Ciphertext, &created); err != nil {
			return nil, storeErr("key_records", err)
		}
		r.Chain, r.CreatedAt = domain.Chain(chain), fromMillis(created)
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, storeErr("key_records", err)
	}
	return out, nil
}

// PutKeyRecord inserts or replaces the key of rec.Chain in one transaction.
func (s *Store) PutKeyRecord(ctx context.Context, rec ports.KeyRecord) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO wallet_keys(chain, address, version, nonce, ciphertext, created_at)
		VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT(chain) DO UPDATE SET address = excluded.address, version = excluded.version,
			nonce = excluded.nonce, ciphertext = excluded.ciphertext, created_at = excluded.created_at`,
		string(rec.Chain), rec.Address, rec.Version, rec.Nonce, rec.Ciphertext, unixMillis(rec.CreatedAt))
	if err != nil {
		return storeErr("put_key_record", err)
	}
	return nil
}

// Meta returns the metadata value of key.
func (s *Store) Meta(ctx context.Context, key string) ([]byte, error) {
	var v []byte
	err := s.db.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("meta", key)
	}
	if err != nil {
		return nil, storeErr("meta", err)
	}
	return v, nil
}

// PutMetaIfAbsent stores value under key unless one exists and returns the
// stored value.
func (s *Store) PutMetaIfAbsent(ctx context.Context, key string, value []byte) ([]byte, error) {
	var stored []byte
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO NOTHING`, key, value); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = ?`, key).Scan(&stored)
	})
	if err != nil {
		return nil, storeErr("put_meta", err)
	}
	return stored, nil
}
