package app_test

import (
	"context"
	"log/slog"
	"math/big"
	"testing"
	"time"

	"go.uber.org/mock/gomock"

	"github.com/agentwallet/agentwallet/app"
	"github.com/agentwallet/agentwallet/domain"
	"github.com/agentwallet/agentwallet/mocks"
	"github.com/agentwallet/agentwallet/ports"
)

const (
	tWallet = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"
	tToken  = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"
	tWBNB   = "0xbb4CdB9CBd36B01bD1cBaEBF2De08d9173bc095c"
	tRouter = "0x10ED43C718714eb63d5aA57B78B54704E256024E"
)

type tradingMocks struct {
	node     *mocks.MockEVMNode
	erc20    *mocks.MockERC20
	router   *mocks.MockSwapRouter
	sender   *mocks.MockEVMTxSender
	keys     *mocks.MockKeyStore
	signer   *mocks.MockSigner
	ledger   *mocks.MockLedger
	idem     *mocks.MockIdempotency
	attempts *mocks.MockAttemptCounter
	settings *mocks.MockSettings
}

var tNow = time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)

func newTrading(t testing.TB, mode string) (*app.Trading, tradingMocks) {
	ctrl := gomock.NewController(t)
	m := tradingMocks{mocks.NewMockEVMNode(ctrl), mocks.NewMockERC20(ctrl), mocks.NewMockSwapRouter(ctrl), mocks.NewMockEVMTxSender(ctrl),
		mocks.NewMockKeyStore(ctrl), mocks.NewMockSigner(ctrl), mocks.NewMockLedger(ctrl), mocks.NewMockIdempotency(ctrl),
		mocks.NewMockAttemptCounter(ctrl), mocks.NewMockSettings(ctrl)}
	clock := mocks.NewMockClock(ctrl)
	clock.EXPECT().Now().Return(tNow).AnyTimes()
	log := slog.New(slog.DiscardHandler)
	w := app.NewWallets(m.keys, mocks.NewMockAuditLog(ctrl), m.attempts, clock, log, app.ExportPolicy{})
	tr := app.NewTrading(app.TradingPorts{Node: m.node, ERC20: m.erc20, Router: m.router, Sender: m.sender},
		app.TradingDeps{Wallets: w, Keys: m.keys, Signer: m.signer, Ledger: m.ledger, Idem: m.idem, Quota: m.attempts, Settings: m.settings, Clock: clock, Log: log},
		app.TradingPolicy{ChainID: 56, ExplorerURL: "https://bscscan.com", InitialMode: mode, AgentDailyLimit: 25})
	return tr, m
}

// expectBuyQuote programs a healthy chain quoting 1 BNB -> 30 tokens.
func (m tradingMocks) expectBuyQuote() {
	m.keys.EXPECT().Wallets(gomock.Any()).Return([]domain.Wallet{{Chain: domain.ChainEVM, Address: tWallet}}, nil).AnyTimes()
	m.node.EXPECT().Status(gomock.Any()).Return(domain.RPCStatus{Host: "bsc.example", ChainID: 56}, nil).AnyTimes()
	m.node.EXPECT().NativeBalance(gomock.Any(), tWallet).Return(new(big.Int).Mul(big.NewInt(10), big.NewInt(1e18)), nil).AnyTimes()
	m.node.EXPECT().HasCode(gomock.Any(), tToken).Return(true, nil).AnyTimes()
	m.erc20.EXPECT().TokenInfo(gomock.Any(), tToken).Return(domain.TokenInfo{Address: tToken, Symbol: "TKN", Decimals: 18}, nil).AnyTimes()
	m.router.EXPECT().WrappedNative(gomock.Any()).Return(tWBNB, nil).AnyTimes()
	m.router.EXPECT().RouterAddress().Return(tRouter).AnyTimes()
	m.router.EXPECT().AmountsOut(gomock.Any(), gomock.Any(), []string{tWBNB, tToken}).Return([]*big.Int{big.NewInt(1e17), new(big.Int).Mul(big.NewInt(30), big.NewInt(1e18))}, nil).AnyTimes()
	m.router.EXPECT().SwapCall(gomock.Any()).Return(domain.EVMCall{To: tRouter, Data: []byte{0xb6, 0xf9, 0xde, 0x95}, Value: big.NewInt(1e17)}, nil).AnyTimes()
}

