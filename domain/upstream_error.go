package domain

import "fmt"

// UpstreamHTTPError records an upstream's non-success HTTP answer. Adapters
// put it under a domain Error as the cause, so proxies that must pass the
// upstream's status and body on (the billing proxy) can, while everything
// else sees only the Kind.
type UpstreamHTTPError struct {
	Service string // e.g. "Eliza Cloud"
	Status  int
	Body    []byte // the upstream body, capped; JSON when the upstream sent JSON
}

// Error names the service and status, never the body (it may echo input).
func (e *UpstreamHTTPError) Error() string {
	return fmt.Sprintf("%s returned HTTP %d", e.Service, e.Status)
}
