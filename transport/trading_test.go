package transport_test

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/big"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/agentwallet/agentwallet/adapters/evmrpc/evmtest"
	"github.com/agentwallet/agentwallet/app"
	"github.com/agentwallet/agentwallet/domain"
)

// bscEnv is a daemon whose BSC RPC is a simulated chain with PancakeSwap
// V2's contracts, and whose EVM key is a funded account on it.
type bscEnv struct {
	*env
	chain  *evmtest.Chain
	rpc    *evmtest.RPCServer
	wallet common.Address
}

func newBSCEnv(t *testing.T, mode string, mutate func(*app.Config, *evmtest.Chain, *evmtest.RPCServer)) *bscEnv {
	t.Helper()
	chain := evmtest.New(t, evmtest.Options{Accounts: 1})
	srv := chain.StartRPC(t, evmtest.RPCOptions{AutoMine: true})
	e := newEnv(t, func(c *app.Config) {
		c.Providers.BSCRPCURL = app.Secret(srv.URL)
		c.BSC.ChainID = chain.ChainID.Uint64()
		c.BSC.RouterAddress = chain.Router.Hex()
		c.BSC.TradePermissionMode = mode
		if mutate != nil {
			mutate(c, chain, srv)
		}
	})
	key := chain.Accounts[0]
	wantStatus(t, e.post("/api/wallet/import", `{"chain":"evm","privateKey":"0x`+hex.EncodeToString(crypto.FromECDSA(key))+`"}`), http.StatusOK, "")
	return &bscEnv{env: e, chain: chain, rpc: srv, wallet: crypto.PubkeyToAddress(key.PublicKey)}
}

func str(t testing.TB, m map[string]any, path ...string) string {
	t.Helper()
	var cur any = m
	for _, p := range path {
		obj, ok := cur.(map[string]any)
		if !ok {
			t.Fatalf("%v: not an object at %q in %v", path, p, m)
		}
		cur = obj[p]
	}
	s, ok := cur.(string)
	if !ok {
		t.Fatalf("%v = %v (%T), want a string", path, cur, cur)
	}
	return s
}

func wei(t testing.TB, s string) *big.Int {
	t.Helper()
	v, ok := new(big.Int).SetString(s, 10)
	if !ok {
		t.Fatalf("not an integer: %q", s)
	}
	return v
}

func (b *bscEnv) trade(t *testing.T, side string, token common.Address, amount string) response {
	t.Helper()
	res := b.post("/api/wallet/trade/execute", fmt.Sprintf(`{"side":%q,"tokenAddress":%q,"amount":%q,"confirm":true}`, side, token.Hex(), amount))
	wantStatus(t, res, http.StatusOK, "")
	if res.body["executed"] != true || res.body["mode"] != "local" {
		t.Fatalf("%s not executed: %s", side, res.raw)
	}
	b.wantMined(t, str(t, res.body, "execution", "hash"))
	return res
}

func (b *bscEnv) wantMined(t *testing.T, hash string) response {
	t.Helper()
	res := b.do(req{path: "/api/wallet/trade/tx-status?hash=" + hash})
	wantStatus(t, res, http.StatusOK, "")
	if res.body["status"] != "success" || res.body["confirmations"].(float64) < 1 {
		t.Fatalf("tx %s: %s", hash, res.raw)
	}
	return res
}

