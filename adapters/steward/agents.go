package steward

import (
	"context"
	"net/http"

	"github.com/agentwallet/agentwallet/domain"
)

// Health probes /health, which needs no credentials and answers a bare
// object rather than the envelope.
func (c *Client) Health(ctx context.Context) error {
	const op = "steward.health"
	rep, err := c.do(ctx, call{op: op, method: http.MethodGet, path: "/health", attempts: 2, noAuth: true})
	if err != nil {
		return err
	}
	if rep.status != http.StatusOK {
		return statusError(op, rep)
	}
	return nil
}

// Agent looks the agent up.
func (c *Client) Agent(ctx context.Context, agentID string) (domain.StewardAgent, error) {
	const op = "steward.agent"
	rep, err := c.do(ctx, call{op: op, method: http.MethodGet, path: agentPath("/agents", agentID), attempts: 2})
	if err != nil {
		return domain.StewardAgent{}, err
	}
	if rep.status != http.StatusOK {
		return domain.StewardAgent{}, statusError(op, rep)
	}
	var a agentDTO
	if err := decodeData(op, rep, &a); err != nil {
		return domain.StewardAgent{}, err
	}
	return a.domain(), nil
}

// CreateAgent creates the agent; Steward generates its wallets.
func (c *Client) CreateAgent(ctx context.Context, agentID, name string) (domain.StewardAgent, error) {
	const op = "steward.createAgent"
	rep, err := c.do(ctx, call{op: op, method: http.MethodPost, path: "/agents", body: createAgentBody{ID: agentID, Name: name}})
	if err != nil {
		return domain.StewardAgent{}, err
	}
	if rep.status != http.StatusOK && rep.status != http.StatusCreated {
		return domain.StewardAgent{}, statusError(op, rep)
	}
	var a agentDTO
	if err := decodeData(op, rep, &a); err != nil {
		return domain.StewardAgent{}, err
	}
	return a.domain(), nil
}
