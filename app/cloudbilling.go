package app

import (
	"context"
	"strings"
	"sync"

	"github.com/agentwallet/agentwallet/domain"
)

// BillingSummary is the in-app billing overview.
type BillingSummary struct {
	domain.BillingSummary
	Level         domain.CreditLevel
	CryptoEnabled bool
	TopUpURL      string
}

// billingErr keeps upstream answers (passed on by transport with their
// status) but turns a refused cloud URL into a 502, as the reference's
// billing proxy reports it.
func billingErr(err error) error {
	if domain.CodeOf(err) == domain.CodeUnsafeUpstream {
		return domain.Errorf(domain.KindUpstream, "%s", domain.MessageOf(err)).WithCode(domain.CodeUnsafeUpstream).Wrap(err)
	}
	return err
}

// BillingSummary reads the summary and, alongside, whether crypto top-ups
// are on; a failing crypto status only falls back to the summary's x402 flag.
func (c *Cloud) BillingSummary(ctx context.Context) (BillingSummary, error) {
	key, err := c.requireKey()
	if err != nil {
		return BillingSummary{}, err
	}
	var (
		wg        sync.WaitGroup
		crypto    domain.CryptoPaymentStatus
		cryptoErr error
	)
	wg.Go(func() { crypto, cryptoErr = c.cloud.Billing.CryptoPaymentStatus(ctx, key) })
	s, err := c.cloud.Billing.BillingSummary(ctx, key)
	wg.Wait()
	if err != nil {
		return BillingSummary{}, billingErr(err)
	}
	out := BillingSummary{BillingSummary: s, Level: c.policy.Thresholds.Assess(s.Balance), TopUpURL: c.cloud.Account.TopUpURL(), CryptoEnabled: s.X402Enabled}
	if cryptoErr == nil {
		out.CryptoEnabled = crypto.Enabled
	}
	return out, nil
}

// PaymentMethod is a saved way to pay. The cloud has no list endpoint, so a
// card on file is reported as one default card.
type PaymentMethod struct {
	ID, Type, Label, Brand string
	IsDefault              bool
}

// PaymentMethods lists saved payment methods.
func (c *Cloud) PaymentMethods(ctx context.Context) ([]PaymentMethod, error) {
	key, err := c.requireKey()
	if err != nil {
		return nil, err
	}
	s, err := c.cloud.Billing.BillingSummary(ctx, key)
	if err != nil {
		return nil, billingErr(err)
	}
	if !s.HasPaymentMethod {
		return []PaymentMethod{}, nil
	}
	return []PaymentMethod{{ID: "stripe-default", Type: "card", Label: "Saved payment method", Brand: "Card", IsDefault: true}}, nil
}

// BillingHistory lists recent credit movements.
func (c *Cloud) BillingHistory(ctx context.Context, q domain.BillingHistoryQuery) (domain.BillingHistory, error) {
	key, err := c.requireKey()
	if err != nil {
		return domain.BillingHistory{}, err
	}
	h, err := c.cloud.Billing.BillingHistory(ctx, key, q)
	return h, billingErr(err)
}

// CheckoutInput is a checkout request as the caller sends it.
type CheckoutInput struct {
	AmountUSD domain.USD
	Mode      string // "", "hosted" or "embedded"
}

// Checkout is a started card checkout.
type Checkout struct {
	Provider  string
	Mode      string // what the cloud offers: "hosted"
	URL       string
	SessionID string
}

// Checkout starts a card checkout. The cloud offers hosted checkout only, so
// an embedded request is answered with the hosted one.
func (c *Cloud) Checkout(ctx context.Context, in CheckoutInput) (Checkout, error) {
	switch strings.ToLower(strings.TrimSpace(in.Mode)) {
	case "", "hosted", "embedded":
	default:
		return Checkout{}, domain.Errorf(domain.KindInvalid, "mode must be \"hosted\" or \"embedded\"")
	}
	req, err := domain.NewCheckoutRequest(in.AmountUSD)
	if err != nil {
		return Checkout{}, err
	}
	key, err := c.requireKey()
	if err != nil {
		return Checkout{}, err
	}
	s, err := c.cloud.Billing.Checkout(ctx, key, req)
	if err != nil {
		return Checkout{}, billingErr(err)
	}
	return Checkout{Provider: "stripe", Mode: "hosted", URL: s.URL, SessionID: s.SessionID}, nil
}

// CryptoQuote is a crypto invoice for a top-up.
type CryptoQuote struct {
	domain.CryptoQuote
	Request domain.CryptoQuoteRequest
}

// CryptoQuote asks the cloud for a crypto invoice.
func (c *Cloud) CryptoQuote(ctx context.Context, amount domain.USD, currency, network string) (CryptoQuote, error) {
	req, err := domain.NewCryptoQuoteRequest(amount, currency, network)
	if err != nil {
		return CryptoQuote{}, err
	}
	key, err := c.requireKey()
	if err != nil {
		return CryptoQuote{}, err
	}
	q, err := c.cloud.Billing.CryptoQuote(ctx, key, req)
	if err != nil {
		return CryptoQuote{}, billingErr(err)
	}
	return CryptoQuote{CryptoQuote: q, Request: req}, nil
}
