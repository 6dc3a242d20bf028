package domain

// CloudAccount is who an API key belongs to.
type CloudAccount struct {
	UserID         string
	OrganizationID string // empty when the user has no organisation
}

// Wire codes for cloud failures that callers handle specially.
const (
	// CodeCloudAuthRejected marks an upstream 401: the saved key was revoked
	// or expired. It is never reported as our own 401.
	CodeCloudAuthRejected = "CLOUD_AUTH_REJECTED"
	// CodeCloudNotConnected marks a call that needs a cloud login when there
	// is none.
	CodeCloudNotConnected = "CLOUD_NOT_CONNECTED"
	// CodeUpstreamRedirect marks an upstream that answered with a redirect,
	// which the daemon never follows to another origin.
	CodeUpstreamRedirect = "UPSTREAM_REDIRECT"
	// CodeUnsafeUpstream marks an upstream URL refused by the outbound guard
	// (not https, or resolving to a private or loopback address).
	CodeUnsafeUpstream = "UNSAFE_UPSTREAM_URL"
)
