package transport_test

import (
	"net/http"
	"testing"

	"github.com/agentwallet/agentwallet/adapters/elizacloud/elizacloudfake"
	"github.com/agentwallet/agentwallet/domain"
)

func TestCloudBillingNeedsLogin(t *testing.T) {
	t.Parallel()
	e := newCloudEnv(t, elizacloudfake.Options{}, nil)
	for _, r := range []struct{ method, path string }{
		{http.MethodGet, "/api/cloud/billing/summary"},
		{http.MethodGet, "/api/cloud/billing/payment-methods"},
		{http.MethodGet, "/api/cloud/billing/history"},
		{http.MethodPost, "/api/cloud/billing/checkout"},
		{http.MethodPost, "/api/cloud/billing/crypto/quote"},
	} {
		var body any
		if r.method == http.MethodPost {
			body = map[string]any{"amountUsd": 25}
		}
		code, out := e.do(r.method, r.path, body)
		if code != http.StatusUnauthorized || out["code"] != domain.CodeCloudNotConnected {
			t.Errorf("%s %s without login = %d %v", r.method, r.path, code, out)
		}
	}
	if len(e.fake.Requests()) != 0 {
		t.Error("billing without a login called the cloud")
	}
}

func TestCloudBillingSummaryAndPaymentMethods(t *testing.T) {
	t.Parallel()
	e := newCloudEnv(t, elizacloudfake.Options{Balance: "1.25", HasPaymentMethod: true}, nil)
	e.login()
	code, body := e.do(http.MethodGet, "/api/cloud/billing/summary", nil)
	if code != http.StatusOK || body["balance"] != 1.25 || body["currency"] != "USD" || body["low"] != true || body["critical"] != false ||
		body["hostedCheckoutEnabled"] != true || body["cryptoEnabled"] != false || body["minimumTopUp"] != 5.0 || body["hasPaymentMethod"] != true {
		t.Errorf("summary = %d %v", code, body)
	}
	e.fake.SetCryptoEnabled(true)
	if _, body = e.do(http.MethodGet, "/api/cloud/billing/summary", nil); body["cryptoEnabled"] != true {
		t.Errorf("summary with crypto on = %v", body)
	}
	// A failing crypto status is tolerated.
	e.fake.SetFault("/api/crypto/status", elizacloudfake.Fault{Status: 500})
	if code, body = e.do(http.MethodGet, "/api/cloud/billing/summary", nil); code != http.StatusOK || body["cryptoEnabled"] != false {
		t.Errorf("summary with crypto status failing = %d %v", code, body)
	}
	code, body = e.do(http.MethodGet, "/api/cloud/billing/payment-methods", nil)
	data, _ := body["data"].([]any)
	if code != http.StatusOK || len(data) != 1 || data[0].(map[string]any)["id"] != "stripe-default" {
		t.Errorf("payment methods = %d %v", code, body)
	}
	e.fake.SetHasPaymentMethod(false)
	if _, body = e.do(http.MethodGet, "/api/cloud/billing/payment-methods", nil); len(body["data"].([]any)) != 0 {
		t.Errorf("payment methods without a card = %v", body)
	}
}

func TestCloudBillingHistoryMapping(t *testing.T) {
	t.Parallel()
	e := newCloudEnv(t, elizacloudfake.Options{}, nil)
	e.login()
	code, body := e.do(http.MethodGet, "/api/cloud/billing/history?limit=10&hours=24", nil)
	items, _ := body["data"].([]any)
	if code != http.StatusOK || len(items) != 2 {
		t.Fatalf("history = %d %v", code, body)
	}
	usage, topup := items[0].(map[string]any), items[1].(map[string]any)
	if usage["status"] != "usage" || usage["amount"] != -4.5 || usage["provider"] != nil || usage["currency"] != "USD" {
		t.Errorf("usage item = %v", usage)
	}
	if topup["status"] != "credited" || topup["provider"] != "stripe" || topup["kind"] != "purchase" {
		t.Errorf("top-up item = %v", topup)
	}
	reqs := e.fake.Requests()
	if q := reqs[len(reqs)-1].Query; q != "hours=24&limit=10" {
		t.Errorf("history query sent = %q", q)
	}
	if code, _ := e.do(http.MethodGet, "/api/cloud/billing/history?limit=abc", nil); code != http.StatusBadRequest {
		t.Errorf("bad limit = %d", code)
	}
}

