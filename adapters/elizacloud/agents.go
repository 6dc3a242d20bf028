package elizacloud

import (
	"context"
	"net/http"
	"net/url"

	"github.com/agentwallet/agentwallet/domain"
)

func (c *Client) agentsPath(rest string) string { return "/api/v1/" + c.prefix + "/agents" + rest }

func (c *Client) agentCall(ctx context.Context, op, method, path string, key domain.CloudAPIKey, body any) (response, error) {
	return c.do(ctx, call{op: op, method: method, path: path, key: key, body: body, timeout: c.opts.AgentsTimeout})
}

// ListAgents reads GET /api/v1/<prefix>/agents.
func (c *Client) ListAgents(ctx context.Context, key domain.CloudAPIKey) ([]domain.CloudAgent, error) {
	const op = "elizacloud.agents.list"
	resp, err := c.agentCall(ctx, op, http.MethodGet, c.agentsPath(""), key, nil)
	if err != nil {
		return nil, err
	}
	as, err := parseAgents(resp.body)
	if err != nil {
		return nil, malformed(op, "agent list", err)
	}
	return as, nil
}

// CreateAgent calls POST /api/v1/<prefix>/agents.
func (c *Client) CreateAgent(ctx context.Context, key domain.CloudAPIKey, a domain.NewCloudAgent) (domain.CloudAgent, error) {
	const op = "elizacloud.agents.create"
	body := createAgentDTO{AgentName: a.Name, AgentConfig: a.Config, EnvironmentVars: a.Env}
	resp, err := c.agentCall(ctx, op, http.MethodPost, c.agentsPath(""), key, body)
	if err != nil {
		return domain.CloudAgent{}, err
	}
	ag, err := parseAgent(resp.body)
	if err != nil {
		return domain.CloudAgent{}, malformed(op, "agent", err)
	}
	return ag, nil
}

// GetAgent reads GET /api/v1/<prefix>/agents/:id.
func (c *Client) GetAgent(ctx context.Context, key domain.CloudAPIKey, id domain.CloudAgentID) (domain.CloudAgent, error) {
	const op = "elizacloud.agents.get"
	resp, err := c.agentCall(ctx, op, http.MethodGet, c.agentsPath("/"+url.PathEscape(string(id))), key, nil)
	if err != nil {
		return domain.CloudAgent{}, err
	}
	ag, err := parseAgent(resp.body)
	if err != nil {
		return domain.CloudAgent{}, malformed(op, "agent", err)
	}
	return ag, nil
}

// DeleteAgent calls DELETE /api/v1/<prefix>/agents/:id.
func (c *Client) DeleteAgent(ctx context.Context, key domain.CloudAPIKey, id domain.CloudAgentID) error {
	_, err := c.agentCall(ctx, "elizacloud.agents.delete", http.MethodDelete, c.agentsPath("/"+url.PathEscape(string(id))), key, nil)
	return err
}

// ProvisionAgent calls POST /api/v1/<prefix>/agents/:id/provision. A 409
// that names the running job is reported as that job, so the caller can
// wait for it instead of failing.
func (c *Client) ProvisionAgent(ctx context.Context, key domain.CloudAPIKey, id domain.CloudAgentID) (domain.CloudProvisioning, error) {
	const op = "elizacloud.agents.provision"
	resp, err := c.agentCall(ctx, op, http.MethodPost, c.agentsPath("/"+url.PathEscape(string(id))+"/provision"), key, nil)
	if err != nil {
		if domain.KindOf(err) == domain.KindConflict {
			if p, perr := parseProvision(http.StatusConflict, upstreamBody(err)); perr == nil {
				return p, nil
			}
		}
		return domain.CloudProvisioning{}, err
	}
	p, err := parseProvision(resp.status, resp.body)
	if err != nil {
		return domain.CloudProvisioning{}, malformed(op, "provisioning answer", err)
	}
	return p, nil
}

// ProvisionJob reads GET /api/v1/jobs/:id.
func (c *Client) ProvisionJob(ctx context.Context, key domain.CloudAPIKey, jobID string) (domain.CloudJob, error) {
	const op = "elizacloud.jobs.get"
	resp, err := c.agentCall(ctx, op, http.MethodGet, "/api/v1/jobs/"+url.PathEscape(jobID), key, nil)
	if err != nil {
		return domain.CloudJob{}, err
	}
	j, err := parseJob(resp.body)
	if err != nil {
		return domain.CloudJob{}, malformed(op, "job", err)
	}
	return j, nil
}

// Heartbeat sends the JSON-RPC "heartbeat" through the agent's bridge. The
// bridge answers HTTP 200 even when the sandbox is down, with a JSON-RPC
// error, which is what makes this KindUnavailable.
func (c *Client) Heartbeat(ctx context.Context, key domain.CloudAPIKey, id domain.CloudAgentID) error {
	const op = "elizacloud.agents.heartbeat"
	resp, err := c.agentCall(ctx, op, http.MethodPost, c.agentsPath("/"+url.PathEscape(string(id))+"/bridge"), key,
		rpcRequest{JSONRPC: "2.0", ID: 1, Method: "heartbeat"})
	if err != nil {
		return err
	}
	r, err := parseRPC(resp.body)
	if err != nil {
		return malformed(op, "heartbeat answer", err)
	}
	if r.Error != nil {
		return domain.Errorf(domain.KindUnavailable, "cloud agent is not answering: %s", cleanMessage(r.Error.Message)).WithOp(op)
	}
	return nil
}
