package birdeye

import (
	"context"
	"encoding/json"

	"github.com/agentwallet/agentwallet/adapters/upstream"
)

// Wire codes for upstream trouble.
const (
	CodeRateLimited = upstream.CodeRateLimited
	CodeAuth        = upstream.CodeAuth
)

const vendor = "birdeye"

// statusError maps a non-2xx answer.
func statusError(op string, status int, body []byte) error {
	var r struct {
		Message string `json:"message"`
	}
	_ = json.Unmarshal(body, &r) // a body without a message still maps by status
	return upstream.StatusError(vendor, op, status, r.Message)
}

func malformed(op string, err error) error { return upstream.Malformed(vendor, op, err) }

func transportError(op string, ctx context.Context, err error) error {
	return upstream.TransportError(vendor, op, ctx, err)
}

func truncate(s string) string { return upstream.Truncate(s) }
