package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/agentwallet/agentwallet/domain"
	"github.com/agentwallet/agentwallet/ports"
)

var _ ports.Ledger = (*Store)(nil)

// ledgerRecordRow and ledgerStateRow are the JSON columns of trade_ledger;
// big integers serialise as JSON numbers, exactly.
type ledgerStateRow struct {
	Status            domain.TxStatus `json:"status"`
	BlockNumber       uint64          `json:"blockNumber"`
	Confirmations     uint64          `json:"confirmations"`
	Nonce             *uint64         `json:"nonce,omitempty"`
	GasUsed           uint64          `json:"gasUsed"`
	EffectiveGasPrice json.RawMessage `json:"effectiveGasPrice,omitempty"`
}

func encodeState(s domain.TxState) ([]byte, error) {
	row := ledgerStateRow{Status: s.Status, BlockNumber: s.BlockNumber, Confirmations: s.Confirmations, Nonce: s.Nonce, GasUsed: s.GasUsed}
	if s.EffectiveGasPrice != nil {
		row.EffectiveGasPrice = json.RawMessage(s.EffectiveGasPrice.String())
	}
	return json.Marshal(row)
}

func decodeState(hash string, b []byte) (domain.TxState, error) {
	var row ledgerStateRow
	if err := json.Unmarshal(b, &row); err != nil {
		return domain.TxState{}, err
	}
	st := domain.TxState{Hash: hash, Status: row.Status, BlockNumber: row.BlockNumber, Confirmations: row.Confirmations, Nonce: row.Nonce, GasUsed: row.GasUsed}
	if len(row.EffectiveGasPrice) > 0 {
		v, ok := parseBig(string(row.EffectiveGasPrice))
		if !ok {
			return domain.TxState{}, errors.New("bad effectiveGasPrice")
		}
		st.EffectiveGasPrice = v
	}
	return st, nil
}

// AppendLedger stores a new entry.
func (s *Store) AppendLedger(ctx context.Context, e *domain.LedgerEntry) error {
	rec, err := json.Marshal(e.LedgerRecord)
	if err != nil {
		return storeErr("ledger.append", err)
	}
	st, err := encodeState(e.State())
	if err != nil {
		return storeErr("ledger.append", err)
	}
	_, err = s.db.ExecContext(ctx, `INSERT INTO trade_ledger(hash, kind, source, created_at, updated_at, status, record, state)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		strings.ToLower(e.Hash), string(e.Kind), string(e.Source), unixMillis(e.CreatedAt), unixMillis(e.UpdatedAt()), string(e.Status()), rec, st)
	if err != nil && strings.Contains(err.Error(), "UNIQUE") {
		return &domain.Error{Op: "store.ledger.append", Kind: domain.KindConflict, Msg: "ledger entry exists", Err: err}
	}
	if err != nil {
		return storeErr("ledger.append", err)
	}
	return nil
}

// ObserveLedger applies an observation in one transaction.
func (s *Store) ObserveLedger(ctx context.Context, hash string, obs domain.TxState, at time.Time) (bool, error) {
	var changed bool
	err := s.tx(ctx, func(tx *sql.Tx) error {
		e, err := scanLedger(tx.QueryRowContext(ctx, `SELECT hash, record, state, updated_at FROM trade_ledger WHERE hash = ?`, strings.ToLower(hash)))
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("ledger.observe", "ledger entry")
		}
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE trade_ledger SET checked_at = ? WHERE hash = ?`, unixMillis(at), strings.ToLower(hash)); err != nil {
			return err
		}
		if changed = e.Observe(obs, at); !changed {
			return nil
		}
		st, err := encodeState(e.State())
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE trade_ledger SET status = ?, state = ?, updated_at = ? WHERE hash = ?`,
			string(e.Status()), st, unixMillis(at), strings.ToLower(hash))
		return err
	})
	var de *domain.Error
	if err != nil && !errors.As(err, &de) {
		return false, storeErr("ledger.observe", err)
	}
	return changed, err
}

// LedgerEntries returns every entry, oldest first.
func (s *Store) LedgerEntries(ctx context.Context) ([]*domain.LedgerEntry, error) {
	return s.queryLedger(ctx, `SELECT hash, record, state, updated_at FROM trade_ledger ORDER BY created_at, hash`)
}

// PendingLedger returns unsettled entries, least recently checked first,
// then oldest first.
func (s *Store) PendingLedger(ctx context.Context, limit int) ([]*domain.LedgerEntry, error) {
	return s.queryLedger(ctx, `SELECT hash, record, state, updated_at FROM trade_ledger
		WHERE status IN ('pending', 'not_found') ORDER BY checked_at, created_at, hash LIMIT ?`, limit)
}

func (s *Store) queryLedger(ctx context.Context, q string, args ...any) ([]*domain.LedgerEntry, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, storeErr("ledger.list", err)
	}
	defer rows.Close()
	var out []*domain.LedgerEntry
	for rows.Next() {
		e, err := scanLedger(rows)
		if err != nil {
			return nil, storeErr("ledger.list", err)
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, storeErr("ledger.list", err)
	}
	return out, nil
}

type scanner interface{ Scan(dest ...any) error }

func scanLedger(row scanner) (*domain.LedgerEntry, error) {
	var hash string
	var rec, st []byte
	var updated int64
	if err := row.Scan(&hash, &rec, &st, &updated); err != nil {
		return nil, err
	}
	var r domain.LedgerRecord
	if err := json.Unmarshal(rec, &r); err != nil {
		return nil, err
	}
	state, err := decodeState(r.Hash, st)
	if err != nil {
		return nil, err
	}
	r.CreatedAt = r.CreatedAt.UTC()
	return domain.RehydrateLedgerEntry(r, state, fromMillis(updated)), nil
}
