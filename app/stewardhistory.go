package app

import (
	"context"
	"strings"

	"github.com/agentwallet/agentwallet/domain"
)

// StewardTxQuery selects transaction records.
type StewardTxQuery struct {
	Status string // optional record state filter
	Limit  int    // 0 means 50
	Offset int
}

// StewardTxRecords is one page of records, filtered by status after paging
// as the reference does, so Total counts the filtered page.
type StewardTxRecords struct {
	Records []domain.StewardTxRecord
	Total   int
	Offset  int
	Limit   int
}

const defaultTxRecordsLimit = 50

// StewardTxRecords reads Steward's transaction history, or the local
// engine's held and rejected transactions when Steward is not configured.
func (s *Steward) StewardTxRecords(ctx context.Context, q StewardTxQuery) (StewardTxRecords, error) {
	var status domain.StewardTxStatus
	if strings.TrimSpace(q.Status) != "" {
		st, err := domain.ParseStewardTxStatus(q.Status)
		if err != nil {
			return StewardTxRecords{}, err
		}
		status = st
	}
	if q.Limit <= 0 {
		q.Limit = defaultTxRecordsLimit
	}
	page := domain.StewardPage{Limit: q.Limit, Offset: q.Offset}.Normalize()
	if !s.Configured() {
		// The local store filters before paging, so Total is the page's size.
		recs, err := s.localTxs.LocalTxs(ctx, status, page)
		if err != nil {
			return StewardTxRecords{}, err
		}
		return StewardTxRecords{Records: recs, Total: len(recs), Offset: page.Offset, Limit: page.Limit}, nil
	}
	id, err := s.requireAgent(ctx)
	if err != nil {
		return StewardTxRecords{}, err
	}
	recs, err := s.remote.History.History(ctx, id, page)
	if err != nil {
		return StewardTxRecords{}, err
	}
	out := StewardTxRecords{Records: []domain.StewardTxRecord{}, Offset: page.Offset, Limit: page.Limit}
	for _, r := range recs {
		if status == "" || r.Status == status {
			out.Records = append(out.Records, r)
		}
	}
	out.Total = len(out.Records)
	return out, nil
}
