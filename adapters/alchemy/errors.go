package alchemy

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/agentwallet/agentwallet/adapters/upstream"
)

// Wire codes for upstream trouble, shown in per-chain errors.
const (
	CodeRateLimited = upstream.CodeRateLimited
	CodeAuth        = upstream.CodeAuth
)

const vendor = "alchemy"

// JSON-RPC error codes Alchemy uses for throttling.
const (
	rpcCodeRateLimited   = 429
	rpcCodeLimitExceeded = -32005
)

// rpcCodeInvalidParams is JSON-RPC's "invalid params": an answer about the
// argument (not a contract), not a passing failure.
const rpcCodeInvalidParams = -32602

// statusError maps a non-2xx HTTP answer.
func statusError(op string, status int, body []byte) error {
	return upstream.StatusError(vendor, op, status, upstreamMessage(body))
}

// rpcErrorOf maps a JSON-RPC error object inside a 200 answer.
func rpcErrorOf(op string, e *rpcError) error {
	msg := fmt.Sprintf("alchemy error %d: %s", e.Code, e.Message)
	if e.Code == rpcCodeRateLimited || e.Code == rpcCodeLimitExceeded {
		return upstream.RateLimited(op, msg)
	}
	err := upstream.Failed(op, msg)
	if e.Code == rpcCodeInvalidParams {
		return invalidArgument{err}
	}
	return err
}

// invalidArgument marks a JSON-RPC "invalid params" answer.
type invalidArgument struct{ error }

func (e invalidArgument) Unwrap() error { return e.error }

func isInvalidArgument(err error) bool {
	var ia invalidArgument
	return errors.As(err, &ia)
}

func malformed(op string, err error) error { return upstream.Malformed(vendor, op, err) }

func transportError(op string, ctx context.Context, err error) error {
	return upstream.TransportError(vendor, op, ctx, err)
}

// upstreamMessage pulls a short message out of an error body, if any.
func upstreamMessage(body []byte) string {
	var e errorBody
	if json.Unmarshal(body, &e) != nil {
		return ""
	}
	var obj rpcError
	var str string
	switch {
	case json.Unmarshal(e.Error, &obj) == nil && obj.Message != "":
		return obj.Message
	case json.Unmarshal(e.Error, &str) == nil && str != "":
		return str
	}
	return e.Message
}

func truncate(s string) string { return upstream.Truncate(s) }
