package app

import (
	"context"
	"errors"

	"github.com/agentwallet/agentwallet/domain"
)

// ListAgents lists the account's cloud agents.
func (c *Cloud) ListAgents(ctx context.Context) ([]domain.CloudAgent, error) {
	key, err := c.requireKey()
	if err != nil {
		return nil, err
	}
	return c.cloud.Agents.ListAgents(ctx, key)
}

// CreateAgent creates a cloud agent.
func (c *Cloud) CreateAgent(ctx context.Context, in domain.NewCloudAgent) (domain.CloudAgent, error) {
	key, err := c.requireKey()
	if err != nil {
		return domain.CloudAgent{}, err
	}
	in, err = in.Validate()
	if err != nil {
		return domain.CloudAgent{}, err
	}
	return c.cloud.Agents.CreateAgent(ctx, key, in)
}

// AgentConnection is the result of provisioning or connecting an agent.
type AgentConnection struct {
	AgentID   domain.CloudAgentID
	AgentName string
	Connected bool
}

// parseAgentArg validates the id and the login, in that order, so a bad id
// is a 400 whatever the login state.
func (c *Cloud) parseAgentArg(id string) (domain.CloudAgentID, domain.CloudAPIKey, error) {
	aid, err := domain.ParseCloudAgentID(id)
	if err != nil {
		return "", domain.CloudAPIKey{}, err
	}
	key, err := c.requireKey()
	return aid, key, err
}

// ProvisionAgent starts the agent's sandbox, waits (bounded) for the
// cloud's provisioning job, checks the agent answers and makes it the
// active agent.
func (c *Cloud) ProvisionAgent(ctx context.Context, id string) (AgentConnection, error) {
	aid, key, err := c.parseAgentArg(id)
	if err != nil {
		return AgentConnection{}, err
	}
	return c.connectAgent(ctx, key, aid)
}

// ConnectAgent is ProvisionAgent after disconnecting the active agent, if
// another one is active.
func (c *Cloud) ConnectAgent(ctx context.Context, id string) (AgentConnection, error) {
	aid, key, err := c.parseAgentArg(id)
	if err != nil {
		return AgentConnection{}, err
	}
	active, err := c.activeAgent(ctx)
	if err != nil {
		return AgentConnection{}, err
	}
	if active != "" && active != aid {
		if err := c.setActiveAgent(ctx, ""); err != nil {
			return AgentConnection{}, err
		}
	}
	return c.connectAgent(ctx, key, aid)
}

func (c *Cloud) connectAgent(ctx context.Context, key domain.CloudAPIKey, id domain.CloudAgentID) (AgentConnection, error) {
	p, err := c.cloud.Provisioner.ProvisionAgent(ctx, key, id)
	if err != nil {
		return AgentConnection{}, err
	}
	if !p.Running {
		if err := c.waitForJob(ctx, key, p.JobID); err != nil {
			return AgentConnection{}, err
		}
	}
	agent, err := c.cloud.Agents.GetAgent(ctx, key, id)
	if err != nil {
		return AgentConnection{}, err
	}
	if err := c.cloud.Provisioner.Heartbeat(ctx, key, id); err != nil {
		return AgentConnection{}, err
	}
	if err := c.setActiveAgent(ctx, id); err != nil {
		return AgentConnection{}, err
	}
	return AgentConnection{AgentID: id, AgentName: agent.Name, Connected: true}, nil
}

// waitForJob polls a provisioning job until it finishes or ProvisionWait
// passes (KindTimeout); a failed job is KindUpstream with the cloud's reason.
func (c *Cloud) waitForJob(ctx context.Context, key domain.CloudAPIKey, jobID string) error {
	deadline := c.clock.Now().Add(c.policy.ProvisionWait)
	for {
		job, err := c.cloud.Provisioner.ProvisionJob(ctx, key, jobID)
		if err != nil {
			return err
		}
		switch job.Status {
		case domain.JobCompleted:
			return nil
		case domain.JobFailed:
			msg := job.Error
			if msg == "" {
				msg = "no reason given"
			}
			return domain.Errorf(domain.KindUpstream, "cloud agent provisioning failed: %s", msg).WithCode("CLOUD_PROVISION_FAILED")
		}
		if !c.clock.Now().Before(deadline) {
			return domain.Errorf(domain.KindTimeout, "cloud agent is still provisioning; try again shortly").WithCode("CLOUD_PROVISION_PENDING")
		}
		if err := c.sleep(ctx, c.policy.ProvisionPoll); err != nil {
			return domain.Errorf(domain.KindTimeout, "cloud agent provisioning wait cancelled").Wrap(err)
		}
	}
}

// ShutdownAgent disconnects the agent if it is the active one, then deletes
// it on the cloud.
func (c *Cloud) ShutdownAgent(ctx context.Context, id string) (domain.CloudAgentID, error) {
	aid, key, err := c.parseAgentArg(id)
	if err != nil {
		return "", err
	}
	active, err := c.activeAgent(ctx)
	if err != nil {
		return "", err
	}
	if active == aid {
		if err := c.setActiveAgent(ctx, ""); err != nil {
			return "", err
		}
	}
	if err := c.cloud.Agents.DeleteAgent(ctx, key, aid); err != nil {
		return "", err
	}
	return aid, nil
}

// ActiveAgent returns the connected cloud agent, "" when none.
func (c *Cloud) ActiveAgent(ctx context.Context) (domain.CloudAgentID, error) {
	return c.activeAgent(ctx)
}

func (c *Cloud) setActiveAgent(ctx context.Context, id domain.CloudAgentID) error {
	var v *string
	if id != "" {
		v = ptr(string(id))
	}
	return c.settings.UpdateSettings(ctx, map[string]*string{settingCloudActiveAgent: v})
}

// agentForWallets is the agent whose cloud wallets are used: the active
// agent, else the configured agent id.
func (c *Cloud) agentForWallets(ctx context.Context) (domain.CloudAgentID, error) {
	active, err := c.activeAgent(ctx)
	if err != nil || active != "" {
		return active, err
	}
	if c.policy.AgentID == "" {
		return "", errNoAgent
	}
	return domain.ParseCloudAgentID(c.policy.AgentID)
}

var errNoAgent = errors.New("no agent configured")
