package domain

import (
	"math/big"
	"slices"
	"strings"
	"time"
)

// ProfileWindow limits the trading profile to recent entries.
type ProfileWindow string

// The profile windows.
const (
	Window7d  ProfileWindow = "7d"
	Window30d ProfileWindow = "30d"
	WindowAll ProfileWindow = "all"
)

// ParseProfileWindow reads the window query: 7d, 30d or all; anything else
// is the default, 30d.
func ParseProfileWindow(s string) ProfileWindow {
	switch w := ProfileWindow(strings.ToLower(strings.TrimSpace(s))); w {
	case Window7d, WindowAll:
		return w
	}
	return Window30d
}

// Since returns the earliest creation time inside the window at now, or the
// zero time for all.
func (w ProfileWindow) Since(now time.Time) time.Time {
	switch w {
	case Window7d:
		return now.Add(-7 * 24 * time.Hour)
	case WindowAll:
		return time.Time{}
	}
	return now.Add(-30 * 24 * time.Hour)
}

// ProfileSource filters entries by attribution.
type ProfileSource string

// The profile source filters.
const (
	ProfileSourceAll    ProfileSource = "all"
	ProfileSourceAgent  ProfileSource = "agent"
	ProfileSourceManual ProfileSource = "manual"
)

// ParseProfileSource reads the source query: agent, manual or all; anything
// else is all.
func ParseProfileSource(s string) ProfileSource {
	switch p := ProfileSource(strings.ToLower(strings.TrimSpace(s))); p {
	case ProfileSourceAgent, ProfileSourceManual:
		return p
	}
	return ProfileSourceAll
}

func (p ProfileSource) admits(s TradeSource) bool {
	return p == ProfileSourceAll || string(p) == string(s)
}

// RecentSwapsLimit is how many swaps the profile lists.
const RecentSwapsLimit = 20

// ProfileSummary holds the profile's totals. Money is in wei of the native
// coin: exact integers for volumes, exact rationals for P&L (pro-rata lot
// costs need not be whole wei).
type ProfileSummary struct {
	TotalSwaps, BuyCount, SellCount           int
	SettledCount, SuccessCount, RevertedCount int
	WinningTrades, EvaluatedTrades            int
	TradeWinRate, TxSuccessRate               *big.Rat // percent; nil when nothing to rate
	RealizedPnlWei                            *big.Rat
	VolumeWei                                 *big.Int
	UnrealizedPnlWei                          *big.Rat // nil until MarkToMarket priced every open lot
}

// ProfileDay is one UTC day of the P&L series.
type ProfileDay struct {
	Day            string // YYYY-MM-DD, UTC
	RealizedPnlWei *big.Rat
	VolumeWei      *big.Int
	Swaps          int
}

// TokenProfile is the per-token breakdown. Open lots are what FIFO matching
// left unsold; their cost is what the buys paid for them.
type TokenProfile struct {
	TokenAddress     string
	Symbol           string
	Decimals         uint8
	BuyCount         int
	SellCount        int
	RealizedPnlWei   *big.Rat
	VolumeWei        *big.Int
	OpenUnits        *big.Int
	OpenCostWei      *big.Rat
	MarkValueWei     *big.Int // what the open units fetch at the current quote; nil when unknown
	UnrealizedPnlWei *big.Rat // MarkValueWei - OpenCostWei; nil when unknown
}

// TradingProfile is the P&L report over the swap ledger.
type TradingProfile struct {
	Window      ProfileWindow
	Source      ProfileSource
	GeneratedAt time.Time
	Summary     ProfileSummary
	Series      []ProfileDay   // oldest day first
	Tokens      []TokenProfile // largest volume first
	Recent      []*LedgerEntry // newest first, at most RecentSwapsLimit
}

// lot is one FIFO lot: units bought and what they cost.
type lot struct {
	units *big.Int
	cost  *big.Rat
}

