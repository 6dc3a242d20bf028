package ports

import (
	"context"

	"github.com/agentwallet/agentwallet/domain"
)

//go:generate go tool mockgen -typed -destination=../mocks/cloud_login.go -package=mocks . CloudLogin

// CloudLogin runs Eliza Cloud's browser (CLI-session) login: the daemon
// registers a session id, the user signs in at BrowserURL, and polling the
// session releases the API key once.
//
// Every call may also fail with KindTimeout (no answer in time), KindUpstream
// (network failure, a redirect (code UPSTREAM_REDIRECT), a malformed or
// non-2xx answer) or KindInvalid with code UNSAFE_UPSTREAM_URL when the
// outbound guard refuses the cloud's address.
type CloudLogin interface {
	// CreateLoginSession registers sessionID (a UUID) with the cloud.
	CreateLoginSession(ctx context.Context, sessionID string) error
	// PollLoginSession reads the session. Unknown or expired sessions give
	// KindNotFound. The key is in the result only on the first
	// authenticated poll.
	PollLoginSession(ctx context.Context, sessionID string) (domain.CloudSessionPoll, error)
	// BrowserURL is the page where the user completes the session. It never
	// fails.
	BrowserURL(sessionID string) string
}
