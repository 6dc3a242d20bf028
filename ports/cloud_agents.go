package ports

import (
	"context"

	"github.com/agentwallet/agentwallet/domain"
)

//go:generate go tool mockgen -typed -destination=../mocks/cloud_agents.go -package=mocks . CloudAgents,CloudProvisioner

// CloudAgents manages agents hosted on Eliza Cloud.
//
// Every call may fail with KindUpstream and code CLOUD_AUTH_REJECTED when
// the cloud refuses the key, KindUpstream for network failures, redirects
// and malformed answers, KindTimeout, and KindInvalid with code
// UNSAFE_UPSTREAM_URL when the outbound guard refuses the cloud's address.
type CloudAgents interface {
	// ListAgents returns the account's agents.
	ListAgents(ctx context.Context, key domain.CloudAPIKey) ([]domain.CloudAgent, error)
	// CreateAgent creates an agent. KindInvalid when the cloud refuses the
	// request, KindInsufficientFunds when credits are too low.
	CreateAgent(ctx context.Context, key domain.CloudAPIKey, a domain.NewCloudAgent) (domain.CloudAgent, error)
	// GetAgent returns one agent; KindNotFound when it does not exist.
	GetAgent(ctx context.Context, key domain.CloudAPIKey, id domain.CloudAgentID) (domain.CloudAgent, error)
	// DeleteAgent deletes an agent; KindNotFound when it does not exist,
	// KindConflict while it is being provisioned.
	DeleteAgent(ctx context.Context, key domain.CloudAPIKey, id domain.CloudAgentID) error
}

// CloudProvisioner starts cloud agents and watches them run. Errors are as
// for CloudAgents.
type CloudProvisioner interface {
	// ProvisionAgent starts the agent's sandbox. It reports Running when the
	// agent is already up, otherwise the job to poll. KindNotFound for an
	// unknown agent, KindConflict when a provisioning is already under way,
	// KindInsufficientFunds when credits are too low.
	ProvisionAgent(ctx context.Context, key domain.CloudAPIKey, id domain.CloudAgentID) (domain.CloudProvisioning, error)
	// ProvisionJob reads a provisioning job; KindNotFound for an unknown job.
	ProvisionJob(ctx context.Context, key domain.CloudAPIKey, jobID string) (domain.CloudJob, error)
	// Heartbeat checks that the agent's sandbox answers. KindUnavailable when
	// the cloud says it is not running.
	Heartbeat(ctx context.Context, key domain.CloudAPIKey, id domain.CloudAgentID) error
}
