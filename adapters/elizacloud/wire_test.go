package elizacloud

import (
	"testing"

	"github.com/agentwallet/agentwallet/domain"
)

func TestParseBalanceShapes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, body, want string
	}{
		{name: "flat", body: `{"balance": 15.5}`, want: "15.5"},
		{name: "wrapped", body: `{"success":true,"data":{"balance":1.25}}`, want: "1.25"},
		{name: "string_number", body: `{"balance":"0.30"}`, want: "0.3"},
		{name: "exact_beyond_float", body: `{"balance": 1.99999999999999999999}`, want: "1.99999999999999999999"},
		{name: "null_is_malformed", body: `{"balance": null}`},
		{name: "missing_is_malformed", body: `{"credits": 3}`},
		{name: "bool_is_malformed", body: `{"balance": true}`},
		{name: "not_json", body: `<html>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := parseBalance([]byte(tt.body))
			if tt.want == "" {
				if err == nil {
					t.Fatalf("parseBalance(%s) = %s, want an error", tt.body, got)
				}
				return
			}
			if err != nil || got.String() != tt.want {
				t.Errorf("parseBalance(%s) = %s, %v; want %s", tt.body, got, err, tt.want)
			}
		})
	}
}

func TestParseSessionPollRefusesBadKey(t *testing.T) {
	t.Parallel()
	if _, err := parseSessionPoll([]byte(`{"status":"authenticated","apiKey":"bad key\r\nX: y"}`)); err == nil {
		t.Error("a key with control characters was accepted")
	}
	p, err := parseSessionPoll([]byte(`{"status":"authenticated","message":"API key already retrieved"}`))
	if err != nil || p.State != domain.SessionAuthenticated || !p.APIKey.IsZero() {
		t.Errorf("repeat poll = %+v, %v", p, err)
	}
}

func TestUpstreamMessageIsCleaned(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		`{"error":"Session not found or expired"}`:     "Session not found or expired",
		`{"success":false,"error":"bad\u0000\nthing"}`: "bad  thing",
		`{"error":{"message":"nested"}}`:               "nested",
		`{"message":"plain"}`:                          "plain",
		`not json`:                                     "",
	}
	for body, want := range tests {
		if got := upstreamMessage([]byte(body)); got != want {
			t.Errorf("upstreamMessage(%s) = %q, want %q", body, got, want)
		}
	}
}

// The fuzz targets feed hostile bodies to every parser of cloud answers:
// none may panic, and whatever they accept must satisfy the domain's
// invariants.

func FuzzParseSessionPoll(f *testing.F) {
	for _, s := range []string{`{"status":"pending"}`, `{"status":"authenticated","apiKey":"eliza_00"}`, `{"apiKey":""}`, `{"status":1}`, `null`, `[]`, `{"apiKey":"\u0000"}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := parseSessionPoll(b)
		if err == nil && !p.APIKey.IsZero() {
			if _, kerr := domain.NewCloudAPIKey(p.APIKey.Reveal()); kerr != nil {
				t.Fatalf("accepted an invalid key: %v", kerr)
			}
		}
	})
}

