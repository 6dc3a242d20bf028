package alchemy

import (
	"context"
	"encoding/json"
	"errors"
	"strconv"
)

// batch sends calls as one JSON-RPC batch and returns each call's result in
// call order. Answers are matched by id, since a server may reorder them.
// A call answered with an error object gets nil and its error in errs.
func (c *Client) batch(ctx context.Context, op, url string, calls []rpcRequest) (results []json.RawMessage, errs []error, err error) {
	for i := range calls {
		calls[i].JSONRPC, calls[i].ID = "2.0", i+1
	}
	body, err := c.postJSON(ctx, op, url, calls)
	if err != nil {
		return nil, nil, err
	}
	return parseBatch(op, body, len(calls))
}

// parseBatch splits a batch answer into n per-call results.
func parseBatch(op string, body []byte, n int) ([]json.RawMessage, []error, error) {
	var answers []rpcResponse
	if err := json.Unmarshal(body, &answers); err != nil {
		// A whole-batch failure comes back as one error object.
		var single rpcResponse
		if json.Unmarshal(body, &single) == nil && single.Error != nil {
			return nil, nil, rpcErrorOf(op, single.Error)
		}
		return nil, nil, malformed(op, err)
	}
	results, errs := make([]json.RawMessage, n), make([]error, n)
	seen := make([]bool, n)
	for _, a := range answers {
		id, err := strconv.Atoi(string(a.ID))
		if err != nil || id < 1 || id > n || seen[id-1] {
			return nil, nil, malformed(op, errors.New("batch answer with unknown or repeated id"))
		}
		seen[id-1] = true
		if a.Error != nil {
			errs[id-1] = rpcErrorOf(op, a.Error)
			continue
		}
		results[id-1] = a.Result
	}
	for i, ok := range seen {
		if !ok {
			return nil, nil, malformed(op, errors.New("batch answer misses call "+strconv.Itoa(i+1)))
		}
	}
	return results, errs, nil
}
