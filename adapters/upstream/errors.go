// Package upstream is what the HTTP data-provider adapters (Alchemy, Helius,
// Birdeye, plain JSON-RPC nodes) share: one mapping of upstream HTTP statuses
// and transport failures to domain errors. It is adapter support, not a
// vendor: adapters may import it, and it imports only domain.
package upstream

import (
	"context"
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

// MaxMessageLen bounds how much of an upstream's own message is repeated.
const MaxMessageLen = 200

// StatusError maps a non-2xx HTTP answer from vendor. The provider's 401 or
// 403 means our configured key is wrong: an operator problem, never the
// caller's 401. detail is the upstream's own message, if any.
func StatusError(vendor, op string, status int, detail string) error {
	msg := fmt.Sprintf("%s answered HTTP %d", vendor, status)
	if detail != "" {
		msg += ": " + Truncate(detail)
	}
	e := domain.Errorf(domain.KindUpstream, "%s", msg).WithOp(op)
	switch {
	case status == 429:
		e.Kind, e.Code = domain.KindUnavailable, CodeRateLimited
	case status == 401 || status == 403:
		e.Kind, e.Code = domain.KindUnavailable, CodeAuth
	case status >= 500:
		e.Kind = domain.KindUnavailable
	}
	return e
}

// RateLimited reports a throttling answer carried inside a 200 (JSON-RPC
// error objects).
func RateLimited(op, msg string) error {
	return domain.Errorf(domain.KindUnavailable, "%s", Truncate(msg)).WithOp(op).WithCode(CodeRateLimited)
}

// AuthFailed reports a key refusal carried inside a 200.
func AuthFailed(op, msg string) error {
	return domain.Errorf(domain.KindUnavailable, "%s", Truncate(msg)).WithOp(op).WithCode(CodeAuth)
}

// Failed reports any other upstream error answer.
func Failed(op, msg string) error {
	return domain.Errorf(domain.KindUpstream, "%s", Truncate(msg)).WithOp(op)
}

// Malformed reports an answer from vendor that does not parse.
func Malformed(vendor, op string, err error) error {
	return domain.Errorf(domain.KindUpstream, "%s sent a malformed answer", vendor).WithOp(op).Wrap(err)
}

// TransportError maps a failed round trip to vendor. url.Error carries the
// request URL, which often holds the API key, so only its cause is kept.
func TransportError(vendor, op string, ctx context.Context, err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	if ctx.Err() != nil {
		err = ctx.Err()
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return domain.Errorf(domain.KindTimeout, "%s did not answer in time", vendor).WithOp(op).Wrap(err)
	}
	return domain.Errorf(domain.KindUnavailable, "%s unreachable", vendor).WithOp(op).Wrap(err)
}

// Truncate shortens an upstream message to MaxMessageLen runes.
func Truncate(s string) string {
	if r := []rune(s); len(r) > MaxMessageLen {
		return string(r[:MaxMessageLen]) + "…"
	}
	return s
}
