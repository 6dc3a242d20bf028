package helius

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/agentwallet/agentwallet/adapters/upstream"
)

// Wire codes for upstream trouble.
const (
	CodeRateLimited = upstream.CodeRateLimited
	CodeAuth        = upstream.CodeAuth
)

const vendor = "helius"

// statusError maps a non-2xx answer.
func statusError(op string, status int, body []byte) error {
	var r rpcResponse
	detail := ""
	if json.Unmarshal(body, &r) == nil && r.Error != nil {
		detail = r.Error.Message
	}
	return upstream.StatusError(vendor, op, status, detail)
}

// rpcErrorOf maps a JSON-RPC error object. Helius throttles with -32429.
func rpcErrorOf(op string, e *rpcError) error {
	msg := fmt.Sprintf("helius error %d: %s", e.Code, e.Message)
	switch e.Code {
	case -32429, 429:
		return upstream.RateLimited(op, msg)
	case -32401:
		return upstream.AuthFailed(op, msg)
	}
	return upstream.Failed(op, msg)
}

func malformed(op string, err error) error { return upstream.Malformed(vendor, op, err) }

func transportError(op string, ctx context.Context, err error) error {
	return upstream.TransportError(vendor, op, ctx, err)
}

func truncate(s string) string { return upstream.Truncate(s) }