func buyInput(confirm, agent bool) app.ExecuteInput {
	slip := int64(500)
	return app.ExecuteInput{QuoteInput: app.QuoteInput{Side: "buy", TokenAddress: tToken, Amount: "0.1", SlippageBps: &slip}, Confirm: confirm, Agent: agent}
}

// TestRefusedTradeIsNeverSigned pins that a permission refusal returns the
// unsigned transaction and never reaches the signer, the sender or the ledger.
func TestRefusedTradeIsNeverSigned(t *testing.T) {
	cases := []struct {
		name        string
		mode        string
		stored      string // stored setting; "" = none
		agent       bool
		agentsToday int
	}{
		{"default_user_sign_only", "", "", false, 0},
		{"stored_setting_wins_over_config", "manual-local-key", "user-sign-only", false, 0},
		{"manual_mode_refuses_agent", "manual-local-key", "", true, 0},
		{"agent_auto_26th_agent_trade", "agent-auto", "", true, 25},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tr, m := newTrading(t, c.mode)
			m.expectBuyQuote()
			m.settings.EXPECT().Setting(gomock.Any(), app.SettingTradePermissionMode).Return(c.stored, c.stored != "", nil)
			if c.agent {
				m.attempts.EXPECT().CountAttempts(gomock.Any(), "trade.agent-auto", time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)).Return(c.agentsToday, nil)
			}
			// No EXPECT on signer, sender.Submit, ledger or RecordAttempt: any call fails the test.
			res, err := tr.Execute(context.Background(), buyInput(true, c.agent))
			if err != nil {
				t.Fatal(err)
			}
			if res.Executed || !res.RequiresUserSignature || res.Mode != "user-sign" || res.Reason == "" {
				t.Fatalf("result = %+v", res)
			}
			if res.Quote.MinReceive.String() != "28.5" || res.Quote.Route != "TKN/WBNB" || res.UnsignedTx.ChainID != 56 || res.UnsignedTx.From != tWallet {
				t.Fatalf("quote/unsigned = %+v / %+v", res.Quote, res.UnsignedTx)
			}
		})
	}
}