// BuildTradingProfile computes the profile for window and source at now.
//
// Only successful swaps move money. They are matched per token in creation
// order with FIFO lots over the whole history of the source, so a sell in
// the window is matched against buys made before it; counts, volume and
// realized P&L then include only entries inside the window. A sell of more
// units than the open lots hold (tokens that arrived outside the ledger)
// realizes P&L only on the matched part: its proceeds are apportioned pro
// rata, instead of booking the excess at zero cost as the reference did.
func BuildTradingProfile(entries []*LedgerEntry, window ProfileWindow, source ProfileSource, now time.Time) TradingProfile {
	since := window.Since(now)
	swaps := make([]*LedgerEntry, 0, len(entries))
	for _, e := range entries {
		if e.Kind == LedgerSwap && source.admits(e.Source) {
			swaps = append(swaps, e)
		}
	}
	slices.SortStableFunc(swaps, func(a, b *LedgerEntry) int {
		if c := a.CreatedAt.Compare(b.CreatedAt); c != 0 {
			return c
		}
		return strings.Compare(a.Hash, b.Hash)
	})

	p := TradingProfile{Window: window, Source: source, GeneratedAt: now}
	s := &p.Summary
	s.RealizedPnlWei, s.VolumeWei = new(big.Rat), new(big.Int)
	lots := map[string][]lot{}
	tokens := map[string]*TokenProfile{}
	days := map[string]*ProfileDay{}
	for _, e := range swaps {
		inWindow := !e.CreatedAt.Before(since)
		key := strings.ToLower(e.TokenAddress)
		tp := tokens[key]
		if tp == nil {
			tp = &TokenProfile{TokenAddress: e.TokenAddress, RealizedPnlWei: new(big.Rat), VolumeWei: new(big.Int)}
			tokens[key] = tp
		}
		var day *ProfileDay
		if inWindow {
			d := e.CreatedAt.UTC().Format(time.DateOnly)
			if day = days[d]; day == nil {
				day = &ProfileDay{Day: d, RealizedPnlWei: new(big.Rat), VolumeWei: new(big.Int)}
				days[d] = day
			}
			day.Swaps++
			s.TotalSwaps++
			if e.Side == SideBuy {
				s.BuyCount++
				tp.BuyCount++
			} else {
				s.SellCount++
				tp.SellCount++
			}
			switch e.Status() {
			case TxSuccess:
				s.SuccessCount++
				s.SettledCount++
			case TxReverted:
				s.RevertedCount++
				s.SettledCount++
			}
			p.Recent = append(p.Recent, e)
		}
		if e.Status() != TxSuccess {
			continue
		}
		if e.Side == SideBuy {
			tp.Symbol, tp.Decimals = e.Out.Symbol, e.Out.Decimals
			lots[key] = append(lots[key], lot{units: new(big.Int).Set(e.Out.Units), cost: new(big.Rat).SetInt(e.In.Units)})
			if inWindow {
				addVolume(e.In.Units, s.VolumeWei, tp.VolumeWei, day.VolumeWei)
			}
			continue
		}
		tp.Symbol, tp.Decimals = e.In.Symbol, e.In.Decimals
		var pnl *big.Rat
		lots[key], pnl = matchSell(lots[key], e.In.Units, e.Out.Units)
		if !inWindow {
			continue
		}
		addVolume(e.Out.Units, s.VolumeWei, tp.VolumeWei, day.VolumeWei)
		if pnl == nil {
			continue
		}
		s.EvaluatedTrades++
		if pnl.Sign() > 0 {
			s.WinningTrades++
		}
		s.RealizedPnlWei.Add(s.RealizedPnlWei, pnl)
		tp.RealizedPnlWei.Add(tp.RealizedPnlWei, pnl)
		day.RealizedPnlWei.Add(day.RealizedPnlWei, pnl)
	}
	s.TradeWinRate = percent(s.WinningTrades, s.EvaluatedTrades)
	s.TxSuccessRate = percent(s.SuccessCount, s.SettledCount)

	for key, tp := range tokens {
		tp.OpenUnits, tp.OpenCostWei = new(big.Int), new(big.Rat)
		for _, l := range lots[key] {
			tp.OpenUnits.Add(tp.OpenUnits, l.units)
			tp.OpenCostWei.Add(tp.OpenCostWei, l.cost)
		}
		if tp.BuyCount+tp.SellCount > 0 || tp.OpenUnits.Sign() > 0 {
			p.Tokens = append(p.Tokens, *tp)
		}
	}
	slices.SortFunc(p.Tokens, func(a, b TokenProfile) int {
		if c := b.VolumeWei.Cmp(a.VolumeWei); c != 0 {
			return c
		}
		return strings.Compare(strings.ToLower(a.TokenAddress), strings.ToLower(b.TokenAddress))
	})
	for _, d := range days {
		p.Series = append(p.Series, *d)
	}
	slices.SortFunc(p.Series, func(a, b ProfileDay) int { return strings.Compare(a.Day, b.Day) })
	slices.Reverse(p.Recent)
	if len(p.Recent) > RecentSwapsLimit {
		p.Recent = p.Recent[:RecentSwapsLimit]
	}
	return p
}

