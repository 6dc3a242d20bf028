package domain

import "time"

// AuditEntry is one security-relevant event, kept in the persistent audit log.
type AuditEntry struct {
	At      time.Time
	Action  string // e.g. "wallet.export"
	Outcome string // e.g. "allowed", "refused:confirm", "refused:rate_limited"
	Client  string // client address and user agent, as the transport saw them
	Detail  string // free text without secrets
}
