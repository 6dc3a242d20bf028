package steward_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"testing"

	"github.com/agentwallet/agentwallet/adapters/steward"
	"github.com/agentwallet/agentwallet/domain"
)

// cannedTransport answers every request with one status and body, without a
// network.
type cannedTransport struct {
	status int
	body   []byte
}

func (c cannedTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	return &http.Response{StatusCode: c.status, Body: io.NopCloser(bytes.NewReader(c.body)), Header: http.Header{}, Request: r}, nil
}

// FuzzReplies feeds arbitrary Steward replies to every read path: none may
// panic, and whatever fails must fail with a classified kind, never as our
// own 401.
func FuzzReplies(f *testing.F) {
	for _, seed := range []struct {
		status int
		body   string
	}{
		{200, `{"ok":true,"data":{"txId":"t","txHash":"0xab"}}`},
		{202, `{"ok":false,"data":{"txId":"t","status":"pending_approval","results":[{"policyId":"p","type":"auto-approve-threshold","passed":false}]}}`},
		{202, `{"ok":false,"data":{"code":"external_broadcast_outcome_unknown","txId":"t","txHash":"0x1"}}`},
		{403, `{"ok":false,"error":"x","data":{"results":null}}`},
		{403, `{"ok":false,"error":"x","data":{"results":[{}]}}`},
		{200, `{"ok":true,"data":[{"queueId":"q","transaction":{"request":{"value":"-1","data":"0xzz"}}}]}`},
		{200, `{"ok":true,"data":{"approvals":{"x":1}}}`},
		{200, `{"ok":true,"data":[{"id":"p","type":"spending-limit","enabled":"yes","config":null}]}`},
		{200, `{"ok":true,"data":{"transactions":[{"createdAt":"not a time"}]}}`},
		{200, ``},
		{200, `null`},
		{200, `[]`},
		{401, `{"ok":false}`},
		{500, "\xff\xfe"},
	} {
		f.Add(seed.status, []byte(seed.body))
	}
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		if status < 100 || status > 599 {
			return
		}
		c, err := steward.NewClient(steward.Options{BaseURL: "https://steward.invalid", APIKey: "k", Transport: cannedTransport{status, body}})
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		check := func(err error) {
			if err != nil && domain.KindOf(err) == domain.KindUnauthenticated {
				t.Fatalf("status %d became our own 401: %v", status, err)
			}
		}
		_, err = c.Sign(ctx, "a", domain.StewardSignRequest{To: recipient, ChainID: 56})
		check(err)
		_, err = c.Agent(ctx, "a")
		check(err)
		_, err = c.Pending(ctx, "a", domain.StewardPage{})
		check(err)
		_, err = c.History(ctx, "a", domain.StewardPage{})
		check(err)
		_, err = c.Policies(ctx, "a")
		check(err)
		_, err = c.Approve(ctx, "a", "t")
		check(err)
		check(c.Deny(ctx, "a", "t", ""))
	})
}
