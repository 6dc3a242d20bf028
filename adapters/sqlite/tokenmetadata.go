package sqlite

import (
	"context"
	"database/sql"
	"strings"

	"github.com/agentwallet/agentwallet/domain"
	"github.com/agentwallet/agentwallet/ports"
)

var _ ports.TokenMetadataStore = (*Store)(nil)

// LoadTokenMetadata returns the stored metadata among contracts, keyed as
// passed. Contracts are matched lower-cased; decimals NULL means the token
// declares none.
func (s *Store) LoadTokenMetadata(ctx context.Context, chainID uint64, contracts []string) (map[string]domain.TokenMetadata, error) {
	out := make(map[string]domain.TokenMetadata, len(contracts))
	if len(contracts) == 0 {
		return out, nil
	}
	byLower := make(map[string][]string, len(contracts))
	args := make([]any, 0, len(contracts)+1)
	args = append(args, int64(chainID))
	for _, c := range contracts {
		l := strings.ToLower(c)
		if _, dup := byLower[l]; !dup {
			args = append(args, l)
		}
		byLower[l] = append(byLower[l], c)
	}
	q := `SELECT contract, display, symbol, name, decimals, logo_url FROM token_metadata
		WHERE chain_id = ? AND contract IN (?` + strings.Repeat(",?", len(args)-2) + `)`
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, storeErr("load_token_metadata", err)
	}
	defer rows.Close()
	for rows.Next() {
		var lower string
		var m domain.TokenMetadata
		var decimals sql.NullInt64
		if err := rows.Scan(&lower, &m.Contract, &m.Symbol, &m.Name, &decimals, &m.LogoURL); err != nil {
			return nil, storeErr("load_token_metadata", err)
		}
		if decimals.Valid && decimals.Int64 >= 0 && decimals.Int64 <= domain.MaxDecimals {
			m.Decimals, m.DecimalsKnown = uint8(decimals.Int64), true
		}
		for _, c := range byLower[lower] {
			out[c] = m
		}
	}
	if err := rows.Err(); err != nil {
		return nil, storeErr("load_token_metadata", err)
	}
	return out, nil
}

// SaveTokenMetadata stores entries in one transaction, replacing earlier
// ones for the same chain and contract.
func (s *Store) SaveTokenMetadata(ctx context.Context, chainID uint64, entries []domain.TokenMetadata) error {
	if len(entries) == 0 {
		return nil
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		stmt, err := tx.PrepareContext(ctx, `INSERT INTO token_metadata(chain_id, contract, display, symbol, name, decimals, logo_url)
			VALUES (?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT(chain_id, contract) DO UPDATE SET display = excluded.display, symbol = excluded.symbol,
				name = excluded.name, decimals = excluded.decimals, logo_url = excluded.logo_url`)
		if err != nil {
			return err
		}
		defer stmt.Close()
		for _, m := range entries {
			var decimals sql.NullInt64
			if m.DecimalsKnown {
				decimals = sql.NullInt64{Int64: int64(m.Decimals), Valid: true}
			}
			if _, err := stmt.ExecContext(ctx, int64(chainID), strings.ToLower(m.Contract), m.Contract, m.Symbol, m.Name, decimals, m.LogoURL); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return storeErr("save_token_metadata", err)
	}
	return nil
}
