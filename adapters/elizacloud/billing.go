package elizacloud

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"github.com/agentwallet/agentwallet/domain"
)

// BillingSummary reads GET /api/v1/credits/summary.
func (c *Client) BillingSummary(ctx context.Context, key domain.CloudAPIKey) (domain.BillingSummary, error) {
	const op = "elizacloud.billing.summary"
	resp, err := c.billingCall(ctx, op, http.MethodGet, "/api/v1/credits/summary", nil, key, nil)
	if err != nil {
		return domain.BillingSummary{}, err
	}
	s, err := parseSummary(resp.body)
	if err != nil {
		return domain.BillingSummary{}, malformed(op, "billing summary", err)
	}
	return s, nil
}

// CryptoPaymentStatus reads GET /api/crypto/status.
func (c *Client) CryptoPaymentStatus(ctx context.Context, key domain.CloudAPIKey) (domain.CryptoPaymentStatus, error) {
	const op = "elizacloud.billing.crypto_status"
	resp, err := c.billingCall(ctx, op, http.MethodGet, "/api/crypto/status", nil, key, nil)
	if err != nil {
		return domain.CryptoPaymentStatus{}, err
	}
	s, err := parseCryptoStatus(resp.body)
	if err != nil {
		return domain.CryptoPaymentStatus{}, malformed(op, "crypto status", err)
	}
	return s, nil
}

// BillingHistory reads GET /api/credits/transactions.
func (c *Client) BillingHistory(ctx context.Context, key domain.CloudAPIKey, q domain.BillingHistoryQuery) (domain.BillingHistory, error) {
	const op = "elizacloud.billing.history"
	query := url.Values{}
	if q.Limit > 0 {
		query.Set("limit", strconv.Itoa(q.Limit))
	}
	if q.Hours > 0 {
		query.Set("hours", strconv.Itoa(q.Hours))
	}
	resp, err := c.billingCall(ctx, op, http.MethodGet, "/api/credits/transactions", query, key, nil)
	if err != nil {
		return domain.BillingHistory{}, err
	}
	h, err := parseTransactions(resp.body)
	if err != nil {
		return domain.BillingHistory{}, malformed(op, "transaction list", err)
	}
	return h, nil
}

// Checkout calls POST /api/v1/credits/checkout with return pages on the
// site.
func (c *Client) Checkout(ctx context.Context, key domain.CloudAPIKey, req domain.CheckoutRequest) (domain.CheckoutSession, error) {
	const op = "elizacloud.billing.checkout"
	body := checkoutRequestDTO{
		Credits:    req.AmountUSD,
		SuccessURL: c.sitePage("/dashboard/billing/success", url.Values{"from": {"agentwallet"}}),
		CancelURL:  c.sitePage("/dashboard/settings", url.Values{"from": {"agentwallet"}, "tab": {"billing"}, "canceled": {"1"}}),
	}
	resp, err := c.billingCall(ctx, op, http.MethodPost, "/api/v1/credits/checkout", nil, key, body)
	if err != nil {
		return domain.CheckoutSession{}, err
	}
	s, err := parseCheckout(resp.body)
	if err != nil {
		return domain.CheckoutSession{}, malformed(op, "checkout session", err)
	}
	return s, nil
}

// CryptoQuote calls POST /api/crypto/payments.
func (c *Client) CryptoQuote(ctx context.Context, key domain.CloudAPIKey, req domain.CryptoQuoteRequest) (domain.CryptoQuote, error) {
	const op = "elizacloud.billing.crypto_quote"
	body := cryptoPaymentRequestDTO{Amount: req.AmountUSD, PayCurrency: req.Currency, Network: req.Network}
	resp, err := c.billingCall(ctx, op, http.MethodPost, "/api/crypto/payments", nil, key, body)
	if err != nil {
		return domain.CryptoQuote{}, err
	}
	q, err := parseCryptoPayment(resp.body)
	if err != nil {
		return domain.CryptoQuote{}, malformed(op, "crypto quote", err)
	}
	return q, nil
}

func (c *Client) billingCall(ctx context.Context, op, method, path string, q url.Values, key domain.CloudAPIKey, body any) (response, error) {
	return c.do(ctx, call{op: op, method: method, path: path, query: q, key: key, body: body, timeout: c.opts.BillingTimeout, billing: true})
}
