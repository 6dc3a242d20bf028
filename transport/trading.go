package transport

import (
	"math"
	"math/big"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/agentwallet/agentwallet/app"
	"github.com/agentwallet/agentwallet/domain"
)

type tradingHandlers struct{ app *app.App }

func registerTrading(api *gin.RouterGroup, a *app.App) {
	h := tradingHandlers{app: a}
	api.POST("/wallet/trade/preflight", h.preflight)
	api.POST("/wallet/trade/quote", h.quote)
	api.POST("/wallet/trade/execute", h.execute)
	api.GET("/wallet/trade/tx-status", h.txStatus)
	api.GET("/wallet/trading/profile", h.profile)
	api.POST("/wallet/transfer/execute", h.transfer)
	api.POST("/wallet/production-defaults", h.productionDefaults)
}

// isAgent reads either agent-action header.
func isAgent(c *gin.Context) bool {
	var vals []string
	for _, h := range domain.AgentActionHeaders {
		vals = append(vals, c.GetHeader(h))
	}
	return domain.IsAgentAction(vals...)
}

type checksJSON struct {
	WalletReady       bool `json:"walletReady"`
	RPCReady          bool `json:"rpcReady"`
	ChainReady        bool `json:"chainReady"`
	GasReady          bool `json:"gasReady"`
	TokenAddressValid bool `json:"tokenAddressValid"`
}

type preflightJSON struct {
	OK            bool       `json:"ok"`
	WalletAddress *string    `json:"walletAddress"`
	RPCURLHost    *string    `json:"rpcUrlHost"`
	ChainID       uint64     `json:"chainId"`
	BNBBalance    *string    `json:"bnbBalance"`
	MinGasBNB     string     `json:"minGasBnb"`
	Checks        checksJSON `json:"checks"`
	Reasons       []string   `json:"reasons"`
}

func toPreflightJSON(p app.Preflight) preflightJSON {
	out := preflightJSON{OK: p.OK, ChainID: p.ChainID, MinGasBNB: domain.FormatUnits(domain.MinGasBalanceWei, 18),
		Checks: checksJSON(p.Checks), Reasons: append([]string{}, p.Reasons...)}
	if p.WalletAddress != "" {
		out.WalletAddress = &p.WalletAddress
	}
	if p.RPCURLHost != "" {
		out.RPCURLHost = &p.RPCURLHost
	}
	if p.BNBBalanceWei != nil {
		b := domain.FormatUnits(p.BNBBalanceWei, 18)
		out.BNBBalance = &b
	}
	return out
}

type preflightRequest struct {
	TokenAddress string `json:"tokenAddress"`
}

func (h tradingHandlers) preflight(c *gin.Context) {
	var req preflightRequest
	if err := bindJSON(c, &req); err != nil {
		writeError(c, err)
		return
	}
	p, err := h.app.Trading.Preflight(c.Request.Context(), req.TokenAddress)
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, toPreflightJSON(p))
}

type amountJSON struct {
	Symbol    string `json:"symbol"`
	Amount    string `json:"amount"`
	AmountWei string `json:"amountWei"`
}

func toAmountJSON(a domain.AssetAmount) amountJSON {
	return amountJSON{Symbol: a.Symbol, Amount: a.String(), AmountWei: a.Units.String()}
}

type quoteJSON struct {
	OK                   bool           `json:"ok,omitempty"`
	Side                 string         `json:"side"`
	RouteProvider        string         `json:"routeProvider"`
	RouterAddress        string         `json:"routerAddress"`
	WrappedNativeAddress string         `json:"wrappedNativeAddress"`
	TokenAddress         string         `json:"tokenAddress"`
	SlippageBps          int            `json:"slippageBps"`
	Route                string         `json:"route"`
	RoutePath            []string       `json:"routePath"`
	QuoteIn              amountJSON     `json:"quoteIn"`
	QuoteOut             amountJSON     `json:"quoteOut"`
	MinReceive           amountJSON     `json:"minReceive"`
	Price                string         `json:"price"`
	QuotedAt             int64          `json:"quotedAt"` // unix milliseconds
	Preflight            *preflightJSON `json:"preflight,omitempty"`
}