func TestCloudCheckout(t *testing.T) {
	t.Parallel()
	e := newCloudEnv(t, elizacloudfake.Options{}, nil)
	e.login()
	for _, bad := range []map[string]any{{}, {"amountUsd": 0}, {"amountUsd": -5}, {"amountUsd": 25, "mode": "popup"}} {
		if code, body := e.do(http.MethodPost, "/api/cloud/billing/checkout", bad); code != http.StatusBadRequest {
			t.Errorf("checkout %v = %d %v, want 400", bad, code, body)
		}
	}
	code, body := e.do(http.MethodPost, "/api/cloud/billing/checkout", map[string]any{"amountUsd": 25, "mode": "embedded"})
	if code != http.StatusOK || body["provider"] != "stripe" || body["mode"] != "hosted" || body["checkoutUrl"] == "" || body["sessionId"] == "" {
		t.Fatalf("checkout = %d %v", code, body)
	}
	if !e.fake.CompleteCheckout(body["sessionId"].(string)) {
		t.Fatal("the checkout session is unknown to the cloud")
	}
	if _, body = e.do(http.MethodGet, "/api/cloud/credits", nil); body["balance"] != 40.5 {
		t.Errorf("balance after paying 25 = %v", body["balance"])
	}
	// The cloud's own refusal is passed on with its status and body.
	code, body = e.do(http.MethodPost, "/api/cloud/billing/checkout", map[string]any{"amountUsd": 5000})
	if code != http.StatusBadRequest || body["error"] != "Invalid checkout request" || body["details"] == nil {
		t.Errorf("checkout over the cloud's limit = %d %v", code, body)
	}
}

func TestCloudCryptoQuote(t *testing.T) {
	t.Parallel()
	e := newCloudEnv(t, elizacloudfake.Options{}, nil)
	key := e.login()
	code, body := e.do(http.MethodPost, "/api/cloud/billing/crypto/quote", map[string]any{"amountUsd": 25, "network": "bsc"})
	if code != http.StatusServiceUnavailable || body["error"] != "Crypto payments not available" {
		t.Errorf("quote with crypto off = %d %v, want the cloud's 503", code, body)
	}
	e.fake.SetCryptoEnabled(true)
	code, body = e.do(http.MethodPost, "/api/cloud/billing/crypto/quote", map[string]any{"amountUsd": 25, "network": "bsc", "walletAddress": "0xabc"})
	if code != http.StatusOK || body["provider"] != "oxapay" || body["network"] != "BEP20" || body["currency"] != "USDC" ||
		body["amount"] != "25.000" || body["amountUsd"] != 25.0 || body["paymentLinkUrl"] == "" || body["invoiceId"] == "" {
		t.Errorf("quote = %d %v", code, body)
	}
	if code, _ := e.do(http.MethodPost, "/api/cloud/billing/crypto/quote", map[string]any{"amountUsd": 0}); code != http.StatusBadRequest {
		t.Errorf("zero quote = %d", code)
	}
	// The cloud rejecting the key is a 502, never our own 401.
	e.fake.RevokeKey(key)
	code, body = e.do(http.MethodGet, "/api/cloud/billing/summary", nil)
	if code != http.StatusBadGateway || body["code"] != domain.CodeCloudAuthRejected {
		t.Errorf("summary with a revoked key = %d %v", code, body)
	}
}

func TestCloudBillingRedirects(t *testing.T) {
	t.Parallel()
	e := newCloudEnv(t, elizacloudfake.Options{}, nil)
	e.login()
	other := newCloudEnv(t, elizacloudfake.Options{}, nil) // another origin
	e.fake.SetRedirect("/api/v1/credits/summary", other.srv.URL+"/api/v1/credits/summary")
	code, body := e.do(http.MethodGet, "/api/cloud/billing/summary", nil)
	if code != http.StatusBadGateway || body["code"] != domain.CodeUpstreamRedirect {
		t.Errorf("cross-origin redirect = %d %v, want 502", code, body)
	}
	if n := other.fake.Count(http.MethodGet, "/api/v1/credits/summary"); n != 0 {
		t.Errorf("the other origin was contacted %d times", n)
	}
	// A same-origin redirect is followed (to a route with another shape,
	// so the answer itself is malformed).
	e.fake.SetRedirect("/api/v1/credits/summary", "/api/credits/balance")
	e.do(http.MethodGet, "/api/cloud/billing/summary", nil)
	if n := e.fake.Count(http.MethodGet, "/api/credits/balance"); n != 1 {
		t.Errorf("same-origin billing redirect followed %d times, want 1", n)
	}
}
