package app

import (
	"context"
	"math/big"
	"strings"

	"github.com/agentwallet/agentwallet/domain"
)

// TradingProfile builds the P&L profile from the ledger and, when the RPC
// answers, marks open lots to the router's current quote.
func (t *Trading) TradingProfile(ctx context.Context, window, source string) (domain.TradingProfile, error) {
	entries, err := t.ledger.LedgerEntries(ctx)
	if err != nil {
		return domain.TradingProfile{}, err
	}
	p := domain.BuildTradingProfile(entries, domain.ParseProfileWindow(window), domain.ParseProfileSource(source), t.clock.Now())
	wbnb, err := t.chain.Router.WrappedNative(ctx)
	if err != nil {
		return p, nil // unrealized P&L stays unknown without a chain
	}
	marks := map[string]*big.Int{}
	for _, tp := range p.Tokens {
		if tp.OpenUnits.Sign() == 0 {
			continue
		}
		amounts, err := t.chain.Router.AmountsOut(ctx, tp.OpenUnits, []string{tp.TokenAddress, wbnb})
		if err != nil {
			continue
		}
		marks[strings.ToLower(tp.TokenAddress)] = amounts[len(amounts)-1]
	}
	p.MarkToMarket(marks)
	return p, nil
}