// matchSell consumes sold units from the FIFO lots and returns the remaining
// lots and the realized P&L of the matched part (nil when nothing matched).
func matchSell(lots []lot, sold, proceeds *big.Int) ([]lot, *big.Rat) {
	left := new(big.Int).Set(sold)
	matchedUnits, matchedCost := new(big.Int), new(big.Rat)
	for len(lots) > 0 && left.Sign() > 0 {
		l := lots[0]
		take := l.units
		if take.Cmp(left) > 0 {
			take = left
		}
		// cost of take units = lot cost × take / lot units, kept exact. A lot
		// of zero units (a buy quoted at nothing) is all cost: the next sell
		// consumes it whole.
		part := l.cost
		if l.units.Sign() > 0 {
			part = new(big.Rat).Mul(l.cost, new(big.Rat).SetFrac(take, l.units))
		}
		matchedCost.Add(matchedCost, part)
		matchedUnits.Add(matchedUnits, take)
		if take == l.units {
			lots = lots[1:]
		} else {
			lots[0] = lot{units: new(big.Int).Sub(l.units, take), cost: new(big.Rat).Sub(l.cost, part)}
		}
		left.Sub(left, take)
	}
	if matchedUnits.Sign() == 0 || sold.Sign() == 0 {
		return lots, nil
	}
	matchedProceeds := new(big.Rat).Mul(new(big.Rat).SetInt(proceeds), new(big.Rat).SetFrac(matchedUnits, sold))
	return lots, matchedProceeds.Sub(matchedProceeds, matchedCost)
}

// MarkToMarket values open lots: valueWei maps a lower-case token address to
// what its OpenUnits fetch now. Tokens with open units missing from the map
// stay unpriced, and the summary's unrealized P&L is set only when every
// open lot is priced.
func (p *TradingProfile) MarkToMarket(valueWei map[string]*big.Int) {
	total, complete := new(big.Rat), true
	for i := range p.Tokens {
		tp := &p.Tokens[i]
		if tp.OpenUnits.Sign() == 0 {
			continue
		}
		v, ok := valueWei[strings.ToLower(tp.TokenAddress)]
		if !ok || v == nil {
			complete = false
			continue
		}
		tp.MarkValueWei = new(big.Int).Set(v)
		tp.UnrealizedPnlWei = new(big.Rat).Sub(new(big.Rat).SetInt(v), tp.OpenCostWei)
		total.Add(total, tp.UnrealizedPnlWei)
	}
	if complete {
		p.Summary.UnrealizedPnlWei = total
	}
}

func addVolume(v *big.Int, into ...*big.Int) {
	for _, t := range into {
		t.Add(t, v)
	}
}

func percent(n, d int) *big.Rat {
	if d == 0 {
		return nil
	}
	return big.NewRat(int64(n)*100, int64(d))
}

// FormatRat renders r base units with the given decimals as a decimal string,
// rounded half away from zero to the last decimal: for wei amounts that is a
// rounding of at most half a wei.
func FormatRat(r *big.Rat, decimals uint8) string {
	if r == nil {
		return "0"
	}
	num := new(big.Int).Abs(r.Num())
	q, rem := new(big.Int).QuoRem(num, r.Denom(), new(big.Int))
	if new(big.Int).Lsh(rem, 1).Cmp(r.Denom()) >= 0 {
		q.Add(q, big.NewInt(1))
	}
	if r.Sign() < 0 {
		q.Neg(q)
	}
	return FormatUnits(q, decimals)
}
