package helius_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/agentwallet/agentwallet/adapters/helius"
	"github.com/agentwallet/agentwallet/domain"
	"github.com/agentwallet/agentwallet/ports/portstest"
)

// An answer that repeats the request URL in its message must not carry the
// API key into the Solana error, which clients see.
func TestUpstreamMessagesNeverRepeatTheKey(t *testing.T) {
	for _, status := range []int{http.StatusBadRequest, http.StatusOK} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(status)
			_, _ = io.WriteString(w, `{"jsonrpc":"2.0","id":"x","error":{"code":-32000,"message":"bad request to /?api-key=`+testKey+`"}}`)
		}))
		c, err := helius.NewClient(helius.Options{APIKey: testKey, BaseURL: srv.URL})
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.SolanaHoldings(t.Context(), portstest.SolOwnerA)
		if err == nil || strings.Contains(err.Error(), testKey) || strings.Contains(domain.MessageOf(err), testKey) {
			t.Errorf("HTTP %d: err = %v", status, err)
		}
		srv.Close()
	}
}