func toQuoteJSON(q app.Quote, withPreflight bool) quoteJSON {
	out := quoteJSON{Side: string(q.Side), RouteProvider: "pancakeswap-v2", RouterAddress: q.RouterAddress,
		WrappedNativeAddress: q.WrappedNative, TokenAddress: q.TokenAddress, SlippageBps: q.SlippageBps,
		Route: q.Route, RoutePath: q.Path, QuoteIn: toAmountJSON(q.In), QuoteOut: toAmountJSON(q.Out),
		MinReceive: toAmountJSON(q.MinReceive), Price: q.Price, QuotedAt: q.QuotedAt.UnixMilli()}
	if withPreflight {
		p := toPreflightJSON(q.Preflight)
		out.Preflight = &p
	}
	return out
}

type quoteRequest struct {
	Side         string `json:"side"`
	TokenAddress string `json:"tokenAddress"`
	Amount       string `json:"amount"`
	SlippageBps  *int64 `json:"slippageBps"`
}

func (r quoteRequest) input() app.QuoteInput {
	return app.QuoteInput{Side: r.Side, TokenAddress: r.TokenAddress, Amount: r.Amount, SlippageBps: r.SlippageBps}
}

func (h tradingHandlers) quote(c *gin.Context) {
	var req quoteRequest
	if err := bindJSON(c, &req); err != nil {
		writeError(c, err)
		return
	}
	q, err := h.app.Trading.Quote(c.Request.Context(), req.input())
	if err != nil {
		writeError(c, err)
		return
	}
	out := toQuoteJSON(q, true)
	out.OK = true
	c.JSON(http.StatusOK, out)
}

type unsignedTxJSON struct {
	ChainID      uint64 `json:"chainId"`
	From         string `json:"from"`
	To           string `json:"to"`
	Data         string `json:"data"`
	ValueWei     string `json:"valueWei"`
	Deadline     *int64 `json:"deadline,omitempty"`
	ExplorerURL  string `json:"explorerUrl"`
	AssetSymbol  string `json:"assetSymbol,omitempty"`
	Amount       string `json:"amount,omitempty"`
	TokenAddress string `json:"tokenAddress,omitempty"`
	Spender      string `json:"spender,omitempty"`
	AmountWei    string `json:"amountWei,omitempty"`
}

func toUnsignedJSON(u app.UnsignedTx) unsignedTxJSON {
	out := unsignedTxJSON{ChainID: u.ChainID, From: u.From, To: u.To, Data: hexData(u.Data), ValueWei: u.ValueWei, ExplorerURL: u.ExplorerURL,
		Spender: u.Spender, AmountWei: u.AmountWei}
	if u.Deadline != 0 {
		out.Deadline = &u.Deadline
	}
	return out
}

func hexData(b []byte) string {
	const digits = "0123456789abcdef"
	out := make([]byte, 2+2*len(b))
	out[0], out[1] = '0', 'x'
	for i, v := range b {
		out[2+2*i], out[3+2*i] = digits[v>>4], digits[v&15]
	}
	return string(out)
}

type executionJSON struct {
	Hash         string  `json:"hash"`
	Nonce        *uint64 `json:"nonce"` // null when Steward signed
	GasLimit     string  `json:"gasLimit"`
	ValueWei     string  `json:"valueWei"`
	ExplorerURL  string  `json:"explorerUrl"`
	BlockNumber  *uint64 `json:"blockNumber"`
	Status       string  `json:"status"`
	ApprovalHash string  `json:"approvalHash,omitempty"`
}

// toExecutionJSON renders an execution, or a policy hold's
// {status:"pending_approval", policyResults}; nil stays absent.
func toExecutionJSON(e *app.Execution) any {
	if e == nil {
		return nil
	}
	if len(e.PolicyResults) > 0 || e.Status == string(domain.StewardPendingApproval) {
		return heldJSON{Status: e.Status, PolicyResults: policyResultsJSON(e.PolicyResults), TxID: e.TxID, ApprovalHash: e.ApprovalHash}
	}
	out := &executionJSON{GasLimit: big.NewInt(0).SetUint64(e.GasLimit).String(), Hash: e.Hash, ValueWei: e.ValueWei,
		ExplorerURL: e.ExplorerURL, Status: e.Status, ApprovalHash: e.ApprovalHash}
	if !e.NonceUnknown {
		n := e.Nonce
		out.Nonce = &n
	}
	return out
}

