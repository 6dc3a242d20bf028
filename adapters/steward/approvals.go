package steward

import (
	"context"
	"encoding/json"
	"net/http"

	"github.com/agentwallet/agentwallet/domain"
)

// Pending lists the agent's approval queue, accepting both the wrapped
// {approvals, limit, offset} shape and older servers' bare array.
func (c *Client) Pending(ctx context.Context, agentID string, page domain.StewardPage) ([]domain.StewardApproval, error) {
	const op = "steward.pending"
	rep, err := c.do(ctx, call{op: op, method: http.MethodGet, path: agentPath("/vault", agentID, "pending"), query: pageQuery(page), attempts: 2})
	if err != nil {
		return nil, err
	}
	if rep.status == http.StatusNotFound {
		return []domain.StewardApproval{}, nil
	}
	if rep.status != http.StatusOK {
		return nil, statusError(op, rep)
	}
	var items []approvalDTO
	if err := decodeList(op, rep, &items, func(raw json.RawMessage) error {
		var p pendingPage
		err := json.Unmarshal(raw, &p)
		items = p.Approvals
		return err
	}); err != nil {
		return nil, err
	}
	out := make([]domain.StewardApproval, len(items))
	for i, a := range items {
		out[i] = domain.StewardApproval{QueueID: a.QueueID, Status: a.Status, RequestedAt: parseTime(a.RequestedAt), Tx: a.Transaction.domain()}
	}
	return out, nil
}

// Approve approves a held transaction; Steward signs and sends it.
func (c *Client) Approve(ctx context.Context, agentID, txID string) (domain.StewardApproveResult, error) {
	const op = "steward.approve"
	rep, err := c.do(ctx, call{op: op, method: http.MethodPost, path: agentPath("/vault", agentID, "approve", txID), body: struct{}{}})
	if err != nil {
		return domain.StewardApproveResult{}, err
	}
	switch rep.status {
	case http.StatusOK:
	case http.StatusForbidden:
		return domain.StewardApproveResult{}, adminError(op, rep)
	default:
		return domain.StewardApproveResult{}, statusError(op, rep)
	}
	var d approveData
	if err := decodeData(op, rep, &d); err != nil {
		return domain.StewardApproveResult{}, err
	}
	if d.TxID == "" {
		d.TxID = txID
	}
	return domain.StewardApproveResult{TxID: d.TxID, TxHash: d.TxHash, SignedTx: d.SignedTx}, nil
}

// Deny rejects a held transaction. Current Steward ignores the reason but
// older ones record it, so it is sent when given.
func (c *Client) Deny(ctx context.Context, agentID, txID, reason string) error {
	const op = "steward.deny"
	rep, err := c.do(ctx, call{op: op, method: http.MethodPost, path: agentPath("/vault", agentID, "reject", txID), body: denyBody{Reason: reason}})
	if err != nil {
		return err
	}
	switch rep.status {
	case http.StatusOK:
		return nil
	case http.StatusForbidden:
		return adminError(op, rep)
	default:
		return statusError(op, rep)
	}
}

// decodeList reads a list reply's data: a bare array into items, or an
// object through wrapped.
func decodeList(op string, rep reply, items any, wrapped func(json.RawMessage) error) error {
	data := rep.env.Data
	if len(data) == 0 || string(data) == "null" {
		return nil
	}
	var err error
	if data[0] == '[' {
		err = json.Unmarshal(data, items)
	} else {
		err = wrapped(data)
	}
	if err != nil {
		return upstreamMalformed(op, "unexpected list shape").Wrap(err)
	}
	return nil
}
