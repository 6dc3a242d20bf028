package elizacloudfake

import (
	"net/http"
	"strconv"
	"time"

	"github.com/agentwallet/agentwallet/domain"
)

type transaction struct {
	id, kind, description, intent string
	amount                        domain.USD
	at                            time.Time
}

func (f *Fake) seedLedger() {
	now := f.now().UTC()
	f.ledger = []transaction{
		{id: "txn-topup-1", kind: "purchase", description: "Credit top-up", intent: "pi_test_1", amount: domain.MustUSD("20"), at: now.Add(-2 * time.Hour)},
		{id: "txn-usage-1", kind: "usage", description: "Inference", amount: domain.MustUSD("-4.5"), at: now.Add(-time.Hour)},
	}
}

// SetBalance sets the organisation's credit balance (a decimal literal).
func (f *Fake) SetBalance(balance string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.balance = domain.MustUSD(balance)
}

// SetCryptoEnabled switches crypto payments on or off.
func (f *Fake) SetCryptoEnabled(on bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.opts.CryptoEnabled = on
}

// SetHasPaymentMethod says whether a card is on file.
func (f *Fake) SetHasPaymentMethod(on bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.opts.HasPaymentMethod = on
}

// SetCryptoRejectsAPIKey mimics the production crypto payment route, which
// accepts only browser sessions: API-key callers get 401.
func (f *Fake) SetCryptoRejectsAPIKey(on bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.cryptoNoKey = on
}

// CompleteCheckout pays a checkout session: its credits are added to the
// balance and the ledger. It reports whether the session existed.
func (f *Fake) CompleteCheckout(sessionID string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	amt, ok := f.checkout[sessionID]
	if !ok {
		return false
	}
	delete(f.checkout, sessionID)
	f.balance = addUSD(f.balance, amt)
	f.ledger = append(f.ledger, transaction{id: "txn-" + sessionID, kind: "purchase", description: "Credit top-up", intent: "pi_" + sessionID, amount: amt, at: f.now().UTC()})
	return true
}

func addUSD(a, b domain.USD) domain.USD {
	// Both come from short decimal literals, so the sum's literal is exact.
	sum, err := domain.ParseUSD(ratSum(a.String(), b.String()))
	if err != nil {
		panic(err)
	}
	return sum
}

func (f *Fake) creditBalance(w http.ResponseWriter, _ *http.Request, _ string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]any{"balance": f.balance})
}

func (f *Fake) creditSummary(w http.ResponseWriter, _ *http.Request, _ string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]any{
		"success": true,
		"organization": map[string]any{
			"id": "org-456", "name": "Agent Org", "creditBalance": f.balance,
			"autoTopUpEnabled": false, "autoTopUpThreshold": nil, "autoTopUpAmount": nil,
			"hasPaymentMethod": f.opts.HasPaymentMethod,
		},
		"agents": []any{}, "agentsSummary": map[string]any{"total": 0, "running": 0, "stopped": 0}, "apps": []any{},
		"pricing": map[string]any{"minimumTopUp": 5, "x402Enabled": false},
	})
}

// cryptoStatus is public: GET /api/crypto/status.
func (f *Fake) cryptoStatus(w http.ResponseWriter, _ *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]any{
		"enabled": f.opts.CryptoEnabled, "supportedTokens": []string{"USDT", "USDC", "BNB", "ETH", "SOL"},
		"networks": []map[string]string{{"id": "BEP20", "name": "BNB Smart Chain"}, {"id": "SOL", "name": "Solana"}}, "isTestnet": true,
	})
}