type executeRequest struct {
	quoteRequest
	DeadlineSeconds *int64 `json:"deadlineSeconds"`
	Confirm         bool   `json:"confirm"`
	Source          string `json:"source"`
	QuotedAt        *int64 `json:"quotedAt"` // unix ms of the quote the caller acts on
}

type executeJSON struct {
	OK                    bool            `json:"ok"`
	Side                  string          `json:"side"`
	Mode                  string          `json:"mode"`
	Quote                 quoteJSON       `json:"quote"`
	Executed              bool            `json:"executed"`
	RequiresUserSignature bool            `json:"requiresUserSignature"`
	UnsignedTx            unsignedTxJSON  `json:"unsignedTx"`
	UnsignedApprovalTx    *unsignedTxJSON `json:"unsignedApprovalTx,omitempty"`
	RequiresApproval      bool            `json:"requiresApproval"`
	Execution             any             `json:"execution,omitempty"`
	Approval              any             `json:"approval,omitempty"`
	Reason                string          `json:"reason,omitempty"`
}

func (h tradingHandlers) execute(c *gin.Context) {
	var req executeRequest
	if err := bindJSON(c, &req); err != nil {
		writeError(c, err)
		return
	}
	in := app.ExecuteInput{
		QuoteInput: req.input(), DeadlineSeconds: req.DeadlineSeconds, Confirm: req.Confirm, Source: req.Source,
		Agent: isAgent(c), IdempotencyKey: c.GetHeader("Idempotency-Key"),
	}
	if req.QuotedAt != nil {
		in.QuotedAt = time.UnixMilli(*req.QuotedAt)
	}
	res, err := h.app.Trading.Execute(c.Request.Context(), in)
	if err != nil {
		writePolicyRejection(c, h.app, err)
		return
	}
	out := executeJSON{OK: true, Side: string(res.Side), Mode: res.Mode, Quote: toQuoteJSON(res.Quote, false),
		Executed: res.Executed, RequiresUserSignature: res.RequiresUserSignature, UnsignedTx: toUnsignedJSON(res.UnsignedTx),
		RequiresApproval: res.RequiresApproval, Execution: toExecutionJSON(res.Execution), Approval: toExecutionJSON(res.Approval), Reason: res.Reason}
	if res.UnsignedApprovalTx != nil {
		u := toUnsignedJSON(*res.UnsignedApprovalTx)
		out.UnsignedApprovalTx = &u
	}
	c.JSON(http.StatusOK, out)
}

type txStatusJSON struct {
	OK                   bool    `json:"ok"`
	Hash                 string  `json:"hash"`
	Status               string  `json:"status"`
	ExplorerURL          string  `json:"explorerUrl"`
	ChainID              uint64  `json:"chainId"`
	BlockNumber          *uint64 `json:"blockNumber"`
	Confirmations        uint64  `json:"confirmations"`
	Nonce                *uint64 `json:"nonce"`
	GasUsed              *string `json:"gasUsed"`
	EffectiveGasPriceWei *string `json:"effectiveGasPriceWei"`
}

func (h tradingHandlers) txStatus(c *gin.Context) {
	st, err := h.app.Trading.TxStatus(c.Request.Context(), c.Query("hash"))
	if err != nil {
		writeError(c, err)
		return
	}
	out := txStatusJSON{OK: true, Hash: st.Hash, Status: string(st.Status), ExplorerURL: h.app.Trading.TxURL(st.Hash),
		ChainID: h.app.Trading.ChainID(), Confirmations: st.Confirmations, Nonce: st.Nonce}
	if st.BlockNumber != 0 {
		out.BlockNumber = &st.BlockNumber
		g := big.NewInt(0).SetUint64(st.GasUsed).String()
		out.GasUsed = &g
	}
	if st.EffectiveGasPrice != nil {
		p := st.EffectiveGasPrice.String()
		out.EffectiveGasPriceWei = &p
	}
	c.JSON(http.StatusOK, out)
}

type transferRequest struct {
	ToAddress    string `json:"toAddress"`
	Amount       string `json:"amount"`
	AssetSymbol  string `json:"assetSymbol"`
	TokenAddress string `json:"tokenAddress"`
	Confirm      bool   `json:"confirm"`
}

