package transport

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/agentwallet/agentwallet/app"
	"github.com/agentwallet/agentwallet/domain"
)

// writeBillingError passes the cloud's own refusals on with their status
// and body, as the reference proxy does. The cloud's 401 is the exception:
// it means the saved key was rejected, which must not look like a wrong
// daemon API token, so it goes through writeError (502).
func writeBillingError(c *gin.Context, err error) {
	var he *domain.UpstreamHTTPError
	if errors.As(err, &he) && he.Status >= 400 && he.Status <= 599 && he.Status != http.StatusUnauthorized && json.Valid(he.Body) {
		c.Abort()
		c.Data(he.Status, "application/json; charset=utf-8", he.Body)
		return
	}
	writeError(c, err)
}

type billingSummaryResponse struct {
	Success                 bool        `json:"success"`
	Balance                 domain.USD  `json:"balance"`
	Currency                string      `json:"currency"`
	TopUpURL                string      `json:"topUpUrl"`
	EmbeddedCheckoutEnabled bool        `json:"embeddedCheckoutEnabled"`
	HostedCheckoutEnabled   bool        `json:"hostedCheckoutEnabled"`
	CryptoEnabled           bool        `json:"cryptoEnabled"`
	Low                     bool        `json:"low"`
	Critical                bool        `json:"critical"`
	HasPaymentMethod        bool        `json:"hasPaymentMethod"`
	AutoTopUpEnabled        bool        `json:"autoTopUpEnabled"`
	AutoTopUpAmount         *domain.USD `json:"autoTopUpAmount"`
	AutoTopUpThreshold      *domain.USD `json:"autoTopUpThreshold"`
	MinimumTopUp            *domain.USD `json:"minimumTopUp"`
}

func (h cloudHandlers) billingSummary(c *gin.Context) {
	s, err := h.cloud.BillingSummary(c.Request.Context())
	if err != nil {
		writeBillingError(c, err)
		return
	}
	c.JSON(http.StatusOK, billingSummaryResponse{Success: true, Balance: s.Balance, Currency: "USD", TopUpURL: s.TopUpURL,
		HostedCheckoutEnabled: true, CryptoEnabled: s.CryptoEnabled, Low: s.Level.Low, Critical: s.Level.Critical,
		HasPaymentMethod: s.HasPaymentMethod, AutoTopUpEnabled: s.AutoTopUpEnabled, AutoTopUpAmount: s.AutoTopUpAmount,
		AutoTopUpThreshold: s.AutoTopUpThreshold, MinimumTopUp: s.MinimumTopUp})
}

type paymentMethodJSON struct {
	ID        string `json:"id"`
	Type      string `json:"type"`
	Label     string `json:"label"`
	Brand     string `json:"brand"`
	IsDefault bool   `json:"isDefault"`
}

func (h cloudHandlers) paymentMethods(c *gin.Context) {
	pms, err := h.cloud.PaymentMethods(c.Request.Context())
	if err != nil {
		writeBillingError(c, err)
		return
	}
	out := make([]paymentMethodJSON, 0, len(pms))
	for _, p := range pms {
		out = append(out, paymentMethodJSON{ID: p.ID, Type: p.Type, Label: p.Label, Brand: p.Brand, IsDefault: p.IsDefault})
	}
	c.JSON(http.StatusOK, gin.H{"success": true, "data": out})
}

type billingItemJSON struct {
	ID          string     `json:"id"`
	Kind        string     `json:"kind"`
	Provider    *string    `json:"provider"`
	Status      string     `json:"status"`
	Amount      domain.USD `json:"amount"`
	Currency    string     `json:"currency"`
	Description string     `json:"description"`
	CreatedAt   string     `json:"createdAt"`
}

func queryInt(c *gin.Context, name string) (int, error) {
	v := c.Query(name)
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, domain.Errorf(domain.KindInvalid, "%s must be an integer", name)
	}
	return n, nil
}

func (h cloudHandlers) billingHistory(c *gin.Context) {
	limit, err := queryInt(c, "limit")
	if err != nil {
		writeError(c, err)
		return
	}
	hours, err := queryInt(c, "hours")
	if err != nil {
		writeError(c, err)
		return
	}
	q, err := domain.NewBillingHistoryQuery(limit, hours)
	if err != nil {
		writeError(c, err)
		return
	}
	hist, err := h.cloud.BillingHistory(c.Request.Context(), q)
	if err != nil {
		writeBillingError(c, err)
		return
	}
	items := make([]billingItemJSON, 0, len(hist.Transactions))
	for i, t := range hist.Transactions {
		item := billingItemJSON{ID: t.ID, Kind: t.Type, Status: "credited", Amount: t.Amount, Currency: "USD", Description: t.Description, CreatedAt: t.CreatedAt}
		if item.ID == "" {
			item.ID = "txn-" + strconv.Itoa(i)
		}
		if t.PaymentIntentID != "" {
			item.Provider = ptrTo("stripe")
		}
		if t.Amount.Sign() < 0 {
			item.Status = "usage"
		}
		items = append(items, item)
	}
	c.JSON(http.StatusOK, gin.H{"success": true, "data": items, "total": hist.Total,
		"period": gin.H{"start": hist.PeriodStart, "end": hist.PeriodEnd}})
}

func ptrTo[T any](v T) *T { return &v }

type checkoutRequest struct {
	AmountUSD *domain.USD `json:"amountUsd"`
	Mode      string      `json:"mode"`
}

var errTopUpAmount = domain.Errorf(domain.KindInvalid, "Invalid top-up amount").WithCode("INVALID_AMOUNT")

func (h cloudHandlers) checkout(c *gin.Context) {
	var req checkoutRequest
	if err := bindJSON(c, &req); err != nil {
		writeError(c, err)
		return
	}
	if req.AmountUSD == nil {
		writeError(c, errTopUpAmount)
		return
	}
	co, err := h.cloud.Checkout(c.Request.Context(), app.CheckoutInput{AmountUSD: *req.AmountUSD, Mode: req.Mode})
	if err != nil {
		writeBillingError(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"success": true, "provider": co.Provider, "mode": co.Mode, "checkoutUrl": co.URL, "sessionId": co.SessionID})
}

type cryptoQuoteRequest struct {
	AmountUSD     *domain.USD `json:"amountUsd"`
	Currency      string      `json:"currency"`
	Network       string      `json:"network"`
	WalletAddress string      `json:"walletAddress"` // accepted; the cloud takes no such field
}

func (h cloudHandlers) cryptoQuote(c *gin.Context) {
	var req cryptoQuoteRequest
	if err := bindJSON(c, &req); err != nil {
		writeError(c, err)
		return
	}
	if req.AmountUSD == nil {
		writeError(c, errTopUpAmount)
		return
	}
	q, err := h.cloud.CryptoQuote(c.Request.Context(), *req.AmountUSD, req.Currency, req.Network)
	if err != nil {
		writeBillingError(c, err)
		return
	}
	invoice := q.PaymentID
	if invoice == "" {
		invoice = q.TrackID
	}
	amount := q.CreditsToAdd
	if amount == "" {
		amount = q.Request.AmountUSD.String()
	}
	var network *string
	if q.Request.Network != "" {
		network = &q.Request.Network
	}
	c.JSON(http.StatusOK, gin.H{"success": true, "provider": "oxapay", "invoiceId": invoice, "trackId": q.TrackID,
		"network": network, "currency": q.Request.Currency, "amount": amount, "amountUsd": q.Request.AmountUSD,
		"paymentLinkUrl": q.PayLink, "expiresAt": q.ExpiresAt})
}
