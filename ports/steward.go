package ports

import (
	"context"

	"github.com/agentwallet/agentwallet/domain"
)

// Steward is split by capability. Every method takes the Steward agent id
// explicitly: the app resolves it (configured id, else the EVM address).
// Errors common to all methods: KindUnavailable when Steward cannot be
// reached or answers 503 (code STEWARD_UNAVAILABLE), KindTimeout when it does
// not answer in time, KindUpstream for a 401, 428, other 5xx or a malformed
// body (never our own 401), KindRateLimited for a 429, KindForbidden for a
// 403 that is not a policy rejection (bad key, wrong agent scope), and the
// context's error when ctx ends first.

//go:generate go tool mockgen -typed -destination=../mocks/steward.go -package=mocks . StewardAgents,StewardSigner,StewardApprovals,StewardPolicies,StewardHistory

// StewardAgents looks up and creates Steward agents.
type StewardAgents interface {
	// Health probes Steward's unauthenticated /health. nil means reachable.
	Health(ctx context.Context) error
	// Agent returns the agent. KindNotFound when Steward does not know it
	// (404), KindInvalid when it refuses the id (400).
	Agent(ctx context.Context, agentID string) (domain.StewardAgent, error)
	// CreateAgent creates an agent, with fresh EVM and Solana wallets.
	// KindConflict when it already exists, KindInvalid for a refused id.
	CreateAgent(ctx context.Context, agentID, name string) (domain.StewardAgent, error)
}

// StewardSigner asks Steward to evaluate, sign and send a transaction.
type StewardSigner interface {
	// Sign submits req. A hold or an unknown broadcast outcome is a result,
	// not an error. A policy rejection is a KindPolicyDenied error with code
	// STEWARD_POLICY_REJECTED whose chain holds a *domain.PolicyRejection
	// (domain.PolicyRejectionOf). A 403 without policy results (calldata
	// signing disabled, bad key) is KindForbidden, never a policy rejection.
	// KindInvalid when Steward refuses the request (400); KindConflict when
	// the idempotency key was used for another payload.
	Sign(ctx context.Context, agentID string, req domain.StewardSignRequest) (domain.StewardSignResult, error)
}

// StewardApprovals lists and resolves transactions held for approval.
type StewardApprovals interface {
	// Pending lists the queue, newest first. An agent Steward does not know
	// has an empty queue (Steward answers 404, as the reference treats it).
	Pending(ctx context.Context, agentID string, page domain.StewardPage) ([]domain.StewardApproval, error)
	// Approve signs and sends a held transaction. KindNotFound for an unknown
	// tx; KindConflict when it is no longer pending (or its policy changed);
	// KindForbidden with code STEWARD_ADMIN_REQUIRED when Steward requires an
	// owner or admin session.
	Approve(ctx context.Context, agentID, txID string) (domain.StewardApproveResult, error)
	// Deny rejects a held transaction; reason may be empty. Errors as Approve.
	Deny(ctx context.Context, agentID, txID, reason string) error
}

// StewardPolicies reads and replaces an agent's policy set.
type StewardPolicies interface {
	// Policies returns the stored rules in order (empty when none).
	Policies(ctx context.Context, agentID string) ([]domain.PolicyRule, error)
	// SetPolicies replaces the whole set and returns it as stored (Steward
	// assigns fresh ids). KindInvalid with Steward's message when it refuses
	// the set; KindConflict when the set changed concurrently; KindForbidden
	// when the credentials may not change policies.
	SetPolicies(ctx context.Context, agentID string, rules []domain.PolicyRule) ([]domain.PolicyRule, error)
}

// StewardHistory reads an agent's transaction records.
type StewardHistory interface {
	// History lists records newest first. KindNotFound for an unknown agent.
	History(ctx context.Context, agentID string, page domain.StewardPage) ([]domain.StewardTxRecord, error)
}