type transferJSON struct {
	OK                    bool           `json:"ok"`
	Mode                  string         `json:"mode"`
	Executed              bool           `json:"executed"`
	RequiresUserSignature bool           `json:"requiresUserSignature"`
	ToAddress             string         `json:"toAddress"`
	Amount                string         `json:"amount"`
	AssetSymbol           string         `json:"assetSymbol"`
	TokenAddress          string         `json:"tokenAddress,omitempty"`
	UnsignedTx            unsignedTxJSON `json:"unsignedTx"`
	Execution             any            `json:"execution,omitempty"`
	Reason                string         `json:"reason,omitempty"`
}

func (h tradingHandlers) transfer(c *gin.Context) {
	var req transferRequest
	if err := bindJSON(c, &req); err != nil {
		writeError(c, err)
		return
	}
	res, err := h.app.Trading.Transfer(c.Request.Context(), app.TransferInput{
		ToAddress: req.ToAddress, Amount: req.Amount, AssetSymbol: req.AssetSymbol, TokenAddress: req.TokenAddress,
		Confirm: req.Confirm, Agent: isAgent(c), IdempotencyKey: c.GetHeader("Idempotency-Key"),
	})
	if err != nil {
		writePolicyRejection(c, h.app, err)
		return
	}
	u := toUnsignedJSON(res.UnsignedTx)
	u.AssetSymbol, u.Amount, u.TokenAddress = res.AssetSymbol, res.Amount, res.TokenAddress
	c.JSON(http.StatusOK, transferJSON{OK: true, Mode: res.Mode, Executed: res.Executed, RequiresUserSignature: res.RequiresUserSignature,
		ToAddress: res.ToAddress, Amount: res.Amount, AssetSymbol: res.AssetSymbol, TokenAddress: res.TokenAddress,
		UnsignedTx: u, Execution: toExecutionJSON(res.Execution), Reason: res.Reason})
}

func (h tradingHandlers) productionDefaults(c *gin.Context) {
	var ignored map[string]any // clients send {confirm:true}; nothing in it matters
	if err := bindJSON(c, &ignored); err != nil {
		writeError(c, err)
		return
	}
	res, err := h.app.Trading.ProductionDefaults(c.Request.Context())
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"ok": true, "applied": res.Applied, "tradePermissionMode": res.Mode})
}

type profileSummaryJSON struct {
	TotalSwaps       int      `json:"totalSwaps"`
	BuyCount         int      `json:"buyCount"`
	SellCount        int      `json:"sellCount"`
	SettledCount     int      `json:"settledCount"`
	SuccessCount     int      `json:"successCount"`
	RevertedCount    int      `json:"revertedCount"`
	TradeWinRate     *float64 `json:"tradeWinRate"`
	TxSuccessRate    *float64 `json:"txSuccessRate"`
	WinningTrades    int      `json:"winningTrades"`
	EvaluatedTrades  int      `json:"evaluatedTrades"`
	RealizedPnlBnb   string   `json:"realizedPnlBnb"`
	VolumeBnb        string   `json:"volumeBnb"`
	UnrealizedPnlBnb *string  `json:"unrealizedPnlBnb"`
}

type profileDayJSON struct {
	Day            string `json:"day"`
	RealizedPnlBnb string `json:"realizedPnlBnb"`
	VolumeBnb      string `json:"volumeBnb"`
	Swaps          int    `json:"swaps"`
}

type profileTokenJSON struct {
	TokenAddress     string  `json:"tokenAddress"`
	Symbol           string  `json:"symbol"`
	BuyCount         int     `json:"buyCount"`
	SellCount        int     `json:"sellCount"`
	RealizedPnlBnb   string  `json:"realizedPnlBnb"`
	VolumeBnb        string  `json:"volumeBnb"`
	OpenAmount       string  `json:"openAmount"`
	OpenCostBnb      string  `json:"openCostBnb"`
	MarkValueBnb     *string `json:"markValueBnb"`
	UnrealizedPnlBnb *string `json:"unrealizedPnlBnb"`
}

type recentSwapJSON struct {
	Hash          string     `json:"hash"`
	CreatedAt     string     `json:"createdAt"`
	Source        string     `json:"source"`
	Side          string     `json:"side"`
	TokenAddress  string     `json:"tokenAddress"`
	SlippageBps   int        `json:"slippageBps"`
	Route         []string   `json:"route"`
	QuoteIn       amountJSON `json:"quoteIn"`
	QuoteOut      amountJSON `json:"quoteOut"`
	Status        string     `json:"status"`
	Confirmations uint64     `json:"confirmations"`
	Nonce         *uint64    `json:"nonce"`
	BlockNumber   *uint64    `json:"blockNumber"`
	ExplorerURL   string     `json:"explorerUrl"`
}

