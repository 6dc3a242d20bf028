package steward

import (
	"context"
	"net/http"

	"github.com/agentwallet/agentwallet/domain"
)

// Policies reads the agent's policy set.
func (c *Client) Policies(ctx context.Context, agentID string) ([]domain.PolicyRule, error) {
	const op = "steward.policies"
	rep, err := c.do(ctx, call{op: op, method: http.MethodGet, path: agentPath("/agents", agentID, "policies"), attempts: 2})
	if err != nil {
		return nil, err
	}
	if rep.status != http.StatusOK {
		return nil, statusError(op, rep)
	}
	return decodeRules(op, rep)
}

// SetPolicies replaces the set; Steward's body is a bare array.
func (c *Client) SetPolicies(ctx context.Context, agentID string, rules []domain.PolicyRule) ([]domain.PolicyRule, error) {
	const op = "steward.setPolicies"
	body := make([]ruleDTO, len(rules))
	for i, r := range rules {
		body[i] = ruleWire(r)
	}
	rep, err := c.do(ctx, call{op: op, method: http.MethodPut, path: agentPath("/agents", agentID, "policies"), body: body})
	if err != nil {
		return nil, err
	}
	if rep.status != http.StatusOK {
		return nil, statusError(op, rep)
	}
	return decodeRules(op, rep)
}

func decodeRules(op string, rep reply) ([]domain.PolicyRule, error) {
	var dtos []ruleDTO
	if len(rep.env.Data) > 0 && string(rep.env.Data) != "null" {
		if err := decodeData(op, rep, &dtos); err != nil {
			return nil, err
		}
	}
	out := make([]domain.PolicyRule, len(dtos))
	for i, d := range dtos {
		out[i] = d.domain()
	}
	return out, nil
}