func TestBSCTradingEndToEnd(t *testing.T) {
	b := newBSCEnv(t, "manual-local-key", nil)
	c := b.chain

	pre := b.post("/api/wallet/trade/preflight", `{"tokenAddress":"`+c.Token.Hex()+`"}`)
	wantStatus(t, pre, http.StatusOK, "")
	if pre.body["ok"] != true || pre.body["walletAddress"] != b.wallet.Hex() || pre.body["chainId"].(float64) != 1337 {
		t.Fatalf("preflight: %s", pre.raw)
	}

	q := b.post("/api/wallet/trade/quote", `{"side":"buy","tokenAddress":"`+c.Token.Hex()+`","amount":"1","slippageBps":500}`)
	wantStatus(t, q, http.StatusOK, "")
	out := wei(t, str(t, q.body, "quoteOut", "amountWei"))
	if str(t, q.body, "route") != "TT/WBNB" || str(t, q.body, "quoteIn", "amountWei") != evmtest.Ether.String() ||
		wei(t, str(t, q.body, "minReceive", "amountWei")).Cmp(domain.MinReceive(out, 500)) != 0 {
		t.Fatalf("quote: %s", q.raw)
	}

	// Buy, then sell half in two steps: the first sell approves, the second does not.
	buy := b.trade(t, "buy", c.Token, "1")
	bought := wei(t, str(t, buy.body, "quote", "quoteOut", "amountWei"))
	if got := c.TokenBalance(t, c.Token, b.wallet); got.Cmp(bought) != 0 {
		t.Fatalf("bought %s on chain, quoted %s", got, bought)
	}
	quarter := new(big.Int).Quo(bought, big.NewInt(4))
	var proceeds []*big.Int
	for i := 0; i < 2; i++ {
		sell := b.trade(t, "sell", c.Token, domain.FormatUnits(quarter, 18))
		approval, _ := sell.body["execution"].(map[string]any)["approvalHash"].(string)
		if (i == 0) != (approval != "") || (sell.body["requiresApproval"] == true) != (i == 0) {
			t.Fatalf("sell %d approval hash %q, requiresApproval %v", i, approval, sell.body["requiresApproval"])
		}
		proceeds = append(proceeds, wei(t, str(t, sell.body, "quote", "quoteOut", "amountWei")))
	}

	// Fee-on-transfer token: buy and sell both succeed with the Supporting variants.
	b.trade(t, "buy", c.FeeToken, "0.5")
	held := c.TokenBalance(t, c.FeeToken, b.wallet)
	b.trade(t, "sell", c.FeeToken, domain.FormatUnits(new(big.Int).Quo(held, big.NewInt(2)), 18))

	// Realized P&L by hand for the plain token: each quarter cost 1 BNB / 4.
	want := new(big.Rat)
	for _, p := range proceeds {
		cost := new(big.Rat).SetFrac(new(big.Int).Mul(evmtest.Ether, quarter), bought)
		want.Add(want, new(big.Rat).Sub(new(big.Rat).SetInt(p), cost))
	}
	prof := b.do(req{path: "/api/wallet/trading/profile?window=all"})
	wantStatus(t, prof, http.StatusOK, "")
	var p struct {
		Summary struct {
			TotalSwaps    int     `json:"totalSwaps"`
			SuccessCount  int     `json:"successCount"`
			UnrealizedPnl *string `json:"unrealizedPnlBnb"`
		} `json:"summary"`
		TokenBreakdown []struct {
			TokenAddress   string `json:"tokenAddress"`
			RealizedPnlBnb string `json:"realizedPnlBnb"`
		} `json:"tokenBreakdown"`
	}
	if err := json.Unmarshal([]byte(prof.raw), &p); err != nil {
		t.Fatal(err)
	}
	if p.Summary.TotalSwaps != 5 || p.Summary.SuccessCount != 5 || p.Summary.UnrealizedPnl == nil {
		t.Fatalf("profile summary: %s", prof.raw)
	}
	found := false
	for _, tb := range p.TokenBreakdown {
		if tb.TokenAddress == c.Token.Hex() {
			found = true
			if tb.RealizedPnlBnb != domain.FormatRat(want, 18) {
				t.Fatalf("realized P&L %s, computed by hand %s", tb.RealizedPnlBnb, domain.FormatRat(want, 18))
			}
		}
	}
	if !found {
		t.Fatalf("token missing from breakdown: %s", prof.raw)
	}
}

