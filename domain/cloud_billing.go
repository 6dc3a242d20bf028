package domain

import "strings"

// BillingSummary is the organisation's billing state on Eliza Cloud.
type BillingSummary struct {
	Balance            USD
	HasPaymentMethod   bool
	AutoTopUpEnabled   bool
	AutoTopUpAmount    *USD // nil when the cloud reports none
	AutoTopUpThreshold *USD // nil when the cloud reports none
	MinimumTopUp       *USD // nil when the cloud reports none
	X402Enabled        bool // the cloud's pricing says x402 crypto payments are on
}

// CryptoPaymentStatus says whether the cloud accepts crypto top-ups.
type CryptoPaymentStatus struct {
	Enabled bool
}

// BillingHistoryQuery narrows the billing history; zero fields are not sent.
type BillingHistoryQuery struct {
	Limit int // 1..100
	Hours int // look-back window, 1..8760
}

// NewBillingHistoryQuery validates the caller's limits.
func NewBillingHistoryQuery(limit, hours int) (BillingHistoryQuery, error) {
	if limit < 0 || limit > 100 {
		return BillingHistoryQuery{}, Errorf(KindInvalid, "limit must be between 1 and 100")
	}
	if hours < 0 || hours > 8760 {
		return BillingHistoryQuery{}, Errorf(KindInvalid, "hours must be between 1 and 8760")
	}
	return BillingHistoryQuery{Limit: limit, Hours: hours}, nil
}

// BillingTransaction is one credit movement: a top-up (positive) or usage
// (negative).
type BillingTransaction struct {
	ID              string
	Type            string // the cloud's kind, e.g. "purchase", "usage"
	Amount          USD
	Description     string
	PaymentIntentID string // Stripe payment intent; empty for usage
	CreatedAt       string // RFC 3339 as the cloud sent it
}

// BillingHistory is a page of billing transactions.
type BillingHistory struct {
	Transactions []BillingTransaction
	Total        int
	PeriodStart  string
	PeriodEnd    string
}

// CheckoutRequest asks for a card checkout to buy credits.
type CheckoutRequest struct {
	AmountUSD USD // > 0
}

// NewCheckoutRequest refuses amounts that are not positive.
func NewCheckoutRequest(amount USD) (CheckoutRequest, error) {
	if amount.Sign() <= 0 {
		return CheckoutRequest{}, Errorf(KindInvalid, "Invalid top-up amount").WithCode("INVALID_AMOUNT")
	}
	return CheckoutRequest{AmountUSD: amount}, nil
}

// CheckoutSession is a hosted checkout the user completes in a browser.
type CheckoutSession struct {
	URL       string
	SessionID string
}

// CryptoQuoteRequest asks for a crypto invoice for a credit top-up.
type CryptoQuoteRequest struct {
	AmountUSD USD    // > 0
	Currency  string // upper-case token symbol, default USDC
	Network   string // the cloud's network id, or empty to let the cloud choose
}

// cryptoNetworks maps the names callers use to the cloud's network ids.
var cryptoNetworks = map[string]string{
	"BSC": "BEP20", "BEP20": "BEP20",
	"ETH": "ERC20", "ERC20": "ERC20",
	"MATIC": "POLYGON", "POLYGON": "POLYGON",
	"SOL": "SOL", "SOLANA": "SOL",
	"BASE": "BASE",
	"ARB":  "ARB", "ARBITRUM": "ARB",
	"OP": "OP", "OPTIMISM": "OP",
	"TRON": "TRC20", "TRC20": "TRC20",
}

// NewCryptoQuoteRequest validates and normalises a quote request: the amount
// must be positive, the currency is upper-cased (default USDC) and must be a
// plain symbol, and a network the cloud does not know is dropped so the
// cloud picks one.
func NewCryptoQuoteRequest(amount USD, currency, network string) (CryptoQuoteRequest, error) {
	if amount.Sign() <= 0 {
		return CryptoQuoteRequest{}, Errorf(KindInvalid, "Invalid top-up amount").WithCode("INVALID_AMOUNT")
	}
	currency = strings.ToUpper(strings.TrimSpace(currency))
	if currency == "" {
		currency = "USDC"
	}
	if len(currency) > 10 || !isUpperAlnum(currency) {
		return CryptoQuoteRequest{}, Errorf(KindInvalid, "invalid currency %q", Clip(currency, 20))
	}
	return CryptoQuoteRequest{
		AmountUSD: amount,
		Currency:  currency,
		Network:   cryptoNetworks[strings.ToUpper(strings.TrimSpace(network))],
	}, nil
}

func isUpperAlnum(s string) bool {
	for i := 0; i < len(s); i++ {
		if (s[i] < 'A' || s[i] > 'Z') && (s[i] < '0' || s[i] > '9') {
			return false
		}
	}
	return true
}

// CryptoQuote is a crypto invoice for a top-up.
type CryptoQuote struct {
	PaymentID    string
	TrackID      string
	PayLink      string
	ExpiresAt    string // RFC 3339 as the cloud sent it
	CreditsToAdd string // decimal string, e.g. "25.000"; empty when the cloud omits it
}
