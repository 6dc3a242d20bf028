package steward

import (
	"context"
	"errors"
	"net/http"
	"strings"

	"github.com/agentwallet/agentwallet/domain"
)

// statusError is the one mapping from a Steward error reply to a domain
// error. Steward's own 401 and 403 are about the daemon's credentials, never
// the caller's, so neither becomes our 401.
func statusError(op string, rep reply) error {
	msg := upstreamMessage(rep)
	switch s := rep.status; {
	case s == http.StatusBadRequest:
		return domain.Errorf(domain.KindInvalid, "%s", msg).WithOp(op).WithCode("STEWARD_INVALID_REQUEST")
	case s == http.StatusUnauthorized:
		return domain.Errorf(domain.KindUpstream, "Steward refused the daemon's credentials: %s", msg).WithOp(op).WithCode("STEWARD_UNAUTHORIZED")
	case s == http.StatusForbidden:
		return domain.Errorf(domain.KindForbidden, "Steward refused: %s", msg).WithOp(op).WithCode("STEWARD_FORBIDDEN")
	case s == http.StatusNotFound:
		return domain.Errorf(domain.KindNotFound, "%s", msg).WithOp(op).WithCode("STEWARD_NOT_FOUND")
	case s == http.StatusConflict:
		return domain.Errorf(domain.KindConflict, "%s", msg).WithOp(op).WithCode("STEWARD_CONFLICT")
	case s == http.StatusPreconditionRequired:
		return domain.Errorf(domain.KindUpstream, "Steward requires an Idempotency-Key: %s", msg).WithOp(op).WithCode("STEWARD_IDEMPOTENCY_REQUIRED")
	case s == http.StatusTooManyRequests:
		return domain.Errorf(domain.KindRateLimited, "Steward rate limit: %s", msg).WithOp(op).WithCode("STEWARD_RATE_LIMITED")
	case s == http.StatusServiceUnavailable:
		return domain.Errorf(domain.KindUnavailable, "Steward is unavailable: %s", msg).WithOp(op).WithCode("STEWARD_UNAVAILABLE")
	case s == http.StatusGatewayTimeout:
		return domain.Errorf(domain.KindTimeout, "Steward timed out: %s", msg).WithOp(op).WithCode("STEWARD_TIMEOUT")
	default:
		return domain.Errorf(domain.KindUpstream, "Steward error (HTTP %d): %s", s, msg).WithOp(op).WithCode("STEWARD_UPSTREAM_ERROR")
	}
}

// adminError refines a 403 from approve or deny: Steward (Aug 2026) lets only
// an owner or admin session resolve approvals, which a daemon never has.
func adminError(op string, rep reply) error {
	return domain.Errorf(domain.KindForbidden,
		"Steward requires an owner or admin session to approve or deny transactions; resolve it in Steward's dashboard (%s)",
		upstreamMessage(rep)).WithOp(op).WithCode("STEWARD_ADMIN_REQUIRED")
}

func upstreamMessage(rep reply) string {
	msg := strings.TrimSpace(rep.env.Error)
	if msg == "" {
		msg = http.StatusText(rep.status)
	}
	const most = 300
	if len(msg) > most {
		msg = msg[:most] + "..."
	}
	return msg
}

// transportError maps a failure to get any reply. The caller's own
// cancellation stays recognisable with errors.Is.
func transportError(ctx context.Context, op string, err error) error {
	switch {
	case ctx.Err() != nil:
		return domain.Errorf(domain.KindTimeout, "Steward request abandoned").WithOp(op).WithCode("STEWARD_TIMEOUT").Wrap(ctx.Err())
	case errors.Is(err, context.DeadlineExceeded):
		return domain.Errorf(domain.KindTimeout, "Steward did not answer in time").WithOp(op).WithCode("STEWARD_TIMEOUT").Wrap(err)
	case errors.Is(err, errRedirect):
		return domain.Errorf(domain.KindUpstream, "Steward answered with a redirect, which is refused").WithOp(op).WithCode("STEWARD_UPSTREAM_ERROR").Wrap(err)
	case errors.Is(err, errMalformed), errors.Is(err, errTooLarge):
		return upstreamMalformed(op, err.Error()).Wrap(err)
	default:
		return domain.Errorf(domain.KindUnavailable, "Steward is unreachable").WithOp(op).WithCode("STEWARD_UNAVAILABLE").Wrap(err)
	}
}

func upstreamMalformed(op, why string) *domain.Error {
	return domain.Errorf(domain.KindUpstream, "Steward answered unexpectedly: %s", why).WithOp(op).WithCode("STEWARD_UPSTREAM_ERROR")
}
