package domain_test

import (
	"fmt"
	"math/big"
	"testing"
	"time"

	"github.com/agentwallet/agentwallet/domain"
)

const tokenA = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"
const tokenB = "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359"

func units(t testing.TB, s string) *big.Int {
	t.Helper()
	v, err := domain.ParseUnits(s, 18)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// newSwap builds a swap ledger entry: for a buy, bnb goes in and tokens come
// out; for a sell the reverse.
func newSwap(t testing.TB, hash string, at time.Time, src domain.TradeSource, side domain.TradeSide, token, bnb, tokens string, st domain.TxStatus) *domain.LedgerEntry {
	t.Helper()
	native := domain.AssetAmount{Symbol: "BNB", Decimals: 18, Units: units(t, bnb)}
	tok := domain.AssetAmount{Symbol: "TKN", Decimals: 18, Units: units(t, tokens)}
	rec := domain.LedgerRecord{Hash: hash, Kind: domain.LedgerSwap, CreatedAt: at, Source: src, Side: side, TokenAddress: token, In: native, Out: tok}
	if side == domain.SideSell {
		rec.In, rec.Out = tok, native
	}
	e := domain.NewLedgerEntry(rec)
	if st != domain.TxPending {
		e.Observe(domain.TxState{Status: st, BlockNumber: 1, Confirmations: 1}, at)
	}
	return e
}

func TestBuildTradingProfileReferenceExample(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)
	day := func(h int) time.Time { return now.Add(-time.Duration(h) * time.Hour) }
	entries := []*domain.LedgerEntry{
		newSwap(t, "0x01", day(50), domain.SourceManual, domain.SideBuy, tokenA, "1", "10", domain.TxSuccess),
		newSwap(t, "0x02", day(49), domain.SourceAgent, domain.SideBuy, tokenA, "2", "10", domain.TxSuccess),
		newSwap(t, "0x03", day(5), domain.SourceManual, domain.SideSell, tokenA, "2.7", "15", domain.TxSuccess),
		newSwap(t, "0x04", day(4), domain.SourceManual, domain.SideBuy, tokenA, "9", "1", domain.TxReverted),
		newSwap(t, "0x05", day(3), domain.SourceManual, domain.SideBuy, tokenA, "9", "1", domain.TxPending),
	}
	p := domain.BuildTradingProfile(entries, domain.Window30d, domain.ProfileSourceAll, now)
	s := p.Summary
	if s.TotalSwaps != 5 || s.BuyCount != 4 || s.SellCount != 1 || s.SuccessCount != 3 || s.RevertedCount != 1 || s.SettledCount != 4 {
		t.Fatalf("counts = %+v", s)
	}
	if got := s.TxSuccessRate.RatString(); got != "75" {
		t.Errorf("txSuccessRate = %s, want 75", got)
	}
	if got := s.TradeWinRate.RatString(); got != "100" {
		t.Errorf("tradeWinRate = %s, want 100", got)
	}
	if got := domain.FormatRat(s.RealizedPnlWei, 18); got != "0.7" {
		t.Errorf("realizedPnl = %s, want 0.7", got)
	}
	if got := domain.FormatUnits(s.VolumeWei, 18); got != "5.7" {
		t.Errorf("volume = %s, want 5.7", got)
	}
	if s.WinningTrades != 1 || s.EvaluatedTrades != 1 {
		t.Errorf("win/evaluated = %d/%d", s.WinningTrades, s.EvaluatedTrades)
	}
	if p.Recent[0].Hash != "0x05" || p.Recent[len(p.Recent)-1].Hash != "0x01" {
		t.Errorf("recent not newest first: %s..%s", p.Recent[0].Hash, p.Recent[len(p.Recent)-1].Hash)
	}
	// 5 of the 20 bought units remain open, at the second lot's cost: 2 BNB × 5/10.
	if len(p.Tokens) != 1 || p.Tokens[0].OpenUnits.Cmp(units(t, "5")) != 0 || domain.FormatRat(p.Tokens[0].OpenCostWei, 18) != "1" {
		t.Fatalf("tokens = %+v", p.Tokens)
	}
	if s.UnrealizedPnlWei != nil {
		t.Error("unrealized set before marking to market")
	}
	p.MarkToMarket(map[string]*big.Int{"0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed": units(t, "1.25")})
	if got := domain.FormatRat(p.Summary.UnrealizedPnlWei, 18); got != "0.25" {
		t.Errorf("unrealized = %s, want 0.25", got)
	}
	var days []string
	for _, d := range p.Series {
		days = append(days, d.Day)
	}
	if len(days) != 2 || days[0] != "2026-11-22" || days[1] != "2026-11-24" || p.Series[1].Swaps != 3 {
		t.Errorf("series days = %v", days)
	}
}

