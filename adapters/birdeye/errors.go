package birdeye

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"

	"github.com/agentwallet/agentwallet/domain"
)

// Wire codes for upstream trouble.
const (
	CodeRateLimited = "UPSTREAM_RATE_LIMITED"
	CodeAuth        = "UPSTREAM_AUTH_FAILED"
)

const maxUpstreamMessageLen = 200

// statusError maps a non-2xx answer. Birdeye's 401 means our key is wrong:
// an operator problem, never the caller's 401.
func statusError(op string, status int, body []byte) error {
	detail := fmt.Sprintf("birdeye answered HTTP %d", status)
	var r struct {
		Message string `json:"message"`
	}
	if json.Unmarshal(body, &r) == nil && r.Message != "" {
		detail += ": " + truncate(r.Message)
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

func malformed(op string, err error) error {
	return domain.Errorf(domain.KindUpstream, "birdeye sent a malformed answer").WithOp(op).Wrap(err)
}

// transportError maps a failed round trip, keeping only url.Error's cause.
func transportError(op string, ctx context.Context, err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	if ctx.Err() != nil {
		err = ctx.Err()
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return domain.Errorf(domain.KindTimeout, "birdeye did not answer in time").WithOp(op).Wrap(err)
	}
	return domain.Errorf(domain.KindUnavailable, "birdeye unreachable").WithOp(op).Wrap(err)
}

func truncate(s string) string {
	if r := []rune(s); len(r) > maxUpstreamMessageLen {
		return string(r[:maxUpstreamMessageLen]) + "…"
	}
	return s
}