func TestBSCTransfers(t *testing.T) {
	b := newBSCEnv(t, "manual-local-key", nil)
	c := b.chain
	c.Fund(t, b.wallet, nil, evmtest.Units(1000))
	to := common.HexToAddress("0x00000000000000000000000000000000000a11ce")

	native := b.post("/api/wallet/transfer/execute", `{"toAddress":"`+to.Hex()+`","amount":"1.5","assetSymbol":"BNB","confirm":true}`)
	wantStatus(t, native, http.StatusOK, "")
	b.wantMined(t, str(t, native.body, "execution", "hash"))
	if got := c.Balance(t, to); got.Cmp(new(big.Int).Quo(new(big.Int).Mul(evmtest.Ether, big.NewInt(3)), big.NewInt(2))) != 0 {
		t.Fatalf("recipient BNB = %s", got)
	}
	if str(t, native.body, "unsignedTx", "data") != "0x" || str(t, native.body, "execution", "gasLimit") != "21000" {
		t.Fatalf("native transfer: %s", native.raw)
	}

	erc := b.post("/api/wallet/transfer/execute", `{"toAddress":"`+to.Hex()+`","amount":"12.5","assetSymbol":"TT","tokenAddress":"`+c.Token.Hex()+`","confirm":true}`)
	wantStatus(t, erc, http.StatusOK, "")
	b.wantMined(t, str(t, erc.body, "execution", "hash"))
	if got := c.TokenBalance(t, c.Token, to); got.Cmp(new(big.Int).Quo(evmtest.Units(25), big.NewInt(2))) != 0 {
		t.Fatalf("recipient tokens = %s", got)
	}
	if str(t, erc.body, "unsignedTx", "to") != c.Token.Hex() {
		t.Fatalf("ERC-20 transfer not sent to the token: %s", erc.raw)
	}

	for name, tc := range map[string]struct {
		body   string
		status int
		code   string
	}{
		"bad_recipient":      {`{"toAddress":"0x123","amount":"1","assetSymbol":"BNB"}`, 400, "INVALID_ADDRESS"},
		"missing_amount":     {`{"toAddress":"` + to.Hex() + `","assetSymbol":"BNB"}`, 400, "INVALID_REQUEST"},
		"zero_amount":        {`{"toAddress":"` + to.Hex() + `","amount":"0","assetSymbol":"BNB"}`, 400, ""},
		"token_needs_addr":   {`{"toAddress":"` + to.Hex() + `","amount":"1","assetSymbol":"USDT"}`, 400, ""},
		"over_balance":       {`{"toAddress":"` + to.Hex() + `","amount":"1000000","assetSymbol":"BNB","confirm":true}`, 409, "INSUFFICIENT_BALANCE"},
		"over_token_balance": {`{"toAddress":"` + to.Hex() + `","amount":"1000000","assetSymbol":"TT","tokenAddress":"` + c.Token.Hex() + `"}`, 409, "INSUFFICIENT_BALANCE"},
	} {
		t.Run(name, func(t *testing.T) {
			wantStatus(t, b.post("/api/wallet/transfer/execute", tc.body), tc.status, tc.code)
		})
	}
}

func TestBSCIdempotentRetryBroadcastsNothing(t *testing.T) {
	b := newBSCEnv(t, "manual-local-key", nil)
	body := `{"toAddress":"0x00000000000000000000000000000000000b0b00","amount":"0.1","assetSymbol":"BNB","confirm":true}`
	send := func(body string) response {
		return b.do(req{method: http.MethodPost, path: "/api/wallet/transfer/execute", body: body, headers: map[string]string{"Idempotency-Key": "k-1"}})
	}
	first := send(body)
	wantStatus(t, first, http.StatusOK, "")
	sends := b.rpc.Calls("eth_sendRawTransaction")
	second := send(body)
	wantStatus(t, second, http.StatusOK, "")
	if str(t, second.body, "execution", "hash") != str(t, first.body, "execution", "hash") {
		t.Fatalf("retry answered another tx: %s vs %s", second.raw, first.raw)
	}
	if b.rpc.Calls("eth_sendRawTransaction") != sends {
		t.Fatal("the retry broadcast again")
	}
	wantStatus(t, send(`{"toAddress":"0x00000000000000000000000000000000000b0b00","amount":"0.2","assetSymbol":"BNB","confirm":true}`), http.StatusConflict, "IDEMPOTENCY_KEY_REUSED")
}