type profileJSON struct {
	OK             bool               `json:"ok"`
	Window         string             `json:"window"`
	Source         string             `json:"source"`
	GeneratedAt    string             `json:"generatedAt"`
	Summary        profileSummaryJSON `json:"summary"`
	PnlSeries      []profileDayJSON   `json:"pnlSeries"`
	TokenBreakdown []profileTokenJSON `json:"tokenBreakdown"`
	RecentSwaps    []recentSwapJSON   `json:"recentSwaps"`
}

func (h tradingHandlers) profile(c *gin.Context) {
	p, err := h.app.Trading.TradingProfile(c.Request.Context(), c.Query("window"), c.Query("source"))
	if err != nil {
		writeError(c, err)
		return
	}
	s := p.Summary
	out := profileJSON{OK: true, Window: string(p.Window), Source: string(p.Source), GeneratedAt: p.GeneratedAt.UTC().Format(time.RFC3339),
		Summary: profileSummaryJSON{TotalSwaps: s.TotalSwaps, BuyCount: s.BuyCount, SellCount: s.SellCount, SettledCount: s.SettledCount,
			SuccessCount: s.SuccessCount, RevertedCount: s.RevertedCount, TradeWinRate: rate(s.TradeWinRate), TxSuccessRate: rate(s.TxSuccessRate),
			WinningTrades: s.WinningTrades, EvaluatedTrades: s.EvaluatedTrades, RealizedPnlBnb: domain.FormatRat(s.RealizedPnlWei, 18),
			VolumeBnb: domain.FormatUnits(s.VolumeWei, 18), UnrealizedPnlBnb: optRat(s.UnrealizedPnlWei)},
		PnlSeries: []profileDayJSON{}, TokenBreakdown: []profileTokenJSON{}, RecentSwaps: []recentSwapJSON{}}
	for _, d := range p.Series {
		out.PnlSeries = append(out.PnlSeries, profileDayJSON{Day: d.Day, RealizedPnlBnb: domain.FormatRat(d.RealizedPnlWei, 18), VolumeBnb: domain.FormatUnits(d.VolumeWei, 18), Swaps: d.Swaps})
	}
	for _, tp := range p.Tokens {
		t := profileTokenJSON{TokenAddress: tp.TokenAddress, Symbol: tp.Symbol, BuyCount: tp.BuyCount, SellCount: tp.SellCount,
			RealizedPnlBnb: domain.FormatRat(tp.RealizedPnlWei, 18), VolumeBnb: domain.FormatUnits(tp.VolumeWei, 18),
			OpenAmount: domain.FormatUnits(tp.OpenUnits, tp.Decimals), OpenCostBnb: domain.FormatRat(tp.OpenCostWei, 18),
			UnrealizedPnlBnb: optRat(tp.UnrealizedPnlWei)}
		if tp.MarkValueWei != nil {
			v := domain.FormatUnits(tp.MarkValueWei, 18)
			t.MarkValueBnb = &v
		}
		out.TokenBreakdown = append(out.TokenBreakdown, t)
	}
	for _, e := range p.Recent {
		st := e.State()
		r := recentSwapJSON{Hash: e.Hash, CreatedAt: e.CreatedAt.UTC().Format(time.RFC3339), Source: string(e.Source), Side: string(e.Side),
			TokenAddress: e.TokenAddress, SlippageBps: e.SlippageBps, Route: e.Route, QuoteIn: toAmountJSON(e.In), QuoteOut: toAmountJSON(e.Out),
			Status: string(st.Status), Confirmations: st.Confirmations, Nonce: st.Nonce, ExplorerURL: e.ExplorerURL}
		if st.BlockNumber != 0 {
			b := st.BlockNumber
			r.BlockNumber = &b
		}
		out.RecentSwaps = append(out.RecentSwaps, r)
	}
	c.JSON(http.StatusOK, out)
}

// rate renders a percentage rounded to two decimals; a rate is not money.
func rate(r *big.Rat) *float64 {
	if r == nil {
		return nil
	}
	f, _ := r.Float64()
	f = math.Round(f*100) / 100
	return &f
}

func optRat(r *big.Rat) *string {
	if r == nil {
		return nil
	}
	s := domain.FormatRat(r, 18)
	return &s
}
