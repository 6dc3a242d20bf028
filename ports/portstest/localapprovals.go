package portstest

import (
	"context"
	"math/big"
	"testing"
	"time"

	"github.com/agentwallet/agentwallet/domain"
	"github.com/agentwallet/agentwallet/ports"
)

// RunLocalApprovals runs the LocalApprovals contract suite; newStore returns
// an empty store.
func RunLocalApprovals(t *testing.T, newStore func(t *testing.T) ports.LocalApprovals) {
	at := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	held := func(i int) domain.StewardTxRecord {
		return domain.StewardTxRecord{
			AgentID: "local", Status: domain.StewardTxPending, To: stewardRecipient, Value: big.NewInt(int64(1000 + i)),
			Data: []byte{0xa9, 0x05, 0x9c, 0xbb}, ChainID: 56, CreatedAt: at.Add(time.Duration(i) * time.Second),
			PolicyResults: []domain.PolicyResult{{PolicyID: "p", Type: domain.PolicyAutoApproveThreshold, Reason: "above"}},
		}
	}
	t.Run("record_and_read_back", func(t *testing.T) {
		s := newStore(t)
		ctx := context.Background()
		rec, err := s.RecordLocalTx(ctx, held(0))
		if err != nil || rec.ID == "" {
			t.Fatalf("record: %+v, %v", rec, err)
		}
		got, err := s.LocalTx(ctx, rec.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != domain.StewardTxPending || got.To != stewardRecipient || got.Value.Int64() != 1000 || string(got.Data) != string(held(0).Data) ||
			got.ChainID != 56 || !got.CreatedAt.Equal(at) || len(got.PolicyResults) != 1 || got.PolicyResults[0].Reason != "above" || got.PolicyResults[0].Outcome() != domain.PolicyPending {
			t.Errorf("read back %+v", got)
		}
		_, err = s.LocalTx(ctx, "no-such-id")
		wantStewardKind(t, err, domain.KindNotFound)
	})
	t.Run("list_newest_first_with_filter_and_paging", func(t *testing.T) {
		s := newStore(t)
		ctx := context.Background()
		var ids []string
		for i := range 3 {
			rec, err := s.RecordLocalTx(ctx, held(i))
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, rec.ID)
		}
		rejected := held(3)
		rejected.Status = domain.StewardTxRejected
		if _, err := s.RecordLocalTx(ctx, rejected); err != nil {
			t.Fatal(err)
		}
		pending, err := s.LocalTxs(ctx, domain.StewardTxPending, domain.StewardPage{})
		if err != nil || len(pending) != 3 || pending[0].ID != ids[2] || pending[2].ID != ids[0] {
			t.Fatalf("pending %+v, %v", pending, err)
		}
		all, _ := s.LocalTxs(ctx, "", domain.StewardPage{Limit: 2, Offset: 1})
		if len(all) != 2 || all[0].ID != ids[2] {
			t.Errorf("page %+v", all)
		}
	})
	t.Run("transition_is_compare_and_set", func(t *testing.T) {
		s := newStore(t)
		ctx := context.Background()
		rec, err := s.RecordLocalTx(ctx, held(0))
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.TransitionLocalTx(ctx, rec.ID, domain.StewardTxPending, domain.StewardTxApproved, "", at)
		if err != nil || got.Status != domain.StewardTxApproved {
			t.Fatalf("approve: %+v, %v", got, err)
		}
		_, err = s.TransitionLocalTx(ctx, rec.ID, domain.StewardTxPending, domain.StewardTxRejected, "", at)
		wantStewardKind(t, err, domain.KindConflict)
		got, err = s.TransitionLocalTx(ctx, rec.ID, domain.StewardTxApproved, domain.StewardTxBroadcast, "0xhash", at.Add(time.Minute))
		if err != nil || got.TxHash != "0xhash" || !got.SignedAt.Equal(at.Add(time.Minute)) {
			t.Fatalf("broadcast: %+v, %v", got, err)
		}
		if read, _ := s.LocalTx(ctx, rec.ID); read.Status != domain.StewardTxBroadcast || read.TxHash != "0xhash" {
			t.Errorf("read back %+v", read)
		}
		_, err = s.TransitionLocalTx(ctx, "no-such-id", domain.StewardTxPending, domain.StewardTxRejected, "", at)
		wantStewardKind(t, err, domain.KindNotFound)
	})
}
