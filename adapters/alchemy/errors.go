package alchemy

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"

	"github.com/agentwallet/agentwallet/domain"
)

// Wire codes for upstream trouble, shown in per-chain errors.
const (
	CodeRateLimited = "UPSTREAM_RATE_LIMITED"
	CodeAuth        = "UPSTREAM_AUTH_FAILED"
)

// JSON-RPC error codes Alchemy uses for throttling.
const (
	rpcCodeRateLimited    = 429
	rpcCodeLimitExceeded  = -32005
	maxUpstreamMessageLen = 200
)

// statusError maps a non-2xx HTTP answer. Alchemy's 401/403 means our key is
// wrong: that is the operator's configuration, never the caller's 401.
func statusError(op string, status int, body []byte) error {
	detail := fmt.Sprintf("alchemy answered HTTP %d", status)
	if msg := upstreamMessage(body); msg != "" {
		detail += ": " + msg
	}
	switch {
	case status == 429:
		return domain.Errorf(domain.KindUnavailable, "%s", detail).WithOp(op).WithCode(CodeRateLimited)
	case status == 401 || status == 403:
		return domain.Errorf(domain.KindUnavailable, "%s", detail).WithOp(op).WithCode(CodeAuth)
	case status >= 500:
		return domain.Errorf(domain.KindUnavailable, "%s", detail).WithOp(op)
	default:
		return domain.Errorf(domain.KindUpstream, "%s", detail).WithOp(op)
	}
}

// rpcErrorOf maps a JSON-RPC error object inside a 200 answer.
func rpcErrorOf(op string, e *rpcError) error {
	msg := fmt.Sprintf("alchemy error %d: %s", e.Code, truncate(e.Message))
	if e.Code == rpcCodeRateLimited || e.Code == rpcCodeLimitExceeded {
		return domain.Errorf(domain.KindUnavailable, "%s", msg).WithOp(op).WithCode(CodeRateLimited)
	}
	return domain.Errorf(domain.KindUpstream, "%s", msg).WithOp(op)
}

// malformed reports an answer that does not parse.
func malformed(op string, err error) error {
	return domain.Errorf(domain.KindUpstream, "alchemy sent a malformed answer").WithOp(op).Wrap(err)
}

// transportError maps a failed round trip. url.Error carries the request
// URL, which holds the API key, so only its cause is kept.
func transportError(op string, ctx context.Context, err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	if ctx.Err() != nil {
		err = ctx.Err()
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return domain.Errorf(domain.KindTimeout, "alchemy did not answer in time").WithOp(op).Wrap(err)
	}
	return domain.Errorf(domain.KindUnavailable, "alchemy unreachable").WithOp(op).Wrap(err)
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
		return truncate(obj.Message)
	case json.Unmarshal(e.Error, &str) == nil && str != "":
		return truncate(str)
	}
	return truncate(e.Message)
}

func truncate(s string) string {
	if r := []rune(s); len(r) > maxUpstreamMessageLen {
		return string(r[:maxUpstreamMessageLen]) + "…"
	}
	return s
}