func TestAllowedAgentTradeBooksQuotaAndLedger(t *testing.T) {
	tr, m := newTrading(t, "agent-auto")
	m.expectBuyQuote()
	m.settings.EXPECT().Setting(gomock.Any(), app.SettingTradePermissionMode).Return("", false, nil)
	m.attempts.EXPECT().CountAttempts(gomock.Any(), "trade.agent-auto", gomock.Any()).Return(24, nil).Times(2) // gate, then again when booking
	gomock.InOrder(
		m.attempts.EXPECT().RecordAttempt(gomock.Any(), "trade.agent-auto", tNow, gomock.Any()).Return(25, nil),
		m.sender.EXPECT().Submit(gomock.Any(), gomock.Any(), gomock.Any()).DoAndReturn(func(_ context.Context, req domain.EVMTxRequest, _ ports.SignEVMTxFunc) (domain.SentTx, error) {
			if req.From != tWallet || req.MinGas < 250_000 {
				t.Errorf("request = %+v", req)
			}
			return domain.SentTx{Hash: "0xabc", Nonce: 9, GasLimit: 300_000, Value: req.Call.Value}, nil
		}),
		m.ledger.EXPECT().AppendLedger(gomock.Any(), gomock.Any()).DoAndReturn(func(_ context.Context, e *domain.LedgerEntry) error {
			if e.Source != domain.SourceAgent || e.Kind != domain.LedgerSwap || e.Status() != domain.TxPending || e.Out.String() != "30" {
				t.Errorf("ledger entry = %+v", e.LedgerRecord)
			}
			return nil
		}),
	)
	in := buyInput(true, true)
	in.Source = "agent"
	res, err := tr.Execute(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Executed || res.Mode != "local" || res.Execution.Hash != "0xabc" || res.Execution.ExplorerURL != "https://bscscan.com/tx/0xabc" {
		t.Fatalf("result = %+v", res)
	}
}

func TestWithoutConfirmNothingIsChecked(t *testing.T) {
	tr, m := newTrading(t, "agent-auto")
	m.expectBuyQuote()
	// Without confirm neither the mode nor the quota is consulted.
	res, err := tr.Execute(context.Background(), buyInput(false, true))
	if err != nil || res.Executed || res.Reason != "" {
		t.Fatalf("Execute = %+v, %v", res, err)
	}
}

func TestReconcileUpdatesPendingEntries(t *testing.T) {
	tr, m := newTrading(t, "")
	e := domain.NewLedgerEntry(domain.LedgerRecord{Hash: "0x01", Kind: domain.LedgerTransfer, CreatedAt: tNow})
	m.ledger.EXPECT().PendingLedger(gomock.Any(), 50).Return([]*domain.LedgerEntry{e}, nil)
	mined := domain.TxState{Hash: "0x01", Status: domain.TxSuccess, BlockNumber: 3, Confirmations: 1}
	m.sender.EXPECT().TxState(gomock.Any(), "0x01").Return(mined, nil)
	m.ledger.EXPECT().ObserveLedger(gomock.Any(), "0x01", mined, tNow).Return(true, nil)
	if n, err := tr.Reconcile(context.Background(), 50); err != nil || n != 1 {
		t.Fatalf("Reconcile = %d, %v", n, err)
	}
}

func TestIdempotentExecuteReplaysWithoutChain(t *testing.T) {
	tr, m := newTrading(t, "")
	var stored []byte
	var fp string
	m.expectBuyQuote()
	in := buyInput(false, false)
	in.IdempotencyKey = "key-1"
	m.idem.EXPECT().ClaimIdempotencyKey(gomock.Any(), "trade.execute", "key-1", gomock.Any(), tNow).DoAndReturn(
		func(_ context.Context, _, _, f string, _ time.Time) (ports.IdempotencyRecord, bool, error) {
			fp = f
			return ports.IdempotencyRecord{Fingerprint: f}, true, nil
		})
	m.idem.EXPECT().CompleteIdempotencyKey(gomock.Any(), "trade.execute", "key-1", gomock.Any()).DoAndReturn(func(_ context.Context, _, _ string, b []byte) error {
		stored = b
		return nil
	})
	first, err := tr.Execute(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	// The replay must not touch the chain: a fresh controller has no chain expectations.
	tr2, m2 := newTrading(t, "")
	m2.idem.EXPECT().ClaimIdempotencyKey(gomock.Any(), "trade.execute", "key-1", fp, tNow).Return(ports.IdempotencyRecord{Fingerprint: fp, Response: stored}, false, nil)
	second, err := tr2.Execute(context.Background(), in)
	if err != nil || second.Quote.Out.String() != first.Quote.Out.String() || second.UnsignedTx.To != first.UnsignedTx.To || second.Quote.QuotedAt != first.Quote.QuotedAt {
		t.Fatalf("replay = %+v, %v", second, err)
	}
	// The same key with another request is a conflict.
	m2.idem.EXPECT().ClaimIdempotencyKey(gomock.Any(), "trade.execute", "key-1", gomock.Any(), tNow).Return(ports.IdempotencyRecord{Fingerprint: fp, Response: stored}, false, nil)
	other := in
	other.Amount = "0.2"
	if _, err := tr2.Execute(context.Background(), other); domain.CodeOf(err) != "IDEMPOTENCY_KEY_REUSED" {
		t.Fatalf("reused key err = %v", err)
	}
}

func TestStaleQuoteIsRefusedBeforeAnyChainCall(t *testing.T) {
	tr, _ := newTrading(t, "manual-local-key")
	in := buyInput(true, false)
	in.QuotedAt = tNow.Add(-61 * time.Second)
	if _, err := tr.Execute(context.Background(), in); domain.CodeOf(err) != "QUOTE_EXPIRED" || domain.KindOf(err) != domain.KindConflict {
		t.Fatalf("stale quote err = %v", err)
	}
}

// BenchmarkQuote measures the use case's own work for a quote (validation,
// preflight, exact amount math, price) over instant chain answers.
func BenchmarkQuote(b *testing.B) {
	tr, m := newTrading(b, "")
	m.expectBuyQuote()
	in := buyInput(false, false).QuoteInput
	b.ReportAllocs()
	for b.Loop() {
		if _, err := tr.Quote(context.Background(), in); err != nil {
			b.Fatal(err)
		}
	}
}

// TestQuoteOfNothingIsRefused pins that a swap the router prices at zero
// output (a dust amount) is refused: its minReceive would be zero, so the
// swap would take the funds and deliver nothing.
func TestQuoteOfNothingIsRefused(t *testing.T) {
	tr, m := newTrading(t, "manual-local-key")
	m.router.EXPECT().AmountsOut(gomock.Any(), gomock.Any(), gomock.Any()).Return([]*big.Int{big.NewInt(1), new(big.Int)}, nil)
	m.expectBuyQuote()
	in := buyInput(false, false)
	in.Amount = "0.000000000000000001"
	if _, err := tr.Quote(context.Background(), in.QuoteInput); domain.KindOf(err) != domain.KindUnprocessable {
		t.Fatalf("Quote of a zero output: err = %v, want KindUnprocessable", err)
	}
}

// TestQuoteWithUnreadableBalanceIsUnavailable pins that a node failing to
// return the wallet's balance is reported as the RPC being unavailable, not
// as the user's insufficient balance.
func TestQuoteWithUnreadableBalanceIsUnavailable(t *testing.T) {
	tr, m := newTrading(t, "")
	m.node.EXPECT().NativeBalance(gomock.Any(), tWallet).Return(nil, domain.Errorf(domain.KindUnavailable, "BSC RPC unavailable"))
	m.expectBuyQuote()
	if _, err := tr.Quote(context.Background(), buyInput(false, false).QuoteInput); domain.KindOf(err) != domain.KindUnavailable {
		t.Fatalf("err = %v (kind %v), want KindUnavailable", err, domain.KindOf(err))
	}
}

// TestReconcileSkipsAnUncheckableEntry pins that one ledger entry the node
// cannot look up (a malformed hash, e.g. one an upstream signer reported)
// does not stop the reconciler from updating the entries after it, tick
// after tick.
func TestReconcileSkipsAnUncheckableEntry(t *testing.T) {
	tr, m := newTrading(t, "")
	bad := domain.NewLedgerEntry(domain.LedgerRecord{Hash: "not-a-hash", Kind: domain.LedgerTransfer, CreatedAt: tNow})
	good := domain.NewLedgerEntry(domain.LedgerRecord{Hash: "0x02", Kind: domain.LedgerTransfer, CreatedAt: tNow})
	m.ledger.EXPECT().PendingLedger(gomock.Any(), 50).Return([]*domain.LedgerEntry{bad, good}, nil)
	m.sender.EXPECT().TxState(gomock.Any(), "not-a-hash").Return(domain.TxState{}, domain.Errorf(domain.KindInvalid, "hash must be 0x followed by 64 hex digits"))
	mined := domain.TxState{Hash: "0x02", Status: domain.TxSuccess, BlockNumber: 3, Confirmations: 1}
	m.sender.EXPECT().TxState(gomock.Any(), "0x02").Return(mined, nil)
	m.ledger.EXPECT().ObserveLedger(gomock.Any(), "0x02", mined, tNow).Return(true, nil)
	// The uncheckable entry is marked checked with its unchanged state, so
	// the next pass takes other entries first.
	m.ledger.EXPECT().ObserveLedger(gomock.Any(), "not-a-hash", bad.State(), tNow).Return(false, nil)
	if n, err := tr.Reconcile(context.Background(), 50); err != nil || n != 1 {
		t.Fatalf("Reconcile = %d, %v; want 1, nil", n, err)
	}
}
