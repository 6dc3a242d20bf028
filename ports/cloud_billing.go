package ports

import (
	"context"

	"github.com/agentwallet/agentwallet/domain"
)

//go:generate go tool mockgen -typed -destination=../mocks/cloud_billing.go -package=mocks . CloudBilling

// CloudBilling is the part of Eliza Cloud's billing API the in-app billing
// proxy needs.
//
// A non-2xx answer fails with the Kind of its status (400 KindInvalid, 402
// KindInsufficientFunds, 404 KindNotFound, 409 KindConflict, 429
// KindRateLimited, 401 KindUpstream with code CLOUD_AUTH_REJECTED, 503
// KindUnavailable, others KindUpstream) and carries a
// *domain.UpstreamHTTPError with the status and body so the proxy can pass
// them on. Network failures, malformed answers and cross-origin redirects
// give KindUpstream, slow answers KindTimeout.
type CloudBilling interface {
	// BillingSummary returns the organisation's balance and billing settings.
	BillingSummary(ctx context.Context, key domain.CloudAPIKey) (domain.BillingSummary, error)
	// CryptoPaymentStatus says whether crypto top-ups are available.
	CryptoPaymentStatus(ctx context.Context, key domain.CloudAPIKey) (domain.CryptoPaymentStatus, error)
	// BillingHistory lists recent credit movements.
	BillingHistory(ctx context.Context, key domain.CloudAPIKey, q domain.BillingHistoryQuery) (domain.BillingHistory, error)
	// Checkout starts a hosted card checkout for the amount.
	Checkout(ctx context.Context, key domain.CloudAPIKey, req domain.CheckoutRequest) (domain.CheckoutSession, error)
	// CryptoQuote creates a crypto invoice for the amount.
	CryptoQuote(ctx context.Context, key domain.CloudAPIKey, req domain.CryptoQuoteRequest) (domain.CryptoQuote, error)
}