func TestBuildTradingProfileWindowsAndSources(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)
	ago := func(d int) time.Time { return now.Add(-time.Duration(d) * 24 * time.Hour) }
	entries := []*domain.LedgerEntry{
		newSwap(t, "0xold", ago(40), domain.SourceAgent, domain.SideBuy, tokenA, "1", "10", domain.TxSuccess),
		newSwap(t, "0xd2", ago(2), domain.SourceManual, domain.SideBuy, tokenB, "1", "10", domain.TxSuccess),
		newSwap(t, "0xd1", ago(1), domain.SourceAgent, domain.SideSell, tokenA, "3", "10", domain.TxSuccess),
	}
	tests := []struct {
		name      string
		window    domain.ProfileWindow
		source    domain.ProfileSource
		wantSwaps int
		wantPnl   string
	}{
		{"agent_trade_40_days_old_outside_30d", domain.Window30d, domain.ProfileSourceAgent, 1, "2"},
		{"seven_days_all_sources", domain.Window7d, domain.ProfileSourceAll, 2, "2"},
		{"all_time_agent", domain.WindowAll, domain.ProfileSourceAgent, 2, "2"},
		{"manual_only_no_sells", domain.Window30d, domain.ProfileSourceManual, 1, "0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := domain.BuildTradingProfile(entries, tt.window, tt.source, now)
			if p.Summary.TotalSwaps != tt.wantSwaps {
				t.Errorf("totalSwaps = %d, want %d", p.Summary.TotalSwaps, tt.wantSwaps)
			}
			if got := domain.FormatRat(p.Summary.RealizedPnlWei, 18); got != tt.wantPnl {
				t.Errorf("realizedPnl = %s, want %s", got, tt.wantPnl)
			}
		})
	}
}

func TestBuildTradingProfileOversellAndRounding(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)
	entries := []*domain.LedgerEntry{
		// 3 units for 1 BNB, then sell 1 unit for 1 BNB: P&L 2/3 BNB, not a finite decimal.
		newSwap(t, "0x1", now.Add(-3*time.Hour), domain.SourceManual, domain.SideBuy, tokenA, "1", "3", domain.TxSuccess),
		newSwap(t, "0x2", now.Add(-2*time.Hour), domain.SourceManual, domain.SideSell, tokenA, "1", "1", domain.TxSuccess),
		// Sell 4 units while only 2 are open: half the proceeds (2 of 4 BNB) match 2/3 BNB of cost.
		newSwap(t, "0x3", now.Add(-1*time.Hour), domain.SourceManual, domain.SideSell, tokenA, "4", "4", domain.TxSuccess),
	}
	p := domain.BuildTradingProfile(entries, domain.WindowAll, domain.ProfileSourceAll, now)
	// 2/3 + (2 - 2/3) = 2 exactly.
	if got := domain.FormatRat(p.Summary.RealizedPnlWei, 18); got != "2" {
		t.Errorf("realizedPnl = %s, want 2", got)
	}
	first := domain.BuildTradingProfile(entries[:2], domain.WindowAll, domain.ProfileSourceAll, now)
	if got := domain.FormatRat(first.Summary.RealizedPnlWei, 18); got != "0.666666666666666667" {
		t.Errorf("realizedPnl = %s, want 0.666666666666666667", got)
	}
	if got := domain.FormatRat(first.Tokens[0].OpenCostWei, 18); got != "0.666666666666666667" {
		t.Errorf("open cost = %s", got)
	}
	if p.Tokens[0].OpenUnits.Sign() != 0 {
		t.Errorf("open units after oversell = %s", p.Tokens[0].OpenUnits)
	}
}

func TestBuildTradingProfileEmpty(t *testing.T) {
	t.Parallel()
	p := domain.BuildTradingProfile(nil, domain.Window30d, domain.ProfileSourceAll, time.Now())
	if p.Summary.TradeWinRate != nil || p.Summary.TxSuccessRate != nil || p.Summary.RealizedPnlWei.Sign() != 0 || len(p.Recent) != 0 {
		t.Fatalf("empty profile = %+v", p.Summary)
	}
	p.MarkToMarket(nil)
	if p.Summary.UnrealizedPnlWei == nil || p.Summary.UnrealizedPnlWei.Sign() != 0 {
		t.Fatal("no open lots should mark to zero unrealized")
	}
}