func TestBSCConcurrentTransfersGetConsecutiveNonces(t *testing.T) {
	b := newBSCEnv(t, "manual-local-key", nil)
	const n = 20
	var wg sync.WaitGroup
	results := make([]response, n)
	for i := range n {
		wg.Go(func() {
			results[i] = b.postConcurrently(fmt.Sprintf(`{"toAddress":"0x00000000000000000000000000000000000c%04x","amount":"0.01","assetSymbol":"BNB","confirm":true}`, i))
		})
	}
	wg.Wait()
	nonces := map[float64]bool{}
	for i, r := range results {
		if r.status != http.StatusOK {
			t.Fatalf("transfer %d: %d %s", i, r.status, r.raw)
		}
		nonces[r.body["execution"].(map[string]any)["nonce"].(float64)] = true
		b.wantMined(t, str(t, r.body, "execution", "hash"))
	}
	for k := 0; k < n; k++ {
		if !nonces[float64(k)] {
			t.Fatalf("nonces not 0..%d: %v", n-1, nonces)
		}
	}
}

// postConcurrently posts a transfer without env.do's shared bookkeeping,
// so many goroutines may call it at once.
func (b *bscEnv) postConcurrently(body string) response {
	hr := httptest.NewRequest(http.MethodPost, "/api/wallet/transfer/execute", strings.NewReader(body))
	hr.Host = testHost
	hr.Header.Set("Content-Type", "application/json")
	hr.Header.Set("Authorization", "Bearer "+testToken)
	rec := httptest.NewRecorder()
	b.router.ServeHTTP(rec, hr)
	res := response{status: rec.Code, raw: rec.Body.String()}
	_ = json.Unmarshal(rec.Body.Bytes(), &res.body)
	return res
}

func TestBSCUserSignOnlyNeverSigns(t *testing.T) {
	b := newBSCEnv(t, "", nil)
	for _, body := range []string{
		`{"side":"buy","tokenAddress":"` + b.chain.Token.Hex() + `","amount":"0.1","confirm":true}`,
		`{"side":"buy","tokenAddress":"` + b.chain.Token.Hex() + `","amount":"0.1"}`,
	} {
		res := b.post("/api/wallet/trade/execute", body)
		wantStatus(t, res, http.StatusOK, "")
		if res.body["executed"] != false || res.body["requiresUserSignature"] != true || res.body["mode"] != "user-sign" {
			t.Fatalf("user-sign-only executed: %s", res.raw)
		}
		if str(t, res.body, "unsignedTx", "to") != b.chain.Router.Hex() || str(t, res.body, "unsignedTx", "valueWei") != "100000000000000000" {
			t.Fatalf("unsigned tx: %s", res.raw)
		}
	}
	tr := b.post("/api/wallet/transfer/execute", `{"toAddress":"0x00000000000000000000000000000000000b0b00","amount":"0.1","assetSymbol":"BNB","confirm":true}`)
	wantStatus(t, tr, http.StatusOK, "")
	if tr.body["executed"] != false || tr.body["reason"] == nil {
		t.Fatalf("user-sign-only transfer: %s", tr.raw)
	}
	if n := b.rpc.Calls("eth_sendRawTransaction"); n != 0 {
		t.Fatalf("user-sign-only broadcast %d transactions", n)
	}
	// A 5 s deadline is clamped to 60 s.
	before := time.Now().Unix()
	dl := b.post("/api/wallet/trade/execute", `{"side":"buy","tokenAddress":"`+b.chain.Token.Hex()+`","amount":"0.1","deadlineSeconds":5}`)
	wantStatus(t, dl, http.StatusOK, "")
	if d := int64(dl.body["unsignedTx"].(map[string]any)["deadline"].(float64)); d < before+60 || d > time.Now().Unix()+120 {
		t.Fatalf("deadline %d not within now+60..now+120 (now %d)", d, before)
	}
	// Acting on a quote older than 60 s is refused; a fresh one passes.
	stale := fmt.Sprintf(`{"side":"buy","tokenAddress":%q,"amount":"0.1","quotedAt":%d}`, b.chain.Token.Hex(), time.Now().Add(-2*time.Minute).UnixMilli())
	wantStatus(t, b.post("/api/wallet/trade/execute", stale), http.StatusConflict, "QUOTE_EXPIRED")
	fresh := fmt.Sprintf(`{"side":"buy","tokenAddress":%q,"amount":"0.1","quotedAt":%d}`, b.chain.Token.Hex(), time.Now().UnixMilli())
	wantStatus(t, b.post("/api/wallet/trade/execute", fresh), http.StatusOK, "")
	// A sell's unsigned approval appears because the allowance is short.
	b.chain.Fund(t, b.wallet, nil, evmtest.Units(10))
	sell := b.post("/api/wallet/trade/execute", `{"side":"sell","tokenAddress":"`+b.chain.Token.Hex()+`","amount":"5"}`)
	wantStatus(t, sell, http.StatusOK, "")
	if sell.body["requiresApproval"] != true || str(t, sell.body, "unsignedApprovalTx", "to") != b.chain.Token.Hex() || str(t, sell.body, "unsignedTx", "valueWei") != "0" ||
		str(t, sell.body, "unsignedApprovalTx", "spender") != b.chain.Router.Hex() || str(t, sell.body, "unsignedApprovalTx", "amountWei") != evmtest.Units(10).String() {
		t.Fatalf("unsigned sell: %s", sell.raw)
	}
}

