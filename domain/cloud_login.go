package domain

import (
	"log/slog"
	"strings"

	"github.com/google/uuid"
)

// CloudLoginStatus is the state of an Eliza Cloud browser login as the
// daemon reports it to its callers.
type CloudLoginStatus string

// The login states of GET /api/cloud/login/status.
const (
	LoginPending       CloudLoginStatus = "pending"       // the user has not finished in the browser
	LoginAuthenticated CloudLoginStatus = "authenticated" // the API key is saved
	LoginExpired       CloudLoginStatus = "expired"       // the session is unknown or past its TTL
	LoginError         CloudLoginStatus = "error"         // the cloud answered something unusable
)

// ParseCloudLoginSessionID accepts a login session id in the canonical
// 36-character UUID form the daemon mints, and returns it lower-cased. Other
// spellings are refused so a caller cannot steer the upstream path.
func ParseCloudLoginSessionID(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", Errorf(KindInvalid, "sessionId is required")
	}
	id, err := uuid.Parse(s)
	if err != nil || len(s) != 36 {
		return "", Errorf(KindInvalid, "sessionId must be a UUID")
	}
	return id.String(), nil
}

// CloudSessionState is what the cloud says about a login session.
type CloudSessionState uint8

// The cloud's session states; anything it sends that is not pending or
// authenticated is SessionUnknown.
const (
	SessionUnknown CloudSessionState = iota
	SessionPending
	SessionAuthenticated
)

// ParseCloudSessionState maps the cloud's session status string.
func ParseCloudSessionState(s string) CloudSessionState {
	switch s {
	case "pending":
		return SessionPending
	case "authenticated":
		return SessionAuthenticated
	}
	return SessionUnknown
}

// CloudSessionPoll is one answer to polling a login session. The cloud hands
// the API key out on the first authenticated poll only.
type CloudSessionPoll struct {
	State  CloudSessionState
	APIKey CloudAPIKey // zero unless this poll released the key
}

// Outcome decides the status the daemon reports. An authenticated answer
// without a key is an error unless this daemon already saved the key of this
// session (a repeat poll); unknown upstream states are errors, never passed
// through.
func (p CloudSessionPoll) Outcome(keyAlreadySaved bool) CloudLoginStatus {
	switch p.State {
	case SessionPending:
		return LoginPending
	case SessionAuthenticated:
		if !p.APIKey.IsZero() || keyAlreadySaved {
			return LoginAuthenticated
		}
	}
	return LoginError
}

// CloudAPIKey is an Eliza Cloud API key. It never prints itself: String,
// JSON and slog output are redacted, and only Reveal (for the adapter that
// sends it and the store that encrypts it) gives the value.
type CloudAPIKey struct {
	v string
}

// maxCloudAPIKey bounds a key's length; real keys are "eliza_" + 64 hex.
const maxCloudAPIKey = 512

// NewCloudAPIKey validates a key: non-empty after trimming, at most 512
// bytes, printable ASCII without spaces (it travels in an HTTP header).
func NewCloudAPIKey(s string) (CloudAPIKey, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return CloudAPIKey{}, Errorf(KindInvalid, "cloud API key is empty")
	}
	if len(s) > maxCloudAPIKey {
		return CloudAPIKey{}, Errorf(KindInvalid, "cloud API key is too long")
	}
	for i := 0; i < len(s); i++ {
		if s[i] <= ' ' || s[i] > '~' {
			return CloudAPIKey{}, Errorf(KindInvalid, "cloud API key has characters that are not printable ASCII")
		}
	}
	return CloudAPIKey{v: s}, nil
}

// IsZero reports whether no key is held.
func (k CloudAPIKey) IsZero() bool { return k.v == "" }

// Reveal returns the key itself. Only adapters that send or encrypt it call
// this.
func (k CloudAPIKey) Reveal() string { return k.v }

// Prefix returns the start of the key, safe to show (the API's keyPrefix):
// at most 12 characters and never more than a third of the key.
func (k CloudAPIKey) Prefix() string {
	n := min(12, len(k.v)/3)
	return k.v[:n]
}

// String redacts the key.
func (k CloudAPIKey) String() string {
	if k.IsZero() {
		return ""
	}
	return "[redacted]"
}

// GoString redacts the key in %#v output.
func (k CloudAPIKey) GoString() string { return k.String() }

// LogValue redacts the key in structured logs.
func (k CloudAPIKey) LogValue() slog.Value { return slog.StringValue(k.String()) }

// MarshalJSON redacts the key so it cannot leak through a response body.
func (k CloudAPIKey) MarshalJSON() ([]byte, error) { return []byte(`"` + k.String() + `"`), nil }
