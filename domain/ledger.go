package domain

import (
	"math/big"
	"strings"
	"time"
)

// TxStatus is where a broadcast transaction stands on chain.
type TxStatus string

// The transaction states tx-status and the ledger use.
const (
	TxPending  TxStatus = "pending"   // known to the node, not yet mined
	TxSuccess  TxStatus = "success"   // mined with receipt status 1
	TxReverted TxStatus = "reverted"  // mined with receipt status 0
	TxNotFound TxStatus = "not_found" // the node knows nothing of it
)

// Terminal reports whether no later observation can change the status: a
// mined transaction (barring reorgs the daemon does not model) is final.
func (s TxStatus) Terminal() bool { return s == TxSuccess || s == TxReverted }

// TxState is what the chain says about one transaction.
type TxState struct {
	Hash              string
	Status            TxStatus
	BlockNumber       uint64   // 0 while not mined
	Confirmations     uint64   // head - block + 1 once mined (1 in the inclusion block)
	Nonce             *uint64  // nil when the node did not say
	GasUsed           uint64   // 0 while not mined
	EffectiveGasPrice *big.Int // nil while not mined
}

// LedgerKind separates swaps, which feed P&L, from plain transfers.
type LedgerKind string

// The ledger entry kinds.
const (
	LedgerSwap     LedgerKind = "swap"
	LedgerTransfer LedgerKind = "transfer"
)

// TradeSource attributes an entry to the agent or to a person.
type TradeSource string

// The trade sources.
const (
	SourceAgent  TradeSource = "agent"
	SourceManual TradeSource = "manual"
)

// ParseTradeSource reads the execute body's source: "agent" or "manual";
// anything else (including empty) is manual, as in the reference.
func ParseTradeSource(s string) TradeSource {
	if strings.EqualFold(strings.TrimSpace(s), string(SourceAgent)) {
		return SourceAgent
	}
	return SourceManual
}

// AssetAmount is an exact amount of one asset in base units, with the
// symbol and decimals to show it.
type AssetAmount struct {
	Symbol   string
	Decimals uint8
	Units    *big.Int
}

// String renders the amount as a decimal string.
func (a AssetAmount) String() string { return FormatUnits(a.Units, a.Decimals) }

// LedgerRecord is what the daemon knew when it broadcast a swap or transfer.
// It never changes afterwards.
type LedgerRecord struct {
	Hash         string
	Kind         LedgerKind
	CreatedAt    time.Time
	Source       TradeSource
	Side         TradeSide   // swaps only
	TokenAddress string      // the traded or transferred token; empty for native transfers
	SlippageBps  int         // swaps only
	Route        []string    // swap path, checksummed addresses
	In           AssetAmount // what left the wallet (BNB for a buy)
	Out          AssetAmount // what the quote promised back (BNB for a sell); for a transfer, what the recipient gets
	Nonce        uint64
	ExplorerURL  string
}

// LedgerEntry is a ledger record plus the chain state last observed for it.
// The state moves only through Observe, which keeps success and reverted
// terminal.
type LedgerEntry struct {
	LedgerRecord
	state     TxState
	updatedAt time.Time
}

// NewLedgerEntry starts an entry for a just-broadcast transaction: pending.
func NewLedgerEntry(rec LedgerRecord) *LedgerEntry {
	n := rec.Nonce
	return &LedgerEntry{
		LedgerRecord: rec,
		state:        TxState{Hash: rec.Hash, Status: TxPending, Nonce: &n},
		updatedAt:    rec.CreatedAt,
	}
}

// RehydrateLedgerEntry rebuilds an entry from storage. Only the store adapter
// should call it; it trusts its input.
func RehydrateLedgerEntry(rec LedgerRecord, state TxState, updatedAt time.Time) *LedgerEntry {
	return &LedgerEntry{LedgerRecord: rec, state: state, updatedAt: updatedAt}
}

// State returns the last observed chain state.
func (e *LedgerEntry) State() TxState { return e.state }

// Status returns the last observed status.
func (e *LedgerEntry) Status() TxStatus { return e.state.Status }

// UpdatedAt returns when the state last changed.
func (e *LedgerEntry) UpdatedAt() time.Time { return e.updatedAt }

// Observe records a new chain observation at time at and reports whether the
// entry changed. Pending and not_found entries take any observation; a
// terminal entry only refreshes its confirmations and ignores any other
// status (a flaky node reporting "not_found" must not undo a success).
func (e *LedgerEntry) Observe(s TxState, at time.Time) bool {
	cur := e.state
	if cur.Status.Terminal() {
		if s.Status != cur.Status || s.Confirmations <= cur.Confirmations {
			return false
		}
		e.state.Confirmations = s.Confirmations
		e.updatedAt = at
		return true
	}
	if s.Nonce == nil {
		s.Nonce = cur.Nonce
	}
	s.Hash = cur.Hash
	if s.Status == cur.Status && s.BlockNumber == cur.BlockNumber && s.Confirmations == cur.Confirmations {
		return false
	}
	e.state = s
	e.updatedAt = at
	return true
}