func TestBSCAgentAutoDailyQuota(t *testing.T) {
	b := newBSCEnv(t, "agent-auto", nil)
	agent := map[string]string{"x-eliza-agent-action": "1"}
	for i := 1; i <= 26; i++ {
		h := agent
		if i%2 == 0 {
			h = map[string]string{"X-ElizaOS-Agent-Action": "agent"}
		}
		res := b.do(req{method: http.MethodPost, path: "/api/wallet/trade/execute", headers: h,
			body: `{"side":"buy","tokenAddress":"` + b.chain.Token.Hex() + `","amount":"0.01","confirm":true,"source":"agent"}`})
		wantStatus(t, res, http.StatusOK, "")
		if executed := res.body["executed"] == true; executed != (i <= 25) {
			t.Fatalf("agent trade %d executed=%v: %s", i, executed, res.raw)
		}
	}
	// A person is not bound by the agent's quota.
	res := b.post("/api/wallet/trade/execute", `{"side":"buy","tokenAddress":"`+b.chain.Token.Hex()+`","amount":"0.01","confirm":true}`)
	if res.body["executed"] != true {
		t.Fatalf("human trade after the agent quota: %s", res.raw)
	}
}

func TestBSCFirstRPCDeadSecondServes(t *testing.T) {
	dead := httptest.NewServer(nil)
	deadURL := dead.URL
	dead.Close()
	b := newBSCEnv(t, "manual-local-key", func(c *app.Config, _ *evmtest.Chain, srv *evmtest.RPCServer) {
		c.Providers.BSCRPCURL = app.Secret(deadURL + "," + srv.URL)
	})
	pre := b.post("/api/wallet/trade/preflight", `{}`)
	u, _ := url.Parse(b.rpc.URL)
	if pre.body["ok"] != true || pre.body["rpcUrlHost"] != u.Host {
		t.Fatalf("preflight with a dead first RPC: %s", pre.raw)
	}
	b.trade(t, "buy", b.chain.Token, "0.1")
}

