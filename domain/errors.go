// Package domain holds agentwallet's pure rules and types: chains, wallets,
// amounts, permission modes, policy decisions and the error model. It imports
// only the standard library (and google/uuid), never a vendor SDK.
package domain

import (
	"errors"
	"fmt"
)

// Kind classifies an error by what the caller can do about it. Transport maps
// each Kind to exactly one HTTP status, in one table.
type Kind uint8

// The error kinds. The zero value is Internal, so an unclassified error is
// never mistaken for a user mistake.
const (
	KindInternal          Kind = iota // a bug or an unexpected failure: 500, message hidden
	KindInvalid                       // malformed or missing input: 400
	KindUnprocessable                 // well-formed input that cannot be used (a bad key): 422
	KindUnauthenticated               // missing or wrong credentials: 401
	KindForbidden                     // authenticated but not allowed: 403
	KindPolicyDenied                  // a policy rejected the operation: 403
	KindNotFound                      // the thing does not exist: 404
	KindConflict                      // the state forbids it (key exists, already processed): 409
	KindInsufficientFunds             // balance too low for the operation: 409
	KindGone                          // the feature was switched off by the operator: 410
	KindTooLarge                      // request body over the limit: 413
	KindRateLimited                   // too many attempts: 429
	KindUpstream                      // an upstream answered badly: 502
	KindUnavailable                   // a dependency is down or not configured: 503
	KindTimeout                       // an upstream did not answer in time: 504
)

var kindNames = [...]string{
	KindInternal:          "internal",
	KindInvalid:           "invalid",
	KindUnprocessable:     "unprocessable",
	KindUnauthenticated:   "unauthenticated",
	KindForbidden:         "forbidden",
	KindPolicyDenied:      "policy_denied",
	KindNotFound:          "not_found",
	KindConflict:          "conflict",
	KindInsufficientFunds: "insufficient_funds",
	KindGone:              "gone",
	KindTooLarge:          "too_large",
	KindRateLimited:       "rate_limited",
	KindUpstream:          "upstream",
	KindUnavailable:       "unavailable",
	KindTimeout:           "timeout",
}

// String returns the kind's stable lower-case name.
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("kind(%d)", k)
}

// DefaultCode is the wire code used when an error does not name its own.
func (k Kind) DefaultCode() string {
	switch k {
	case KindInvalid:
		return "INVALID_REQUEST"
	case KindUnprocessable:
		return "UNPROCESSABLE"
	case KindUnauthenticated:
		return "UNAUTHORIZED"
	case KindForbidden:
		return "FORBIDDEN"
	case KindPolicyDenied:
		return "POLICY_DENIED"
	case KindNotFound:
		return "NOT_FOUND"
	case KindConflict:
		return "CONFLICT"
	case KindInsufficientFunds:
		return "INSUFFICIENT_BALANCE"
	case KindGone:
		return "FEATURE_DISABLED"
	case KindTooLarge:
		return "PAYLOAD_TOO_LARGE"
	case KindRateLimited:
		return "RATE_LIMITED"
	case KindUpstream:
		return "UPSTREAM_ERROR"
	case KindUnavailable:
		return "UPSTREAM_UNAVAILABLE"
	case KindTimeout:
		return "UPSTREAM_TIMEOUT"
	default:
		return "INTERNAL_ERROR"
	}
}

// Error is agentwallet's error: an operation, a kind, a message safe to show
// to the caller, an optional wire code and the underlying cause.
type Error struct {
	Op   string // the operation that failed, e.g. "wallet.import"
	Kind Kind
	Code string // wire code such as "INVALID_KEY"; empty means Kind.DefaultCode()
	Msg  string // human message, safe to return to a client (unless Kind is Internal)
	Err  error  // cause, never shown to clients
}

// Error renders op, message and cause for logs.
func (e *Error) Error() string {
	msg := e.Msg
	if msg == "" {
		msg = e.Kind.String()
	}
	if e.Op != "" {
		msg = e.Op + ": " + msg
	}
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// Errorf builds an *Error of the given kind with a formatted message.
func Errorf(kind Kind, format string, args ...any) *Error {
	return &Error{Kind: kind, Msg: fmt.Sprintf(format, args...)}
}

// WithCode returns a copy of e carrying the wire code.
func (e *Error) WithCode(code string) *Error {
	c := *e
	c.Code = code
	return &c
}

// WithOp returns a copy of e carrying the operation name.
func (e *Error) WithOp(op string) *Error {
	c := *e
	c.Op = op
	return &c
}

// Wrap returns a copy of e with cause err.
func (e *Error) Wrap(err error) *Error {
	c := *e
	c.Err = err
	return &c
}

// KindOf reports the Kind of the first *Error in err's chain, or Internal.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return KindInternal
}

// CodeOf reports the wire code of err: the first explicit Code in its chain,
// else the default code of its Kind.
func CodeOf(err error) string {
	for cur := err; cur != nil; {
		var e *Error
		if !errors.As(cur, &e) {
			break
		}
		if e.Code != "" {
			return e.Code
		}
		cur = e.Err
	}
	return KindOf(err).DefaultCode()
}

// MessageOf reports the client-safe message of err: the first non-empty Msg
// in its chain. Internal errors always give a generic message.
func MessageOf(err error) string {
	if KindOf(err) == KindInternal {
		return "internal error"
	}
	for cur := err; cur != nil; {
		var e *Error
		if !errors.As(cur, &e) {
			break
		}
		if e.Msg != "" {
			return e.Msg
		}
		cur = e.Err
	}
	return KindOf(err).String()
}

// IsKind reports whether err has kind k.
func IsKind(err error, k Kind) bool { return err != nil && KindOf(err) == k }
