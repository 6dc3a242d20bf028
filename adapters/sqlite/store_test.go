package sqlite_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/agentwallet/agentwallet/adapters/sqlite"
	"github.com/agentwallet/agentwallet/domain"
	"github.com/agentwallet/agentwallet/ports"
)

func newStore(t testing.TB) (*sqlite.Store, string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "state")
	path := filepath.Join(dir, "agentwallet.db")
	s, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s, path
}

func TestOpenCreatesPrivateFilesAndReopens(t *testing.T) {
	s, path := newStore(t)
	ctx := context.Background()
	if err := s.PutKeyRecord(ctx, ports.KeyRecord{Chain: domain.ChainEVM, Address: "0xabc", Version: 1, Nonce: []byte{1}, Ciphertext: []byte{2}, CreatedAt: time.Unix(10, 0)}); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{path, path + "-wal"} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatalf("stat %s: %v", p, err)
		}
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("%s mode = %v, want 0600", filepath.Base(p), fi.Mode().Perm())
		}
	}
	if fi, _ := os.Stat(filepath.Dir(path)); fi.Mode().Perm() != 0o700 {
		t.Errorf("dir mode = %v, want 0700", fi.Mode().Perm())
	}
	s.Close()
	// Reopening re-runs migrations as no-ops and keeps the data.
	s2, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer s2.Close()
	r, err := s2.KeyRecord(ctx, domain.ChainEVM)
	if err != nil || r.Address != "0xabc" || !r.CreatedAt.Equal(time.Unix(10, 0)) {
		t.Fatalf("KeyRecord after reopen = %+v, %v", r, err)
	}
}

func TestKeyRecords(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	if _, err := s.KeyRecord(ctx, domain.ChainSolana); domain.KindOf(err) != domain.KindNotFound {
		t.Fatalf("missing record err = %v, want not found", err)
	}
	for _, r := range []ports.KeyRecord{
		{Chain: domain.ChainSolana, Address: "sol1", Version: 1, Nonce: []byte{1}, Ciphertext: []byte{1}},
		{Chain: domain.ChainEVM, Address: "0x1", Version: 1, Nonce: []byte{2}, Ciphertext: []byte{2}},
		{Chain: domain.ChainEVM, Address: "0x2", Version: 1, Nonce: []byte{3}, Ciphertext: []byte{3}},
	} {
		if err := s.PutKeyRecord(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	list, err := s.KeyRecordList(ctx)
	if err != nil || len(list) != 2 || list[0].Chain != domain.ChainEVM || list[0].Address != "0x2" || list[1].Address != "sol1" {
		t.Fatalf("KeyRecordList = %+v, %v", list, err)
	}
}

func TestMetaPutIfAbsentKeepsFirstValue(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	if _, err := s.Meta(ctx, "k"); domain.KindOf(err) != domain.KindNotFound {
		t.Fatalf("Meta missing err = %v", err)
	}
	first, err := s.PutMetaIfAbsent(ctx, "k", []byte("one"))
	if err != nil || string(first) != "one" {
		t.Fatalf("first put = %q, %v", first, err)
	}
	second, err := s.PutMetaIfAbsent(ctx, "k", []byte("two"))
	if err != nil || string(second) != "one" {
		t.Fatalf("second put = %q, %v; want the first value kept", second, err)
	}
}

func TestAttemptsSlidingWindow(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	t0 := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	w := 15 * time.Minute
	for i, want := range []int{1, 2, 3} {
		n, err := s.RecordAttempt(ctx, "export", t0.Add(time.Duration(i)*time.Minute), w)
		if err != nil || n != want {
			t.Fatalf("attempt %d: n = %d, %v; want %d", i, n, err, want)
		}
	}
	if n, _ := s.RecordAttempt(ctx, "other", t0, w); n != 1 {
		t.Fatalf("scopes must be independent, got %d", n)
	}
	// 15 minutes after the first attempt it has left the window.
	if n, _ := s.RecordAttempt(ctx, "export", t0.Add(w), w); n != 3 {
		t.Fatalf("after the window n = %d, want 3 (first attempt expired)", n)
	}
	if n, _ := s.CountAttempts(ctx, "export", t0.Add(2*time.Minute)); n != 2 {
		t.Fatalf("CountAttempts = %d, want 2", n)
	}
}

func TestSettingsAndAudit(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	a, b := "1", "2"
	if err := s.UpdateSettings(ctx, map[string]*string{"a": &a, "b": &b}); err != nil {
		t.Fatal(err)
	}
	if err := s.UpdateSettings(ctx, map[string]*string{"a": nil}); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := s.Setting(ctx, "a"); ok {
		t.Error("a should be deleted")
	}
	all, err := s.AllSettings(ctx)
	if err != nil || len(all) != 1 || all["b"] != "2" {
		t.Fatalf("AllSettings = %v, %v", all, err)
	}
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, o := range []string{"refused:unconfirmed", "allowed"} {
		if err := s.RecordAudit(ctx, domain.AuditEntry{At: at, Action: "wallet.export", Outcome: o, Client: "127.0.0.1 curl"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.RecordAudit(ctx, domain.AuditEntry{At: at, Action: "other", Outcome: "x"}); err != nil {
		t.Fatal(err)
	}
	es, err := s.AuditEntries(ctx, "wallet.export", 10)
	if err != nil || len(es) != 2 || es[0].Outcome != "allowed" || !es[0].At.Equal(at) {
		t.Fatalf("AuditEntries = %+v, %v", es, err)
	}
	if err := s.Ping(ctx); err != nil {
		t.Fatal(err)
	}
}

func TestCancelledContextIsNotInternal(t *testing.T) {
	s, _ := newStore(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := s.AllSettings(ctx)
	if err == nil || domain.KindOf(err) == domain.KindInternal {
		t.Fatalf("cancelled ctx err = %v (kind %v), want a timeout kind", err, domain.KindOf(err))
	}
}
