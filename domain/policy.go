package domain

import (
	"encoding/json"
	"time"
)

// PolicyType names a Steward policy rule type. The local engine evaluates the
// six types below; the other types Steward persists are carried as opaque
// rules so a policy set read from Steward can be written back unchanged.
type PolicyType string

// The policy types the local engine evaluates, with Steward's names.
const (
	PolicySpendingLimit        PolicyType = "spending-limit"         // hard: per-tx, per-day, per-week caps in base units
	PolicyAutoApproveThreshold PolicyType = "auto-approve-threshold" // soft: above the threshold holds for approval
	PolicyApprovedAddresses    PolicyType = "approved-addresses"     // hard: destination whitelist or blacklist
	PolicyRateLimit            PolicyType = "rate-limit"             // hard: transactions per hour and per day
	PolicyTimeWindow           PolicyType = "time-window"            // hard: allowed UTC hours and weekdays
	PolicyAllowedChains        PolicyType = "allowed-chains"         // hard: CAIP-2 chain allow-list
)

// opaquePolicyTypes are the other types Steward stores. They round-trip through
// the daemon but the local engine cannot evaluate them, so it fails them closed.
var opaquePolicyTypes = map[PolicyType]bool{
	"condition-set":        true,
	"aggregation":          true,
	"contract-allowlist":   true,
	"typed-data":           true,
	"raw-signing-chain":    true,
	"reputation-threshold": true,
	"reputation-scaling":   true,
	"venue-allowlist":      true,
	"leverage-cap":         true,
}

// Evaluable reports whether the local engine can evaluate rules of type t.
func (t PolicyType) Evaluable() bool {
	switch t {
	case PolicySpendingLimit, PolicyAutoApproveThreshold, PolicyApprovedAddresses,
		PolicyRateLimit, PolicyTimeWindow, PolicyAllowedChains:
		return true
	}
	return false
}

// Known reports whether Steward knows type t (evaluable or opaque).
func (t PolicyType) Known() bool { return t.Evaluable() || opaquePolicyTypes[t] }

// Soft reports whether a failed rule of type t holds a transaction for manual
// approval instead of rejecting it. Only the auto-approve threshold is soft.
func (t PolicyType) Soft() bool { return t == PolicyAutoApproveThreshold }

// PolicyRule is one rule of a policy set, as Steward stores it.
type PolicyRule struct {
	ID        string // assigned by the store; client ids only detect duplicates
	Type      PolicyType
	Enabled   bool
	Config    json.RawMessage // the config object verbatim, so opaque types round-trip
	CreatedAt time.Time       // zero when the source did not say
	UpdatedAt time.Time       // zero when the source did not say
}

// PolicyOutcome is a rule's effect in the spec's policyResults: passed,
// pending (it holds the transaction) or denied (it rejects it).
type PolicyOutcome string

// The three outcomes of one rule.
const (
	PolicyPassed  PolicyOutcome = "passed"
	PolicyPending PolicyOutcome = "pending"
	PolicyDenied  PolicyOutcome = "denied"
)

// PolicyResult is the evaluation of one rule, in Steward's terms.
type PolicyResult struct {
	PolicyID               string
	Type                   PolicyType
	Passed                 bool
	Reason                 string // why it failed (or a note when it passed); may be empty
	RequiresManualApproval bool   // a failed hard rule that asks for review instead of rejecting
}

// Outcome maps the result to the spec's vocabulary: a failed soft rule, or a
// failed rule that asks for manual review, is pending; any other failure is
// denied.
func (r PolicyResult) Outcome() PolicyOutcome {
	switch {
	case r.Passed:
		return PolicyPassed
	case r.Type.Soft() || r.RequiresManualApproval:
		return PolicyPending
	default:
		return PolicyDenied
	}
}

// Policy names the rule for the spec's `policy` field. Steward rules have no
// names, so the type names them; the id stands in when the type is missing.
func (r PolicyResult) Policy() string {
	if r.Type != "" {
		return string(r.Type)
	}
	return r.PolicyID
}

// PolicyVerdict is the decision over a whole policy set.
type PolicyVerdict string

// The three verdicts, named as the spec's execution.status values.
const (
	PolicyApprove PolicyVerdict = "approved"         // sign and send
	PolicyHold    PolicyVerdict = "pending_approval" // queue for a human
	PolicyReject  PolicyVerdict = "rejected"         // never sign
)

// PolicyDecision is a verdict with every rule's result, in rule order.
type PolicyDecision struct {
	Verdict PolicyVerdict
	Results []PolicyResult
}

// VerdictOf derives the verdict from rule results with Steward's semantics:
// no results means deny; any hard failure rejects (even if a soft rule also
// failed); otherwise any failure holds; all passed approves. enabled is the
// number of enabled rules: a set whose rules are all disabled also denies.
func VerdictOf(results []PolicyResult, enabled int) PolicyVerdict {
	if len(results) == 0 || enabled == 0 {
		return PolicyReject
	}
	verdict := PolicyApprove
	for _, r := range results {
		switch r.Outcome() {
		case PolicyDenied:
			return PolicyReject
		case PolicyPending:
			verdict = PolicyHold
		}
	}
	return verdict
}