func TestProfileQueryParsing(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]domain.ProfileWindow{"7d": domain.Window7d, "ALL": domain.WindowAll, "": domain.Window30d, "90d": domain.Window30d} {
		if got := domain.ParseProfileWindow(in); got != want {
			t.Errorf("ParseProfileWindow(%q) = %q", in, got)
		}
	}
	for in, want := range map[string]domain.ProfileSource{"agent": domain.ProfileSourceAgent, "manual": domain.ProfileSourceManual, "": domain.ProfileSourceAll, "x": domain.ProfileSourceAll} {
		if got := domain.ParseProfileSource(in); got != want {
			t.Errorf("ParseProfileSource(%q) = %q", in, got)
		}
	}
}

func TestFormatRat(t *testing.T) {
	t.Parallel()
	tests := []struct {
		r    *big.Rat
		want string
	}{
		{big.NewRat(1, 2), "0.000000000000000001"},
		{big.NewRat(-1, 2), "-0.000000000000000001"},
		{big.NewRat(1, 3), "0"},
		{new(big.Rat).Mul(big.NewRat(49, 100), new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(18), nil))), "0.49"},
		{nil, "0"},
	}
	for _, tt := range tests {
		if got := domain.FormatRat(tt.r, 18); got != tt.want {
			t.Errorf("FormatRat(%v) = %s, want %s", tt.r, got, tt.want)
		}
	}
}

func FuzzParseUnitsRoundTrip(f *testing.F) {
	for _, s := range []string{"0", "1", "1.5", "0.000000000000000001", ".5", "5.", "-1", "+1", "1e18", "1_000", " 2 ", "00.10", "١", "0x10", "99999999999999999999999999999999999999999999999999999999999999999999999999999999999"} {
		f.Add(s, uint8(18))
	}
	f.Fuzz(func(t *testing.T, s string, decimals uint8) {
		v, err := domain.ParseUnits(s, decimals)
		if err != nil {
			if domain.KindOf(err) != domain.KindInvalid {
				t.Fatalf("ParseUnits(%q) error kind %v", s, domain.KindOf(err))
			}
			return
		}
		if v.Sign() < 0 {
			t.Fatalf("ParseUnits(%q) = %s < 0", s, v)
		}
		back, err := domain.ParseUnits(domain.FormatUnits(v, decimals), decimals)
		if err != nil || back.Cmp(v) != 0 {
			t.Fatalf("round trip of %q: %s -> %s, %v", s, v, back, err)
		}
	})
}

func BenchmarkBuildTradingProfile(b *testing.B) {
	now := time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)
	var entries []*domain.LedgerEntry
	for i := range 2000 {
		side, bnb, tok := domain.SideBuy, "0.1", "100"
		if i%3 == 2 {
			side, bnb, tok = domain.SideSell, "0.12", "150"
		}
		token := tokenA
		if i%2 == 1 {
			token = tokenB
		}
		entries = append(entries, newSwap(b, fmt.Sprintf("0x%04x", i), now.Add(-time.Duration(2000-i)*10*time.Minute), domain.SourceAgent, side, token, bnb, tok, domain.TxSuccess))
	}
	b.ReportAllocs()
	for b.Loop() {
		domain.BuildTradingProfile(entries, domain.Window30d, domain.ProfileSourceAll, now)
	}
}

// TestBuildTradingProfileZeroUnitBuy pins that a buy recorded with a zero
// token output (a dust buy quoted at nothing) neither panics the profile
// nor realizes anything: its cost stays an open lot of zero units.
func TestBuildTradingProfileZeroUnitBuy(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)
	entries := []*domain.LedgerEntry{
		newSwap(t, "0x01", now.Add(-3*time.Hour), domain.SourceManual, domain.SideBuy, tokenA, "0.000000000000000001", "0", domain.TxSuccess),
		newSwap(t, "0x02", now.Add(-2*time.Hour), domain.SourceManual, domain.SideBuy, tokenA, "1", "10", domain.TxSuccess),
		newSwap(t, "0x03", now.Add(-time.Hour), domain.SourceManual, domain.SideSell, tokenA, "2", "10", domain.TxSuccess),
	}
	p := domain.BuildTradingProfile(entries, domain.Window30d, domain.ProfileSourceAll, now)
	if got := domain.FormatRat(p.Summary.RealizedPnlWei, 18); got != "0.999999999999999999" {
		t.Fatalf("realized P&L = %s, want 0.999999999999999999", got)
	}
}
