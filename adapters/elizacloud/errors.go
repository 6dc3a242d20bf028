package elizacloud

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"unicode"

	"github.com/agentwallet/agentwallet/domain"
)

// service names the upstream in messages and in UpstreamHTTPError.
const service = "Eliza Cloud"

// transportError maps a failure to get an answer at all: the outbound guard
// refusing the target, a timeout, or a network failure. None of them is
// ever the caller's fault except the guard's refusal of a configured URL.
func transportError(op string, ctx context.Context, err error) error {
	var unsafeErr *unsafeTargetError
	switch {
	case errors.As(err, &unsafeErr):
		return domain.Errorf(domain.KindInvalid, "Eliza Cloud address refused: %s", unsafeErr.reason).
			WithCode(domain.CodeUnsafeUpstream).WithOp(op).Wrap(err)
	case errors.Is(err, context.DeadlineExceeded) || errors.Is(ctx.Err(), context.DeadlineExceeded):
		return domain.Errorf(domain.KindTimeout, "Eliza Cloud request timed out").WithOp(op).Wrap(err)
	case errors.Is(err, context.Canceled):
		return domain.Errorf(domain.KindUnavailable, "Eliza Cloud request cancelled").WithOp(op).Wrap(err)
	}
	return domain.Errorf(domain.KindUpstream, "Eliza Cloud is unreachable").WithOp(op).Wrap(err)
}

func redirectError(op string) error {
	return domain.Errorf(domain.KindUpstream, "Eliza Cloud redirected the request; redirects are not allowed").
		WithCode(domain.CodeUpstreamRedirect).WithOp(op)
}

// statusError is the single mapping from a non-2xx cloud status to a domain
// error. The cloud's 401 means our saved key was refused, never that the
// caller of the daemon is unauthenticated, so it is an upstream error with
// its own code.
func statusError(op string, status int, body []byte) error {
	var kind domain.Kind
	code := ""
	switch {
	case status == http.StatusUnauthorized:
		kind, code = domain.KindUpstream, domain.CodeCloudAuthRejected
	case status == http.StatusForbidden:
		kind, code = domain.KindUpstream, "CLOUD_ACCESS_DENIED"
	case status == http.StatusBadRequest || status == http.StatusUnprocessableEntity:
		kind = domain.KindInvalid
	case status == http.StatusPaymentRequired:
		kind, code = domain.KindInsufficientFunds, "INSUFFICIENT_CREDITS"
	case status == http.StatusNotFound:
		kind = domain.KindNotFound
	case status == http.StatusConflict:
		kind = domain.KindConflict
	case status == http.StatusRequestEntityTooLarge:
		kind = domain.KindTooLarge
	case status == http.StatusTooManyRequests:
		kind = domain.KindRateLimited
	case status == http.StatusServiceUnavailable:
		kind = domain.KindUnavailable
	default:
		kind = domain.KindUpstream
	}
	msg := upstreamMessage(body)
	if msg == "" {
		msg = "Eliza Cloud returned HTTP " + http.StatusText(status)
		if http.StatusText(status) == "" {
			msg = "Eliza Cloud returned an unexpected status"
		}
	}
	e := domain.Errorf(kind, "%s", msg).WithOp(op).Wrap(&domain.UpstreamHTTPError{Service: service, Status: status, Body: body})
	if code != "" {
		e = e.WithCode(code)
	}
	return e
}

// upstreamMessage extracts the cloud's error text ({"error": "..."} or
// {"message": "..."}), cleaned of control characters and bounded, so it can
// be shown to the caller.
func upstreamMessage(body []byte) string {
	var b struct {
		Error   json.RawMessage `json:"error"`
		Message string          `json:"message"`
	}
	if json.Unmarshal(body, &b) != nil {
		return ""
	}
	var msg string
	if json.Unmarshal(b.Error, &msg) != nil || msg == "" {
		var nested struct {
			Message string `json:"message"`
		}
		_ = json.Unmarshal(b.Error, &nested)
		msg = nested.Message
	}
	if msg == "" {
		msg = b.Message
	}
	return cleanMessage(msg)
}

// cleanMessage makes upstream text safe to show: no control characters, at
// most 200 bytes.
func cleanMessage(msg string) string {
	msg = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, strings.TrimSpace(msg))
	if len(msg) > 200 {
		msg = strings.ToValidUTF8(msg[:200], "") + "…"
	}
	return msg
}

// malformed reports an answer that is 2xx but not what the wire format
// promises.
func malformed(op, what string, err error) error {
	return domain.Errorf(domain.KindUpstream, "Eliza Cloud sent a malformed %s", what).WithOp(op).Wrap(err)
}

// upstreamBody returns the body of the upstream answer behind err, if any.
func upstreamBody(err error) []byte {
	var he *domain.UpstreamHTTPError
	if errors.As(err, &he) {
		return he.Body
	}
	return nil
}
