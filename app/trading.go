package app

import (
	"context"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/agentwallet/agentwallet/domain"
	"github.com/agentwallet/agentwallet/ports"
)

// TradingPorts are the chain capabilities BSC trading needs.
type TradingPorts struct {
	Node   ports.EVMNode
	ERC20  ports.ERC20
	Router ports.SwapRouter
	Sender ports.EVMTxSender
}

// TradingPolicy is the operator's BSC configuration, resolved.
type TradingPolicy struct {
	ChainID         uint64
	ExplorerURL     string // base, without a trailing slash
	InitialMode     string // config's tradePermissionMode; empty = unset
	AgentDailyLimit int
	ApprovalWait    time.Duration // longest wait for a sell's approval to be mined
	ApprovalPoll    time.Duration
}

// Trading is the BSC trading and transfer use case group: preflight, quote,
// execute, tx-status, transfers, the ledger's profile, production defaults.
type Trading struct {
	chain    TradingPorts
	wallets  *Wallets
	keys     ports.KeyStore
	signer   ports.Signer
	ledger   ports.Ledger
	idem     ports.Idempotency
	quota    ports.AttemptCounter
	settings ports.Settings
	rpc      BSCRPCConfig
	clock    ports.Clock
	log      *slog.Logger
	policy   TradingPolicy
	steward  *Steward   // nil: no Steward bridge and no local policy engine
	quotaMu  sync.Mutex // serialises useQuota's count and booking
}

// TradingDeps bundles what NewTrading takes besides the chain.
type TradingDeps struct {
	Wallets   *Wallets
	Keys      ports.KeyStore
	Signer    ports.Signer
	Ledger    ports.Ledger
	Idem      ports.Idempotency
	Quota     ports.AttemptCounter
	Settings  ports.Settings
	RPCConfig BSCRPCConfig // where the BSC RPC URLs live; production-defaults writes one
	Clock     ports.Clock
	Log       *slog.Logger
}

// SettingTradePermissionMode is the settings key of the stored mode.
const SettingTradePermissionMode = "trade.permissionMode"

// agentQuotaScope is the attempt-counter scope of agent-auto trades.
const agentQuotaScope = "trade.agent-auto"

// NewTrading builds the use case group.
func NewTrading(chain TradingPorts, d TradingDeps, policy TradingPolicy) *Trading {
	if policy.ApprovalWait <= 0 {
		policy.ApprovalWait = 90 * time.Second
	}
	if policy.ApprovalPoll <= 0 {
		policy.ApprovalPoll = time.Second
	}
	return &Trading{chain: chain, wallets: d.Wallets, keys: d.Keys, signer: d.Signer, ledger: d.Ledger, idem: d.Idem,
		quota: d.Quota, settings: d.Settings, rpc: d.RPCConfig, clock: d.Clock, log: d.Log, policy: policy}
}

// ChainID returns the configured BSC chain id.
func (t *Trading) ChainID() uint64 { return t.policy.ChainID }

// TxURL returns the explorer link of a transaction.
func (t *Trading) TxURL(hash string) string { return t.policy.ExplorerURL + "/tx/" + hash }

// PermissionMode returns the effective trade permission mode: the stored
// setting, else the configured one, else user-sign-only.
func (t *Trading) PermissionMode(ctx context.Context) (domain.TradePermissionMode, error) {
	v, ok, err := t.settings.Setting(ctx, SettingTradePermissionMode)
	if err != nil {
		return "", err
	}
	if !ok {
		v = t.policy.InitialMode
	}
	return domain.ResolveTradePermissionMode(v), nil
}

// evmWallet returns the agent's EVM address (the primary one) and whether
// the local keystore holds its key.
func (t *Trading) evmWallet(ctx context.Context) (addr string, local bool, err error) {
	a, err := t.wallets.Addresses(ctx)
	if err != nil {
		return "", false, err
	}
	if a.EVM == nil {
		return "", false, nil
	}
	ws, err := t.keys.Wallets(ctx)
	if err != nil {
		return "", false, err
	}
	for _, w := range ws {
		if w.Chain == domain.ChainEVM && strings.EqualFold(w.Address, *a.EVM) {
			return *a.EVM, true, nil
		}
	}
	return *a.EVM, false, nil
}

// gate decides local signing for actor, counting today's agent trades.
func (t *Trading) gate(ctx context.Context, agent bool) (domain.TradeGate, error) {
	mode, err := t.PermissionMode(ctx)
	if err != nil {
		return domain.TradeGate{}, err
	}
	actor := domain.ActorHuman
	count := 0
	if agent {
		actor = domain.ActorAgent
		if count, err = t.agentTradesToday(ctx); err != nil {
			return domain.TradeGate{}, err
		}
	}
	return mode.Decide(actor, count, t.policy.AgentDailyLimit), nil
}

func (t *Trading) agentTradesToday(ctx context.Context) (int, error) {
	now := t.clock.Now().UTC()
	day := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	return t.quota.CountAttempts(ctx, agentQuotaScope, day)
}

// useQuota books one agent trade before it is broadcast. gate's count may
// be stale by now (concurrent agent requests all read the same one), so the
// count is read again and booked under quotaMu: together they cannot exceed
// the daily limit. refused is the reason when the quota ran out meanwhile.
func (t *Trading) useQuota(ctx context.Context, g domain.TradeGate) (refused string, err error) {
	if !g.UsesQuota {
		return "", nil
	}
	t.quotaMu.Lock()
	defer t.quotaMu.Unlock()
	count, err := t.agentTradesToday(ctx)
	if err != nil {
		return "", err
	}
	if again := domain.TradeModeAgentAuto.Decide(domain.ActorAgent, count, t.policy.AgentDailyLimit); !again.LocalSigning {
		return again.Reason, nil
	}
	_, err = t.quota.RecordAttempt(ctx, agentQuotaScope, t.clock.Now(), 48*time.Hour)
	return "", err
}

// appendLedger records a broadcast; a failure is logged, never returned,
// because the transaction is already on its way.
func (t *Trading) appendLedger(ctx context.Context, rec domain.LedgerRecord) {
	if err := t.ledger.AppendLedger(ctx, domain.NewLedgerEntry(rec)); err != nil {
		t.log.ErrorContext(ctx, "ledger append failed", "hash", rec.Hash, "err", err.Error())
	}
}

// UnsignedTx is a transaction for the user to sign elsewhere.
type UnsignedTx struct {
	ChainID     uint64
	From        string
	To          string
	Data        []byte
	ValueWei    string
	Deadline    int64  // unix seconds; swaps only
	ExplorerURL string // explorer base
	Spender     string // approvals only: who may spend
	AmountWei   string // approvals only: how much
}

// Execution is what a local broadcast returned.
type Execution struct {
	Hash         string
	Nonce        uint64
	GasLimit     uint64
	ValueWei     string
	ExplorerURL  string
	Status       string
	ApprovalHash string // sells that needed an approval

	PolicyResults []domain.PolicyResult // a policy hold (Status pending_approval): every rule's result
	NonceUnknown  bool                  // signed by Steward, which does not report the nonce
	TxID          string                // the Steward (or local queue) id of a held transaction
}
