package portstest

import (
	"context"
	"math/big"
	"testing"
	"time"

	"github.com/agentwallet/agentwallet/domain"
	"github.com/agentwallet/agentwallet/ports"
)

// RunLedger runs the contract suite of ports.Ledger; newLedger returns an
// empty ledger.
func RunLedger(t *testing.T, newLedger func(t *testing.T) ports.Ledger) {
	ctx := context.Background()
	t0 := time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)
	entry := func(hash string, at time.Time) *domain.LedgerEntry {
		return domain.NewLedgerEntry(domain.LedgerRecord{
			Hash: hash, Kind: domain.LedgerSwap, CreatedAt: at, Source: domain.SourceManual, Side: domain.SideBuy,
			TokenAddress: "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", SlippageBps: 300,
			In:  domain.AssetAmount{Symbol: "BNB", Decimals: 18, Units: big.NewInt(1e17)},
			Out: domain.AssetAmount{Symbol: "TKN", Decimals: 9, Units: new(big.Int).Lsh(big.NewInt(1), 100)},
		})
	}

	t.Run("append_is_unique_and_ordered", func(t *testing.T) {
		l := newLedger(t)
		for _, e := range []*domain.LedgerEntry{entry("0x02", t0.Add(time.Minute)), entry("0x01", t0)} {
			if err := l.AppendLedger(ctx, e); err != nil {
				t.Fatal(err)
			}
		}
		if err := l.AppendLedger(ctx, entry("0x01", t0)); domain.KindOf(err) != domain.KindConflict {
			t.Fatalf("duplicate hash err = %v, want conflict", err)
		}
		all, err := l.LedgerEntries(ctx)
		if err != nil || len(all) != 2 || all[0].Hash != "0x01" || all[1].Hash != "0x02" {
			t.Fatalf("LedgerEntries = %v, %v; want oldest first", all, err)
		}
		if got := all[0].Out.Units; got.Cmp(new(big.Int).Lsh(big.NewInt(1), 100)) != 0 {
			t.Fatalf("amount changed in storage: %s", got)
		}
	})

	t.Run("observe_keeps_terminal_states", func(t *testing.T) {
		l := newLedger(t)
		if err := l.AppendLedger(ctx, entry("0xaa", t0)); err != nil {
			t.Fatal(err)
		}
		ok, err := l.ObserveLedger(ctx, "0xaa", domain.TxState{Status: domain.TxReverted, BlockNumber: 5, Confirmations: 1, EffectiveGasPrice: big.NewInt(7)}, t0.Add(time.Second))
		if err != nil || !ok {
			t.Fatalf("ObserveLedger = %v, %v", ok, err)
		}
		if ok, _ := l.ObserveLedger(ctx, "0xaa", domain.TxState{Status: domain.TxSuccess, BlockNumber: 5, Confirmations: 2}, t0.Add(2*time.Second)); ok {
			t.Fatal("reverted became success")
		}
		if _, err := l.ObserveLedger(ctx, "0xbb", domain.TxState{Status: domain.TxSuccess}, t0); domain.KindOf(err) != domain.KindNotFound {
			t.Fatalf("unknown hash err = %v, want not found", err)
		}
		pending, err := l.PendingLedger(ctx, 10)
		if err != nil || len(pending) != 0 {
			t.Fatalf("PendingLedger = %v, %v", pending, err)
		}
		all, _ := l.LedgerEntries(ctx)
		if st := all[0].State(); st.Status != domain.TxReverted || st.EffectiveGasPrice.Cmp(big.NewInt(7)) != 0 {
			t.Fatalf("stored state = %+v", st)
		}
	})

	t.Run("pending_respects_limit", func(t *testing.T) {
		l := newLedger(t)
		for i, h := range []string{"0x1", "0x2", "0x3"} {
			if err := l.AppendLedger(ctx, entry(h, t0.Add(time.Duration(i)*time.Minute))); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := l.ObserveLedger(ctx, "0x2", domain.TxState{Status: domain.TxNotFound}, t0); err != nil {
			t.Fatal(err)
		}
		p, err := l.PendingLedger(ctx, 2)
		if err != nil || len(p) != 2 || p[0].Hash != "0x1" || p[1].Hash != "0x3" {
			t.Fatalf("PendingLedger(2) = %v, %v; want the never-checked entries first", p, err)
		}
	})

	t.Run("pending_rotates_through_entries_that_never_settle", func(t *testing.T) {
		l := newLedger(t)
		for i, h := range []string{"0xa", "0xb", "0xc"} {
			if err := l.AppendLedger(ctx, entry(h, t0.Add(time.Duration(i)*time.Minute))); err != nil {
				t.Fatal(err)
			}
		}
		seen := map[string]bool{}
		for pass := 0; pass < 3; pass++ {
			p, err := l.PendingLedger(ctx, 1)
			if err != nil || len(p) != 1 {
				t.Fatalf("pass %d: PendingLedger(1) = %v, %v", pass, p, err)
			}
			seen[p[0].Hash] = true
			// Still not on chain: an unchanged observation marks it checked.
			if _, err := l.ObserveLedger(ctx, p[0].Hash, p[0].State(), t0.Add(time.Duration(pass+1)*time.Hour)); err != nil {
				t.Fatal(err)
			}
		}
		if len(seen) != 3 {
			t.Fatalf("three passes of limit 1 checked %v; want every entry once", seen)
		}
	})
}

// RunIdempotency runs the contract suite of ports.Idempotency.
func RunIdempotency(t *testing.T, newStore func(t *testing.T) ports.Idempotency) {
	ctx := context.Background()
	now := time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)
	t.Run("claim_complete_replay", func(t *testing.T) {
		s := newStore(t)
		if rec, claimed, err := s.ClaimIdempotencyKey(ctx, "x", "k", "fp", now); err != nil || !claimed || rec.Response != nil {
			t.Fatalf("first claim = %+v, %v, %v", rec, claimed, err)
		}
		if rec, claimed, _ := s.ClaimIdempotencyKey(ctx, "x", "k", "other", now); claimed || rec.Fingerprint != "fp" || rec.Response != nil {
			t.Fatalf("claim while running = %+v, %v", rec, claimed)
		}
		if err := s.CompleteIdempotencyKey(ctx, "x", "k", []byte("resp")); err != nil {
			t.Fatal(err)
		}
		if err := s.ReleaseIdempotencyKey(ctx, "x", "k"); err != nil {
			t.Fatal(err)
		}
		if rec, claimed, _ := s.ClaimIdempotencyKey(ctx, "x", "k", "fp", now); claimed || string(rec.Response) != "resp" {
			t.Fatalf("completed key = %+v, %v (release must not drop a completed key)", rec, claimed)
		}
		if _, claimed, _ := s.ClaimIdempotencyKey(ctx, "y", "k", "fp", now); !claimed {
			t.Fatal("scopes share keys")
		}
	})
	t.Run("release_frees_a_failed_claim", func(t *testing.T) {
		s := newStore(t)
		if _, _, err := s.ClaimIdempotencyKey(ctx, "x", "k", "fp", now); err != nil {
			t.Fatal(err)
		}
		if err := s.ReleaseIdempotencyKey(ctx, "x", "k"); err != nil {
			t.Fatal(err)
		}
		if _, claimed, _ := s.ClaimIdempotencyKey(ctx, "x", "k", "fp2", now); !claimed {
			t.Fatal("released key not claimable")
		}
	})
}