func TestBSCValidation(t *testing.T) {
	b := newBSCEnv(t, "manual-local-key", nil)
	tok := b.chain.Token.Hex()
	for name, tc := range map[string]struct {
		path, body string
		status     int
		code       string
	}{
		"missing_side":      {"/api/wallet/trade/execute", `{"tokenAddress":"` + tok + `","amount":"1"}`, 400, "INVALID_REQUEST"},
		"side_hold":         {"/api/wallet/trade/execute", `{"side":"hold","tokenAddress":"` + tok + `","amount":"1"}`, 400, ""},
		"bad_token":         {"/api/wallet/trade/quote", `{"side":"buy","tokenAddress":"0xnope","amount":"1"}`, 400, "INVALID_ADDRESS"},
		"slippage_zero":     {"/api/wallet/trade/quote", `{"side":"buy","tokenAddress":"` + tok + `","amount":"1","slippageBps":0}`, 400, "INVALID_SLIPPAGE"},
		"slippage_too_high": {"/api/wallet/trade/quote", `{"side":"buy","tokenAddress":"` + tok + `","amount":"1","slippageBps":5001}`, 400, "INVALID_SLIPPAGE"},
		"negative_amount":   {"/api/wallet/trade/quote", `{"side":"buy","tokenAddress":"` + tok + `","amount":"-1"}`, 400, ""},
		"sell_over_balance": {"/api/wallet/trade/quote", `{"side":"sell","tokenAddress":"` + tok + `","amount":"1"}`, 409, "INSUFFICIENT_BALANCE"},
		"buy_over_balance":  {"/api/wallet/trade/quote", `{"side":"buy","tokenAddress":"` + tok + `","amount":"100000"}`, 409, "INSUFFICIENT_BALANCE"},
		"not_a_token":       {"/api/wallet/trade/quote", `{"side":"buy","tokenAddress":"` + b.wallet.Hex() + `","amount":"1"}`, 400, "INVALID_TOKEN"},
		"slippage_not_int":  {"/api/wallet/trade/quote", `{"side":"buy","tokenAddress":"` + tok + `","amount":"1","slippageBps":1.5}`, 400, ""},
	} {
		t.Run(name, func(t *testing.T) {
			wantStatus(t, b.post(tc.path, tc.body), tc.status, tc.code)
		})
	}
	wantStatus(t, b.do(req{path: "/api/wallet/trade/tx-status"}), 400, "")
	wantStatus(t, b.do(req{path: "/api/wallet/trade/tx-status?hash=0x12"}), 400, "INVALID_HASH")
	nf := b.do(req{path: "/api/wallet/trade/tx-status?hash=0x" + fmt.Sprintf("%064x", 42)})
	if nf.body["status"] != "not_found" {
		t.Fatalf("unknown hash: %s", nf.raw)
	}
}

func TestBSCWithoutRPC(t *testing.T) {
	e := newEnv(t, nil)
	wantStatus(t, e.post("/api/wallet/import", `{"privateKey":"`+hardhatKey+`"}`), 200, "")
	pre := e.post("/api/wallet/trade/preflight", `{}`)
	wantStatus(t, pre, http.StatusOK, "")
	checks := pre.body["checks"].(map[string]any)
	if pre.body["ok"] != false || checks["walletReady"] != true || checks["rpcReady"] != false {
		t.Fatalf("preflight without RPC: %s", pre.raw)
	}
	wantStatus(t, e.do(req{path: "/api/wallet/trade/tx-status?hash=0x" + fmt.Sprintf("%064x", 1)}), http.StatusServiceUnavailable, "BSC_RPC_NOT_CONFIGURED")
	first := e.post("/api/wallet/production-defaults", `{"confirm":true}`)
	wantStatus(t, first, http.StatusOK, "")
	applied := first.body["applied"].([]any)
	if len(applied) != 2 || applied[0] != "tradePermissionMode=user-sign-only" || applied[1] != "bscRpcUrl="+app.ProductionBSCRPCURL {
		t.Fatalf("production defaults: %s", first.raw)
	}
	second := e.post("/api/wallet/production-defaults", `{}`)
	if len(second.body["applied"].([]any)) != 0 || second.body["tradePermissionMode"] != "user-sign-only" {
		t.Fatalf("second production defaults: %s", second.raw)
	}
}

