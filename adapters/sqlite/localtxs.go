package sqlite

import (
	"context"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"math/big"
	"time"

	"github.com/google/uuid"

	"github.com/agentwallet/agentwallet/domain"
	"github.com/agentwallet/agentwallet/ports"
)

var _ ports.LocalApprovals = (*Store)(nil)

// localTxResult is the stored form of one policy result.
type localTxResult struct {
	PolicyID string `json:"policyId"`
	Type     string `json:"type"`
	Passed   bool   `json:"passed"`
	Reason   string `json:"reason,omitempty"`
	Manual   bool   `json:"manual,omitempty"`
}

const localTxColumns = `id, agent_id, status, to_address, value_wei, data_hex, chain_id, tx_hash, results, created_at, signed_at`

// RecordLocalTx stores a held or rejected local transaction.
func (s *Store) RecordLocalTx(ctx context.Context, rec domain.StewardTxRecord) (domain.StewardTxRecord, error) {
	rec.ID = uuid.NewString()
	rec.CreatedAt = rec.CreatedAt.UTC().Truncate(time.Millisecond)
	results := make([]localTxResult, len(rec.PolicyResults))
	for i, r := range rec.PolicyResults {
		results[i] = localTxResult{r.PolicyID, string(r.Type), r.Passed, r.Reason, r.RequiresManualApproval}
	}
	resultsJSON, err := json.Marshal(results)
	if err != nil {
		return domain.StewardTxRecord{}, storeErr("recordLocalTx", err)
	}
	value := "0"
	if rec.Value != nil {
		value = rec.Value.String()
	}
	err = s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO steward_local_txs(`+localTxColumns+`)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
			rec.ID, rec.AgentID, string(rec.Status), rec.To, value, hex.EncodeToString(rec.Data), int64(rec.ChainID), rec.TxHash,
			string(resultsJSON), unixMillis(rec.CreatedAt))
		return err
	})
	if err != nil {
		return domain.StewardTxRecord{}, storeErr("recordLocalTx", err)
	}
	return rec, nil
}

// LocalTx reads one record.
func (s *Store) LocalTx(ctx context.Context, id string) (domain.StewardTxRecord, error) {
	row := s.db.QueryRowContext(ctx, `SELECT `+localTxColumns+` FROM steward_local_txs WHERE id = ?`, id)
	rec, err := scanLocalTx(row)
	if errors.Is(err, sql.ErrNoRows) {
		return domain.StewardTxRecord{}, notFound("localTx", "transaction")
	}
	if err != nil {
		return domain.StewardTxRecord{}, storeErr("localTx", err)
	}
	return rec, nil
}

// LocalTxs lists records newest first.
func (s *Store) LocalTxs(ctx context.Context, status domain.StewardTxStatus, page domain.StewardPage) ([]domain.StewardTxRecord, error) {
	page = page.Normalize()
	rows, err := s.db.QueryContext(ctx, `SELECT `+localTxColumns+` FROM steward_local_txs
		WHERE ? = '' OR status = ? ORDER BY created_at DESC, seq DESC LIMIT ? OFFSET ?`,
		string(status), string(status), page.Limit, page.Offset)
	if err != nil {
		return nil, storeErr("localTxs", err)
	}
	defer rows.Close()
	out := []domain.StewardTxRecord{}
	for rows.Next() {
		rec, err := scanLocalTx(rows)
		if err != nil {
			return nil, storeErr("localTxs", err)
		}
		out = append(out, rec)
	}
	if err := rows.Err(); err != nil {
		return nil, storeErr("localTxs", err)
	}
	return out, nil
}

// TransitionLocalTx is a compare-and-set on the record's status, so two
// approvals of one held transaction cannot both win.
func (s *Store) TransitionLocalTx(ctx context.Context, id string, from, to domain.StewardTxStatus, txHash string, at time.Time) (domain.StewardTxRecord, error) {
	var rec domain.StewardTxRecord
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		rec, err = scanLocalTx(tx.QueryRowContext(ctx, `SELECT `+localTxColumns+` FROM steward_local_txs WHERE id = ?`, id))
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("transitionLocalTx", "transaction")
		}
		if err != nil {
			return err
		}
		if rec.Status != from {
			return domain.Errorf(domain.KindConflict, "Transaction already processed").WithCode("CONFLICT")
		}
		rec.Status = to
		if txHash != "" {
			rec.TxHash = txHash
		}
		var signedAt any
		if to == domain.StewardTxSigned || to == domain.StewardTxBroadcast {
			rec.SignedAt = at.UTC().Truncate(time.Millisecond)
			signedAt = unixMillis(rec.SignedAt)
		}
		_, err = tx.ExecContext(ctx, `UPDATE steward_local_txs SET status = ?, tx_hash = ?, signed_at = COALESCE(?, signed_at) WHERE id = ?`,
			string(to), rec.TxHash, signedAt, id)
		return err
	})
	var de *domain.Error
	if errors.As(err, &de) {
		return domain.StewardTxRecord{}, err
	}
	if err != nil {
		return domain.StewardTxRecord{}, storeErr("transitionLocalTx", err)
	}
	return rec, nil
}

type localTxScanner interface{ Scan(dest ...any) error }

func scanLocalTx(row localTxScanner) (domain.StewardTxRecord, error) {
	var (
		rec                         domain.StewardTxRecord
		status, value, data, result string
		chainID, created            int64
		signed                      sql.NullInt64
	)
	if err := row.Scan(&rec.ID, &rec.AgentID, &status, &rec.To, &value, &data, &chainID, &rec.TxHash, &result, &created, &signed); err != nil {
		return domain.StewardTxRecord{}, err
	}
	rec.Status, rec.ChainID, rec.CreatedAt = domain.StewardTxStatus(status), uint64(chainID), fromMillis(created)
	if signed.Valid {
		rec.SignedAt = fromMillis(signed.Int64)
	}
	rec.Value, _ = new(big.Int).SetString(value, 10)
	if b, err := hex.DecodeString(data); err == nil && len(b) > 0 {
		rec.Data = b
	}
	var results []localTxResult
	if err := json.Unmarshal([]byte(result), &results); err != nil {
		return domain.StewardTxRecord{}, err
	}
	rec.PolicyResults = make([]domain.PolicyResult, len(results))
	for i, r := range results {
		rec.PolicyResults[i] = domain.PolicyResult{PolicyID: r.PolicyID, Type: domain.PolicyType(r.Type), Passed: r.Passed, Reason: r.Reason, RequiresManualApproval: r.Manual}
	}
	return rec, nil
}
