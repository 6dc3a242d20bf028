package app

import (
	"context"
	"math/big"
	"strings"
	"time"

	"github.com/agentwallet/agentwallet/domain"
)

// QuoteInput is a quote request as the API receives it.
type QuoteInput struct {
	Side         string
	TokenAddress string
	Amount       string
	SlippageBps  *int64
}

// Quote is a priced swap through the router.
type Quote struct {
	Side          domain.TradeSide
	TokenAddress  string
	TokenSymbol   string
	SlippageBps   int
	Route         string   // "SYMBOL/WBNB", as the spec shows
	Path          []string // the router path
	RouterAddress string
	WrappedNative string
	In, Out       domain.AssetAmount
	MinReceive    domain.AssetAmount
	Price         string // Out per In, exact to 18 decimals
	QuotedAt      time.Time
	Preflight     Preflight
}

// Quote validates the request, runs the preflight and asks the router.
func (t *Trading) Quote(ctx context.Context, in QuoteInput) (Quote, error) {
	if strings.TrimSpace(in.Side) == "" || strings.TrimSpace(in.TokenAddress) == "" || strings.TrimSpace(in.Amount) == "" {
		return Quote{}, domain.Errorf(domain.KindInvalid, "side, tokenAddress and amount are required")
	}
	side, err := domain.ParseTradeSide(in.Side)
	if err != nil {
		return Quote{}, err
	}
	token, err := domain.ParseEVMAddress(in.TokenAddress)
	if err != nil {
		return Quote{}, err
	}
	slip, err := domain.SlippageBps(in.SlippageBps)
	if err != nil {
		return Quote{}, err
	}
	if _, err := domain.ParsePositiveUnits(in.Amount, domain.MaxDecimals); err != nil {
		return Quote{}, err // early shape check; the real parse needs the decimals
	}
	pre, err := t.Preflight(ctx, token)
	if err != nil {
		return Quote{}, err
	}
	if !pre.OK {
		return Quote{}, preflightError(pre)
	}
	info, err := t.chain.ERC20.TokenInfo(ctx, token)
	if err != nil {
		return Quote{}, err
	}
	wbnb, err := t.chain.Router.WrappedNative(ctx)
	if err != nil {
		return Quote{}, err
	}
	native := domain.AssetAmount{Symbol: "BNB", Decimals: 18}
	tok := domain.AssetAmount{Symbol: info.Symbol, Decimals: info.Decimals}
	q := Quote{Side: side, TokenAddress: info.Address, TokenSymbol: info.Symbol, SlippageBps: slip,
		Route: info.Symbol + "/WBNB", RouterAddress: t.chain.Router.RouterAddress(), WrappedNative: wbnb, Preflight: pre}
	if side == domain.SideBuy {
		q.In, q.Out, q.Path = native, tok, []string{wbnb, info.Address}
	} else {
		q.In, q.Out, q.Path = tok, native, []string{info.Address, wbnb}
	}
	if q.In.Units, err = domain.ParsePositiveUnits(in.Amount, q.In.Decimals); err != nil {
		return Quote{}, err
	}
	if err := t.checkFunds(ctx, side, pre, info.Address, q.In); err != nil {
		return Quote{}, err
	}
	amounts, err := t.chain.Router.AmountsOut(ctx, q.In.Units, q.Path)
	if err != nil {
		return Quote{}, err
	}
	q.Out.Units = amounts[len(amounts)-1]
	if q.Out.Units.Sign() <= 0 {
		// minReceive would be zero: the swap would take the input and may
		// deliver nothing.
		return Quote{}, domain.Errorf(domain.KindUnprocessable, "amount %s %s is too small: the router quotes nothing for it",
			q.In.String(), q.In.Symbol).WithCode("AMOUNT_TOO_SMALL")
	}
	q.MinReceive = q.Out
	q.MinReceive.Units = domain.MinReceive(q.Out.Units, slip)
	q.Price = price(q.In, q.Out)
	q.QuotedAt = t.clock.Now()
	return q, nil
}

// checkFunds refuses a trade the wallet cannot pay: a buy must leave the gas
// reserve, a sell needs the tokens.
func (t *Trading) checkFunds(ctx context.Context, side domain.TradeSide, pre Preflight, token string, in domain.AssetAmount) error {
	if side == domain.SideBuy {
		need := new(big.Int).Add(in.Units, domain.MinGasBalanceWei)
		if pre.BNBBalanceWei.Cmp(need) < 0 {
			return domain.Errorf(domain.KindInsufficientFunds, "BNB balance %s is below %s plus 0.005 BNB for gas",
				domain.FormatUnits(pre.BNBBalanceWei, 18), in.String()).WithCode("INSUFFICIENT_BALANCE")
		}
		return nil
	}
	bal, err := t.chain.ERC20.TokenBalance(ctx, token, pre.WalletAddress)
	if err != nil {
		return err
	}
	if bal.Cmp(in.Units) < 0 {
		return domain.Errorf(domain.KindInsufficientFunds, "%s balance %s is below %s",
			in.Symbol, domain.FormatUnits(bal, in.Decimals), in.String()).WithCode("INSUFFICIENT_BALANCE")
	}
	return nil
}

// preflightError turns a failed preflight into the error of its first
// problem, with a Kind the caller can act on.
func preflightError(p Preflight) error {
	reason := "trade preflight failed"
	if len(p.Reasons) > 0 {
		reason = p.Reasons[0]
	}
	c := p.Checks
	switch {
	case !c.TokenAddressValid:
		return domain.Errorf(domain.KindInvalid, "%s", reason).WithCode("INVALID_TOKEN")
	case !c.WalletReady:
		return domain.Errorf(domain.KindConflict, "%s", reason).WithCode("NO_WALLET")
	case !c.RPCReady || !c.ChainReady || !c.GasReady && p.BNBBalanceWei == nil:
		// An unread balance is the node's failure, not the user's funds.
		return domain.Errorf(domain.KindUnavailable, "%s", reason).WithCode("BSC_RPC_UNAVAILABLE")
	default:
		return domain.Errorf(domain.KindInsufficientFunds, "%s", reason).WithCode("INSUFFICIENT_BALANCE")
	}
}

// price is out per in in whole units, exact and rounded to 18 decimals.
func price(in, out domain.AssetAmount) string {
	if in.Units == nil || in.Units.Sign() == 0 || out.Units == nil {
		return "0"
	}
	pow := func(d uint8) *big.Int { return new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(d)), nil) }
	// out/10^od ÷ in/10^id, scaled by 10^18 so FormatRat keeps 18 decimals.
	num := new(big.Int).Mul(out.Units, pow(in.Decimals))
	num.Mul(num, pow(18))
	den := new(big.Int).Mul(in.Units, pow(out.Decimals))
	return domain.FormatRat(new(big.Rat).SetFrac(num, den), 18)
}
