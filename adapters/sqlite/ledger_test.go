package sqlite_test

import (
	"context"
	"math/big"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/agentwallet/agentwallet/adapters/sqlite"
	"github.com/agentwallet/agentwallet/domain"
	"github.com/agentwallet/agentwallet/ports"
	"github.com/agentwallet/agentwallet/ports/portstest"
)

func TestLedgerRoundTripAndTerminalStatus(t *testing.T) {
	s, path := newStore(t)
	ctx := context.Background()
	t0 := time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)
	rec := domain.LedgerRecord{
		Hash: "0xAbC", Kind: domain.LedgerSwap, CreatedAt: t0, Source: domain.SourceAgent, Side: domain.SideBuy,
		TokenAddress: "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", SlippageBps: 300, Route: []string{"0x1", "0x2"},
		In:    domain.AssetAmount{Symbol: "BNB", Decimals: 18, Units: big.NewInt(100000000000000000)},
		Out:   domain.AssetAmount{Symbol: "TKN", Decimals: 9, Units: new(big.Int).Lsh(big.NewInt(1), 200)},
		Nonce: 7, ExplorerURL: "https://bscscan.com/tx/0xabc",
	}
	if err := s.AppendLedger(ctx, domain.NewLedgerEntry(rec)); err != nil {
		t.Fatal(err)
	}
	if err := s.AppendLedger(ctx, domain.NewLedgerEntry(rec)); domain.KindOf(err) != domain.KindConflict {
		t.Fatalf("duplicate append err = %v, want conflict", err)
	}
	pending, err := s.PendingLedger(ctx, 10)
	if err != nil || len(pending) != 1 {
		t.Fatalf("PendingLedger = %v, %v", pending, err)
	}
	price := big.NewInt(3_000_000_000)
	changed, err := s.ObserveLedger(ctx, "0xabc", domain.TxState{Status: domain.TxSuccess, BlockNumber: 12, Confirmations: 1, GasUsed: 120000, EffectiveGasPrice: price}, t0.Add(time.Minute))
	if err != nil || !changed {
		t.Fatalf("ObserveLedger = %v, %v", changed, err)
	}
	if changed, _ := s.ObserveLedger(ctx, "0xABC", domain.TxState{Status: domain.TxPending}, t0.Add(2*time.Minute)); changed {
		t.Fatal("success went back to pending")
	}
	if _, err := s.ObserveLedger(ctx, "0xdef", domain.TxState{Status: domain.TxSuccess}, t0); domain.KindOf(err) != domain.KindNotFound {
		t.Fatalf("unknown hash err = %v", err)
	}
	s.Close()
	s2 := reopen(t, path)
	all, err := s2.LedgerEntries(ctx)
	if err != nil || len(all) != 1 {
		t.Fatalf("LedgerEntries = %v, %v", all, err)
	}
	got := all[0]
	if diff := cmp.Diff(rec, got.LedgerRecord, cmp.Comparer(func(a, b *big.Int) bool { return a.Cmp(b) == 0 })); diff != "" {
		t.Fatalf("record changed in storage (-want +got):\n%s", diff)
	}
	st := got.State()
	if st.Status != domain.TxSuccess || st.BlockNumber != 12 || st.EffectiveGasPrice.Cmp(price) != 0 || st.Nonce == nil || *st.Nonce != 7 {
		t.Fatalf("state = %+v", st)
	}
	if p, _ := s2.PendingLedger(ctx, 10); len(p) != 0 {
		t.Fatalf("settled entry still pending: %v", p)
	}
}

func TestIdempotencyClaim(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	now := time.Now()
	rec, claimed, err := s.ClaimIdempotencyKey(ctx, "transfer", "k1", "fp1", now)
	if err != nil || !claimed || rec.Response != nil {
		t.Fatalf("first claim = %+v, %v, %v", rec, claimed, err)
	}
	rec, claimed, err = s.ClaimIdempotencyKey(ctx, "transfer", "k1", "fp2", now)
	if err != nil || claimed || rec.Fingerprint != "fp1" || rec.Response != nil {
		t.Fatalf("second claim = %+v, %v, %v", rec, claimed, err)
	}
	if _, claimed, _ := s.ClaimIdempotencyKey(ctx, "trade", "k1", "fp1", now); !claimed {
		t.Fatal("scopes are not separate")
	}
	if err := s.CompleteIdempotencyKey(ctx, "transfer", "k1", []byte(`{"ok":true}`)); err != nil {
		t.Fatal(err)
	}
	if err := s.ReleaseIdempotencyKey(ctx, "transfer", "k1"); err != nil {
		t.Fatal(err)
	}
	rec, claimed, _ = s.ClaimIdempotencyKey(ctx, "transfer", "k1", "fp1", now)
	if claimed || string(rec.Response) != `{"ok":true}` {
		t.Fatalf("completed key = %+v, claimed %v", rec, claimed)
	}
	if err := s.ReleaseIdempotencyKey(ctx, "trade", "k1"); err != nil {
		t.Fatal(err)
	}
	if _, claimed, _ := s.ClaimIdempotencyKey(ctx, "trade", "k1", "fp1", now); !claimed {
		t.Fatal("released key not claimable")
	}
}

func reopen(t *testing.T, path string) *sqlite.Store {
	t.Helper()
	s, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestLedgerContract(t *testing.T) {
	portstest.RunLedger(t, func(t *testing.T) ports.Ledger { s, _ := newStore(t); return s })
}

func TestIdempotencyContract(t *testing.T) {
	portstest.RunIdempotency(t, func(t *testing.T) ports.Idempotency { s, _ := newStore(t); return s })
}