func (f *Fake) transactions(w http.ResponseWriter, r *http.Request, _ string) {
	limit, hours := 50, 24*30
	if v, err := strconv.Atoi(r.URL.Query().Get("limit")); err == nil && v > 0 {
		limit = v
	}
	if v, err := strconv.Atoi(r.URL.Query().Get("hours")); err == nil && v > 0 {
		hours = v
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	end := f.now().UTC()
	start := end.Add(-time.Duration(hours) * time.Hour)
	var out []map[string]any
	for i := len(f.ledger) - 1; i >= 0 && len(out) < limit; i-- {
		t := f.ledger[i]
		if t.at.Before(start) {
			continue
		}
		var intent any
		if t.intent != "" {
			intent = t.intent
		}
		out = append(out, map[string]any{"id": t.id, "organization_id": "org-456", "amount": t.amount, "type": t.kind,
			"description": t.description, "metadata": map[string]any{}, "stripe_payment_intent_id": intent,
			"created_at": t.at.Format(time.RFC3339Nano)})
	}
	writeJSON(w, http.StatusOK, map[string]any{"transactions": out, "total": len(out),
		"period": map[string]string{"start": start.Format(time.RFC3339Nano), "end": end.Format(time.RFC3339Nano)}})
}

func (f *Fake) createCheckout(w http.ResponseWriter, r *http.Request, _ string) {
	var body struct {
		Credits    *domain.USD `json:"credits"`
		SuccessURL string      `json:"success_url"`
		CancelURL  string      `json:"cancel_url"`
	}
	if !decodeBody(r, &body) || body.Credits == nil || body.Credits.Cmp(domain.MustUSD("1")) < 0 || body.Credits.Cmp(domain.MustUSD("1000")) > 0 ||
		!isHTTPURL(body.SuccessURL) || !isHTTPURL(body.CancelURL) {
		writeJSON(w, http.StatusBadRequest, map[string]any{"success": false, "error": "Invalid checkout request", "details": []string{"credits must be 1..1000 and URLs valid"}})
		return
	}
	id := "cs_test_" + randomHex(12)
	f.mu.Lock()
	f.checkout[id] = *body.Credits
	f.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]any{"url": "https://checkout.stripe.com/c/pay/" + id, "sessionId": id})
}

var (
	payCurrencies = map[string]bool{"USDT": true, "USDC": true, "BTC": true, "ETH": true, "BNB": true, "TRX": true, "SOL": true}
	payNetworks   = map[string]bool{"ERC20": true, "TRC20": true, "BEP20": true, "POLYGON": true, "SOL": true, "BASE": true, "ARB": true, "OP": true}
)

// cryptoPayment is POST /api/crypto/payments. Auth is checked here rather
// than by authed, because the knob can make API keys unacceptable.
func (f *Fake) cryptoPayment(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	noKey, enabled := f.cryptoNoKey, f.opts.CryptoEnabled
	f.mu.Unlock()
	if noKey {
		writeJSON(w, http.StatusUnauthorized, map[string]any{"error": "Unauthorized"})
		return
	}
	f.authed(func(w http.ResponseWriter, r *http.Request, _ string) {
		if !enabled {
			writeJSON(w, http.StatusServiceUnavailable, map[string]any{"error": "Crypto payments not available"})
			return
		}
		var body struct {
			Amount      *domain.USD `json:"amount"`
			PayCurrency string      `json:"payCurrency"`
			Network     string      `json:"network"`
		}
		if !decodeBody(r, &body) || body.Amount == nil || body.Amount.Cmp(domain.MustUSD("1")) < 0 || body.Amount.Cmp(domain.MustUSD("10000")) > 0 ||
			!payCurrencies[body.PayCurrency] || (body.Network != "" && !payNetworks[body.Network]) {
			writeJSON(w, http.StatusBadRequest, map[string]any{"error": "Invalid payment request", "details": []string{"amount 1..10000, known currency and network"}})
			return
		}
		track := randomHex(8)
		writeJSON(w, http.StatusOK, map[string]any{
			"paymentId": "pay_" + track, "trackId": track, "payLink": "https://pay.oxapay.example/" + track,
			"expiresAt": f.now().Add(time.Hour).UTC().Format(time.RFC3339Nano), "creditsToAdd": fixed3(*body.Amount),
		})
	})(w, r)
}
