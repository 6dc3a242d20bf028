package ports

import (
	"context"

	"github.com/agentwallet/agentwallet/domain"
)

//go:generate go tool mockgen -typed -destination=../mocks/cloud_account.go -package=mocks . CloudAccount

// CloudAccount reads who an API key belongs to and its credit balance.
//
// Both calls fail with KindUpstream and code CLOUD_AUTH_REJECTED when the
// cloud refuses the key (its 401), KindUpstream for other refusals,
// malformed answers, network failures and redirects, KindTimeout, and
// KindInvalid with code UNSAFE_UPSTREAM_URL when the outbound guard refuses
// the cloud's address.
type CloudAccount interface {
	// Account returns the key's user and organisation.
	Account(ctx context.Context, key domain.CloudAPIKey) (domain.CloudAccount, error)
	// CreditBalance returns the organisation's credit balance in dollars,
	// exactly as the cloud reported it.
	CreditBalance(ctx context.Context, key domain.CloudAPIKey) (domain.USD, error)
	// TopUpURL is the hosted billing page, the fallback for in-app billing.
	// It never fails.
	TopUpURL() string
}
