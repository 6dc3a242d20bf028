package steward

import (
	"context"
	"encoding/json"
	"net/http"

	"github.com/agentwallet/agentwallet/domain"
)

// History lists the agent's transaction records, accepting both the wrapped
// {transactions, limit, offset} shape and the bare array.
func (c *Client) History(ctx context.Context, agentID string, page domain.StewardPage) ([]domain.StewardTxRecord, error) {
	const op = "steward.history"
	rep, err := c.do(ctx, call{op: op, method: http.MethodGet, path: agentPath("/vault", agentID, "history"), query: pageQuery(page), attempts: 2})
	if err != nil {
		return nil, err
	}
	if rep.status != http.StatusOK {
		return nil, statusError(op, rep)
	}
	var items []txRecordDTO
	if err := decodeList(op, rep, &items, func(raw json.RawMessage) error {
		var p historyPage
		err := json.Unmarshal(raw, &p)
		items = p.Transactions
		return err
	}); err != nil {
		return nil, err
	}
	out := make([]domain.StewardTxRecord, len(items))
	for i, t := range items {
		out[i] = t.domain()
	}
	return out, nil
}
