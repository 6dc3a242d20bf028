package domain

import (
	"errors"
	"math/big"
	"strings"
	"time"
)

// StewardAgent is Steward's identity for one agent, with the wallets Steward
// holds for it.
type StewardAgent struct {
	ID            string
	TenantID      string
	Name          string
	EVMAddress    string // walletAddresses.evm, else the legacy walletAddress; may be empty
	SolanaAddress string // walletAddresses.solana; may be empty
	CreatedAt     time.Time
}

// StewardSignRequest asks Steward to evaluate, sign and (by default)
// broadcast one EVM transaction.
type StewardSignRequest struct {
	To             string   // 0x-hex destination
	Value          *big.Int // wei; nil means zero
	Data           []byte   // calldata; empty for a native transfer
	ChainID        uint64   // always explicit: Steward's own default is Base (8453)
	SignOnly       bool     // broadcast:false, Steward returns the signed bytes instead of sending
	Description    string   // shown to approvers; Steward may ignore it
	IdempotencyKey string   // empty: the adapter makes a fresh one (and reuses it on retry)
}

// StewardSignStatus is how Steward answered a sign request that it did not
// reject. A rejection is an error (see ErrPolicyRejected).
type StewardSignStatus string

// The sign outcomes.
const (
	StewardSigned          StewardSignStatus = "signed"           // 200: signed, and sent unless SignOnly
	StewardPendingApproval StewardSignStatus = "pending_approval" // 202: held for a human
	StewardOutcomeUnknown  StewardSignStatus = "outcome_unknown"  // 202: sent, result unknown; never retry, reconcile by hash
)

// StewardSignResult is Steward's answer to a sign request.
type StewardSignResult struct {
	Status   StewardSignStatus
	TxID     string         // Steward's record id
	TxHash   string         // chain hash when sent (also for outcome_unknown)
	SignedTx string         // 0x-hex signed bytes when SignOnly
	Results  []PolicyResult // the policy results of a held request
}

// StewardTxStatus is the state of one Steward transaction record.
type StewardTxStatus string

// The record states Steward reports.
const (
	StewardTxPending        StewardTxStatus = "pending"
	StewardTxApproved       StewardTxStatus = "approved"
	StewardTxRejected       StewardTxStatus = "rejected"
	StewardTxSigned         StewardTxStatus = "signed"
	StewardTxBroadcast      StewardTxStatus = "broadcast"
	StewardTxConfirmed      StewardTxStatus = "confirmed"
	StewardTxFailed         StewardTxStatus = "failed"
	StewardTxOutcomeUnknown StewardTxStatus = "outcome_unknown"
)

var stewardTxStatuses = []StewardTxStatus{
	StewardTxPending, StewardTxApproved, StewardTxRejected, StewardTxSigned,
	StewardTxBroadcast, StewardTxConfirmed, StewardTxFailed, StewardTxOutcomeUnknown,
}

// ParseStewardTxStatus parses a record state filter (case-insensitive).
func ParseStewardTxStatus(s string) (StewardTxStatus, error) {
	st := StewardTxStatus(strings.ToLower(strings.TrimSpace(s)))
	for _, known := range stewardTxStatuses {
		if st == known {
			return st, nil
		}
	}
	return "", Errorf(KindInvalid, "unknown transaction status %q", policyTruncate(s))
}

// StewardTxRecord is one transaction Steward (or the local engine) has seen.
type StewardTxRecord struct {
	ID            string
	AgentID       string
	Status        StewardTxStatus
	To            string
	Value         *big.Int // wei
	Data          []byte
	ChainID       uint64
	TxHash        string // empty until sent
	PolicyResults []PolicyResult
	CreatedAt     time.Time
	SignedAt      time.Time // zero when not signed
	ConfirmedAt   time.Time // zero when not confirmed
}

// StewardApproval is one entry of the pending-approval queue. The rule that
// held it is the failed entry of Tx.PolicyResults.
type StewardApproval struct {
	QueueID     string
	Status      string // "pending": the queue lists only pending entries
	RequestedAt time.Time
	Tx          StewardTxRecord
}

// StewardApproveResult is what approving a held transaction produced.
type StewardApproveResult struct {
	TxID     string
	TxHash   string // when sent
	SignedTx string // when the original request was SignOnly
}

// StewardPage selects a slice of a newest-first list.
type StewardPage struct {
	Limit  int // 0 means the source's default
	Offset int
}

// Paging defaults and bounds, Steward's own.
const (
	DefaultStewardPageLimit = 100
	MaxStewardPageLimit     = 200
	MaxStewardPageOffset    = 100000
)

// Normalize applies Steward's rule: a limit or offset out of range falls back
// to the default instead of failing.
func (p StewardPage) Normalize() StewardPage {
	if p.Limit <= 0 || p.Limit > MaxStewardPageLimit {
		p.Limit = DefaultStewardPageLimit
	}
	if p.Offset < 0 || p.Offset > MaxStewardPageOffset {
		p.Offset = 0
	}
	return p
}

// PolicyRejection carries the rule results of a rejected transaction. It is
// the cause inside the *Error built by ErrPolicyRejected.
type PolicyRejection struct {
	TxID    string // Steward's record id; empty for the local engine
	Results []PolicyResult
}

// Error summarises the failed rules.
func (r *PolicyRejection) Error() string {
	var failed []string
	for _, res := range r.Results {
		if !res.Passed {
			failed = append(failed, res.Policy())
		}
	}
	if len(failed) == 0 {
		return "policy rejected"
	}
	return "policy rejected by " + strings.Join(failed, ", ")
}

// ErrPolicyRejected builds the 403 STEWARD_POLICY_REJECTED error for a
// transaction a policy set rejected, carrying the rule results.
func ErrPolicyRejected(msg string, rej *PolicyRejection) *Error {
	if msg == "" {
		msg = "Policy rejected"
	}
	return Errorf(KindPolicyDenied, "%s", msg).WithCode("STEWARD_POLICY_REJECTED").Wrap(rej)
}

// PolicyRejectionOf finds the PolicyRejection in err's chain.
func PolicyRejectionOf(err error) (*PolicyRejection, bool) {
	var rej *PolicyRejection
	ok := errors.As(err, &rej)
	return rej, ok
}