func TestBSCAgentQuotaSurvivesRestart(t *testing.T) {
	b := newBSCEnv(t, "agent-auto", func(c *app.Config, _ *evmtest.Chain, _ *evmtest.RPCServer) {
		c.BSC.AgentDailyTradeLimit = 1
	})
	agentBuy := func(e *env) response {
		return e.do(req{method: http.MethodPost, path: "/api/wallet/trade/execute", headers: map[string]string{"x-eliza-agent-action": "true"},
			body: `{"side":"buy","tokenAddress":"` + b.chain.Token.Hex() + `","amount":"0.01","confirm":true}`})
	}
	if res := agentBuy(b.env); res.body["executed"] != true {
		t.Fatalf("first agent trade: %s", res.raw)
	}
	b.env.close()
	restarted := openEnv(t, b.cfg)
	res := agentBuy(restarted)
	wantStatus(t, res, http.StatusOK, "")
	if res.body["executed"] != false || !strings.Contains(res.body["reason"].(string), "daily limit") {
		t.Fatalf("agent trade after restart: %s", res.raw)
	}
}

func TestBSCRPCSetThroughConfigAPIIsUsedAtOnce(t *testing.T) {
	chain := evmtest.New(t, evmtest.Options{Accounts: 1})
	srv := chain.StartRPC(t, evmtest.RPCOptions{AutoMine: true})
	e := newEnv(t, func(c *app.Config) {
		c.BSC.ChainID = chain.ChainID.Uint64()
		c.BSC.RouterAddress = chain.Router.Hex()
	})
	wantStatus(t, e.post("/api/wallet/import", `{"chain":"evm","privateKey":"0x`+hex.EncodeToString(crypto.FromECDSA(chain.Accounts[0]))+`"}`), http.StatusOK, "")
	if pre := e.post("/api/wallet/trade/preflight", `{}`); pre.body["ok"] != false {
		t.Fatalf("preflight without RPC: %s", pre.raw)
	}
	wantStatus(t, e.do(req{method: http.MethodPut, path: "/api/wallet/config", body: `{"BSC_RPC_URL":"` + srv.URL + `"}`}), http.StatusOK, "")
	pre := e.post("/api/wallet/trade/preflight", `{}`)
	if pre.body["ok"] != true {
		t.Fatalf("preflight after PUT /api/wallet/config: %s", pre.raw)
	}
	// An RPC is set now, so production-defaults leaves it alone.
	pd := e.post("/api/wallet/production-defaults", `{}`)
	if applied := pd.body["applied"].([]any); len(applied) != 1 || applied[0] != "tradePermissionMode=user-sign-only" {
		t.Fatalf("production defaults: %s", pd.raw)
	}
}

func TestBSCPreflightOnWrongChain(t *testing.T) {
	b := newBSCEnv(t, "manual-local-key", func(c *app.Config, _ *evmtest.Chain, _ *evmtest.RPCServer) {
		c.BSC.ChainID = 56 // the simulated chain is 1337
	})
	pre := b.post("/api/wallet/trade/preflight", `{}`)
	wantStatus(t, pre, http.StatusOK, "")
	checks := pre.body["checks"].(map[string]any)
	if pre.body["ok"] != false || checks["rpcReady"] != true || checks["chainReady"] != false || pre.body["chainId"].(float64) != 56 {
		t.Fatalf("preflight against chain 1337 expecting 56: %s", pre.raw)
	}
	wantStatus(t, b.post("/api/wallet/trade/quote", `{"side":"buy","tokenAddress":"`+b.chain.Token.Hex()+`","amount":"1"}`), http.StatusServiceUnavailable, "BSC_RPC_UNAVAILABLE")
}

// TestBSCQuoteRequestCount pins how many JSON-RPC calls a warm quote costs:
// token metadata, WBNB and the chain id check are cached after the first.
func TestBSCQuoteRequestCount(t *testing.T) {
	b := newBSCEnv(t, "manual-local-key", nil)
	body := `{"side":"buy","tokenAddress":"` + b.chain.Token.Hex() + `","amount":"0.5"}`
	wantStatus(t, b.post("/api/wallet/trade/quote", body), http.StatusOK, "")
	before := b.rpc.Requests()
	wantStatus(t, b.post("/api/wallet/trade/quote", body), http.StatusOK, "")
	// eth_chainId (liveness), eth_getBalance, eth_getCode, eth_call getAmountsOut.
	if got := b.rpc.Requests() - before; got != 4 {
		t.Fatalf("warm quote made %d RPC requests, want 4", got)
	}
}