func FuzzParseBalance(f *testing.F) {
	for _, s := range []string{`{"balance":15.5}`, `{"data":{"balance":"1e40"}}`, `{"balance":1e999}`, `{"balance":"-0"}`, `{"balance":NaN}`, `{"data":null}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		u, err := parseBalance(b)
		if err == nil {
			if _, perr := domain.ParseUSD(u.String()); perr != nil {
				t.Fatalf("accepted balance %q does not re-parse: %v", u.String(), perr)
			}
		}
	})
}

func FuzzParseAgentWallet(f *testing.F) {
	for _, s := range []string{
		`{"success":true,"data":{"walletAddress":"0x1234567890abcdef1234567890abcdef12345678","walletProvider":"steward"}}`,
		`{"success":true,"data":{"walletAddresses":{"solana":"9WzDXwBbmkg8ZTbNMqUxvQRAyrZzDsGYdLVL9zYtAWWM"}}}`,
		`{"success":true,"data":{"walletAddress":null,"walletStatus":"none"}}`,
		`{"data":{"walletAddress":"0x"}}`, `{"data":[]}`,
	} {
		f.Add([]byte(s), true)
	}
	f.Fuzz(func(t *testing.T, b []byte, evm bool) {
		chain := domain.ChainSolana
		if evm {
			chain = domain.ChainEVM
		}
		w, err := parseAgentWallet(b, chain)
		if err == nil && (w.Chain != chain || w.Address == "") {
			t.Fatalf("accepted %+v for %s", w, chain)
		}
		if err == nil {
			if _, verr := domain.NewCloudWallet(chain, w.Address, w.Provider, w.ID); verr != nil {
				t.Fatalf("accepted an address that is not %s: %q", chain, w.Address)
			}
		}
		if pw, err := parseProvisionedWallet(b, chain); err == nil && pw.Chain != chain {
			t.Fatalf("provisioned wallet for the wrong chain: %+v", pw)
		}
	})
}

func FuzzParseEnvelopes(f *testing.F) {
	for _, s := range []string{
		`{"success":true,"data":[{"id":"550e8400-e29b-41d4-a716-446655440000","agentName":"a","status":"running","createdAt":"2024-06-10T12:00:00Z"}]}`,
		`{"success":true,"data":{"id":"550e8400-e29b-41d4-a716-446655440000","agentName":"a"}}`,
		`{"success":true,"data":{"jobId":"j1","status":"pending"}}`,
		`{"success":true,"data":{"id":"j","status":"completed"}}`,
		`{"transactions":[{"id":"t","amount":-4.5,"stripe_payment_intent_id":null}],"total":1}`,
		`{"organization":{"creditBalance":"2"},"pricing":{"minimumTopUp":5}}`,
		`{"paymentId":"p","payLink":"https://x","creditsToAdd":"25.000"}`,
		`{"jsonrpc":"2.0","error":{"code":-32000,"message":"down"}}`,
		`{"data":{"id":"../../etc"}}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if as, err := parseAgents(b); err == nil {
			for _, a := range as {
				if _, perr := domain.ParseCloudAgentID(string(a.ID)); perr != nil {
					t.Fatalf("accepted agent id %q", a.ID)
				}
			}
		}
		if a, err := parseAgent(b); err == nil {
			if _, perr := domain.ParseCloudAgentID(string(a.ID)); perr != nil {
				t.Fatalf("accepted agent id %q", a.ID)
			}
		}
		if p, err := parseProvision(200, b); err == nil && p.Running == (p.JobID != "") {
			t.Fatalf("provisioning both running and a job, or neither: %+v", p)
		}
		if j, err := parseJob(b); err == nil && j.Status == "" {
			t.Fatal("job without a status")
		}
		_, _ = parseTransactions(b)
		_, _ = parseSummary(b)
		_, _ = parseCryptoStatus(b)
		_, _ = parseCheckout(b)
		if q, err := parseCryptoPayment(b); err == nil && q.CreditsToAdd != "" {
			if _, perr := domain.ParseUSD(q.CreditsToAdd); perr != nil {
				t.Fatalf("accepted creditsToAdd %q", q.CreditsToAdd)
			}
		}
		if r, err := parseRPC(b); err == nil && r.Error == nil && len(r.Result) == 0 {
			t.Fatal("rpc reply with neither result nor error")
		}
		_, _ = parseUser(b)
		_ = upstreamMessage(b)
	})
}

func TestCloudEVMAddressesAreChecksummed(t *testing.T) {
	t.Parallel()
	body := `{"success":true,"data":{"walletAddress":"0xd8da6bf26964af9d7eed9e03e53415d37aa96045","walletProvider":"privy"}}`
	w, err := parseAgentWallet([]byte(body), domain.ChainEVM)
	if err != nil || w.Address != "0xd8dA6BF26964aF9D7eEd9e03E53415D37aA96045" {
		t.Errorf("parseAgentWallet = %+v, %v; want the EIP-55 address", w, err)
	}
}

func BenchmarkParseBalance(b *testing.B) {
	body := []byte(`{"balance": 15.5}`)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := parseBalance(body); err != nil {
			b.Fatal(err)
		}
	}
}
