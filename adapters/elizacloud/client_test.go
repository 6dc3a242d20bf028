package elizacloud_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/agentwallet/agentwallet/adapters/elizacloud"
	"github.com/agentwallet/agentwallet/adapters/elizacloud/elizacloudfake"
	"github.com/agentwallet/agentwallet/domain"
	"github.com/google/uuid"
)

func mustCloudKey(t testing.TB, s string) domain.CloudAPIKey {
	t.Helper()
	k, err := domain.NewCloudAPIKey(s)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func TestNormalizeSiteURL(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in string
		loopback bool
		want     string // "" means refused
	}{
		{name: "default", in: "", want: "https://www.elizacloud.ai"},
		{name: "trailing_api_v1_dropped", in: "https://www.elizacloud.ai/api/v1/", want: "https://www.elizacloud.ai"},
		{name: "apex_mapped_to_www", in: "https://elizacloud.ai", want: "https://www.elizacloud.ai"},
		{name: "query_and_fragment_dropped", in: "https://cloud.example.com/base/?x=1#y", want: "https://cloud.example.com/base"},
		{name: "http_refused", in: "http://cloud.example.com"},
		{name: "private_ip_refused", in: "https://10.0.0.5"},
		{name: "private_ip_allowed_with_loopback_switch", in: "https://192.168.1.10", loopback: true, want: "https://192.168.1.10"},
		{name: "private_ip_http_allowed_with_loopback_switch", in: "http://10.0.0.5:8080", loopback: true, want: "http://10.0.0.5:8080"},
		{name: "link_local_refused_even_with_loopback_switch", in: "http://169.254.169.254", loopback: true},
		{name: "multicast_refused_even_with_loopback_switch", in: "https://224.0.0.1", loopback: true},
		{name: "link_local_refused", in: "https://169.254.169.254"},
		{name: "cgnat_refused", in: "https://100.64.1.1"},
		{name: "ipv6_loopback_refused", in: "https://[::1]:8443"},
		{name: "ipv6_unique_local_refused", in: "https://[fd00::1]"},
		{name: "ipv4_mapped_private_refused", in: "https://[::ffff:10.0.0.1]"},
		{name: "zoned_ipv6_loopback_refused", in: "https://[::1%25lo]:8443"},
		{name: "zoned_ipv6_link_local_refused", in: "https://[fe80::1%25eth0]"},
		{name: "zoned_ipv6_unique_local_refused", in: "https://[fd00::1%25eth0]"},
		{name: "zoned_link_local_refused_even_with_loopback_switch", in: "http://[fe80::1%25eth0]", loopback: true},
		{name: "nat64_embedded_private_refused", in: "https://[64:ff9b::10.0.0.1]"},
		{name: "nat64_embedded_loopback_refused", in: "https://[64:ff9b::127.0.0.1]"},
		{name: "nat64_embedded_public_allowed", in: "https://[64:ff9b::93.184.216.34]", want: "https://[64:ff9b::93.184.216.34]"},
		{name: "local_use_nat64_refused", in: "https://[64:ff9b:1::93.184.216.34]"},
		{name: "loopback_refused_without_switch", in: "http://127.0.0.1:9999"},
		{name: "loopback_https_refused_without_switch", in: "https://127.0.0.1:9999"},
		{name: "localhost_name_refused", in: "https://localhost"},
		{name: "dot_local_refused", in: "https://printer.local"},
		{name: "loopback_http_allowed_with_switch", in: "http://127.0.0.1:9999", loopback: true, want: "http://127.0.0.1:9999"},
		{name: "localhost_allowed_with_switch", in: "http://localhost:9999", loopback: true, want: "http://localhost:9999"},
		{name: "public_http_refused_even_with_switch", in: "http://cloud.example.com", loopback: true},
		{name: "credentials_refused", in: "https://user:pw@cloud.example.com"},
		{name: "not_a_url", in: "elizacloud"},
		{name: "ftp_refused", in: "ftp://cloud.example.com"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			u, err := elizacloud.NormalizeSiteURL(tt.in, tt.loopback)
			if tt.want == "" {
				if domain.KindOf(err) != domain.KindInvalid || domain.CodeOf(err) != domain.CodeUnsafeUpstream {
					t.Fatalf("NormalizeSiteURL(%q) = %v, %v; want refused", tt.in, u, err)
				}
				return
			}
			if err != nil || u.String() != tt.want {
				t.Errorf("NormalizeSiteURL(%q) = %v, %v; want %s", tt.in, u, err, tt.want)
			}
		})
	}
}

func TestRefusedBaseFailsEveryCallWithoutNetwork(t *testing.T) {
	t.Parallel()
	c := elizacloud.NewClient(elizacloud.Options{SiteURL: "https://10.1.2.3"})
	err := c.CreateLoginSession(context.Background(), uuid.NewString())
	if domain.KindOf(err) != domain.KindInvalid || domain.CodeOf(err) != domain.CodeUnsafeUpstream {
		t.Fatalf("CreateLoginSession with a private base = %v, want refused", err)
	}
	if !strings.HasPrefix(c.BrowserURL("x"), "https://www.elizacloud.ai/") {
		t.Errorf("BrowserURL with a refused base = %q", c.BrowserURL("x"))
	}
}

func TestDNSAnswersAreChecked(t *testing.T) {
	t.Parallel()
	_, _, srv := newFakeCloud(t, elizacloudfake.Options{})
	port := srv.URL[strings.LastIndex(srv.URL, ":")+1:]
	lookup := func(addrs ...string) func(context.Context, string) ([]netip.Addr, error) {
		return func(context.Context, string) ([]netip.Addr, error) {
			var out []netip.Addr
			for _, a := range addrs {
				out = append(out, netip.MustParseAddr(a))
			}
			return out, nil
		}
	}
	tests := []struct {
		name     string
		answers  []string
		loopback bool
		refused  bool
	}{
		{name: "name_resolving_to_private_refused", answers: []string{"10.0.0.7"}, refused: true},
		{name: "one_private_answer_among_public_refused", answers: []string{"93.184.216.34", "192.168.0.2"}, refused: true},
		{name: "name_resolving_to_loopback_refused_without_switch", answers: []string{"127.0.0.1"}, refused: true},
		{name: "name_resolving_to_zoned_loopback_refused", answers: []string{"::1%lo"}, refused: true},
		{name: "name_resolving_to_zoned_link_local_refused", answers: []string{"fe80::1%eth0"}, refused: true},
		{name: "name_resolving_to_nat64_private_refused", answers: []string{"64:ff9b::a00:7"}, refused: true},
		{name: "name_resolving_to_metadata_ip_refused_even_with_switch", answers: []string{"169.254.169.254"}, refused: true, loopback: true},
		{name: "name_resolving_to_another_loopback_allowed_with_switch", answers: []string{"127.0.0.2"}, loopback: true},
		{name: "name_resolving_to_loopback_allowed_with_switch", answers: []string{"127.0.0.1"}, loopback: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			// https to a name, so the only way to reach the fake is through
			// the resolver; TLS then fails against the plain fake, which is
			// fine: the refusal must come before any connection.
			c := elizacloud.NewClient(elizacloud.Options{SiteURL: "https://cloud.example.com:" + port, AllowLoopback: tt.loopback,
				LookupHost: lookup(tt.answers...), LoginTimeout: 5 * time.Second})
			err := c.CreateLoginSession(context.Background(), uuid.NewString())
			isRefusal := domain.CodeOf(err) == domain.CodeUnsafeUpstream
			if isRefusal != tt.refused {
				t.Fatalf("err = %v; refused = %v, want %v", err, isRefusal, tt.refused)
			}
		})
	}
}

func TestLookupFailureFailsClosed(t *testing.T) {
	t.Parallel()
	c := elizacloud.NewClient(elizacloud.Options{SiteURL: "https://cloud.example.com",
		LookupHost: func(context.Context, string) ([]netip.Addr, error) { return nil, errors.New("no such host") }})
	_, err := c.CreditBalance(context.Background(), mustCloudKey(t, "eliza_abc"))
	if domain.KindOf(err) != domain.KindUpstream {
		t.Fatalf("err = %v, want an upstream failure", err)
	}
}

func TestRedirectsAreRefused(t *testing.T) {
	t.Parallel()
	f, c, srv := newFakeCloud(t, elizacloudfake.Options{})
	f.SetRedirect("/api/auth/cli-session", srv.URL+"/api/auth/cli-session-moved")
	err := c.CreateLoginSession(context.Background(), uuid.NewString())
	if domain.KindOf(err) != domain.KindUpstream || domain.CodeOf(err) != domain.CodeUpstreamRedirect {
		t.Fatalf("login create through a redirect = %v, want a refused redirect", err)
	}
	if n := f.Count(http.MethodPost, "/api/auth/cli-session-moved"); n != 0 {
		t.Errorf("the redirect was followed %d times", n)
	}
	key := mustCloudKey(t, f.MintKey())
	f.SetRedirect("/api/v1/credits/balance", srv.URL+"/api/credits/balance")
	if _, err := c.CreditBalance(context.Background(), key); domain.CodeOf(err) != domain.CodeUpstreamRedirect {
		t.Errorf("credits through a same-origin redirect = %v, want refused (only billing follows)", err)
	}
}

func TestBillingFollowsOnlySameOriginRedirects(t *testing.T) {
	t.Parallel()
	f, c, srv := newFakeCloud(t, elizacloudfake.Options{})
	key := mustCloudKey(t, f.MintKey())
	f.SetRedirect("/api/v1/credits/summary", srv.URL+"/api/v1/credits/summary-v2")
	f.SetRedirect("/api/v1/credits/summary-v2", "/api/v1/credits/summary-v3")
	_, err := c.BillingSummary(context.Background(), key)
	if domain.KindOf(err) != domain.KindNotFound {
		t.Fatalf("same-origin redirects should be followed to the final (unknown) route, got %v", err)
	}
	if f.Count(http.MethodGet, "/api/v1/credits/summary-v3") != 1 {
		t.Error("the same-origin redirect chain was not followed")
	}

	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("cross-origin redirect target was contacted: %s", r.URL)
	}))
	t.Cleanup(other.Close)
	f.SetRedirect("/api/v1/credits/summary", other.URL+"/steal")
	_, err = c.BillingSummary(context.Background(), key)
	if domain.CodeOf(err) != domain.CodeUpstreamRedirect {
		t.Fatalf("cross-origin billing redirect = %v, want refused", err)
	}
}

func TestFaultsMapToKinds(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		fault elizacloudfake.Fault
		kind  domain.Kind
	}{
		{name: "server_error_is_upstream", fault: elizacloudfake.Fault{Status: 500}, kind: domain.KindUpstream},
		{name: "bad_gateway_is_upstream", fault: elizacloudfake.Fault{Status: 502}, kind: domain.KindUpstream},
		{name: "unavailable_is_unavailable", fault: elizacloudfake.Fault{Status: 503}, kind: domain.KindUnavailable},
		{name: "rate_limited", fault: elizacloudfake.Fault{Status: 429}, kind: domain.KindRateLimited},
		{name: "malformed_json_is_upstream", fault: elizacloudfake.Fault{Malformed: true}, kind: domain.KindUpstream},
		{name: "connection_reset_is_upstream", fault: elizacloudfake.Fault{Reset: true}, kind: domain.KindUpstream},
		{name: "hang_is_timeout", fault: elizacloudfake.Fault{Hang: true}, kind: domain.KindTimeout},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := elizacloudfake.New(elizacloudfake.Options{})
			srv := httptest.NewServer(f)
			t.Cleanup(srv.Close)
			// Only the hang needs a short timeout; the others must not hit it
			// on a loaded machine.
			timeout := 10 * time.Second
			if tt.fault.Hang {
				timeout = 200 * time.Millisecond
			}
			c := elizacloud.NewClient(elizacloud.Options{SiteURL: srv.URL, AllowLoopback: true, CreditsTimeout: timeout})
			f.SetFault("/api/v1/credits/balance", tt.fault)
			_, err := c.CreditBalance(context.Background(), mustCloudKey(t, f.MintKey()))
			if domain.KindOf(err) != tt.kind {
				t.Fatalf("err = %v (kind %v), want %v", err, domain.KindOf(err), tt.kind)
			}
		})
	}
}

func TestInactiveKeyIsNotAuthRejected(t *testing.T) {
	t.Parallel()
	f, c, _ := newFakeCloud(t, elizacloudfake.Options{})
	k := f.MintKey()
	f.DeactivateKey(k)
	_, err := c.CreditBalance(context.Background(), mustCloudKey(t, k))
	if err == nil || domain.CodeOf(err) == domain.CodeCloudAuthRejected || domain.KindOf(err) == domain.KindForbidden {
		t.Fatalf("inactive key = %v (code %s), want an upstream refusal that is not auth-rejected", err, domain.CodeOf(err))
	}
}

func TestKeyTravelsInXAPIKeyOnly(t *testing.T) {
	t.Parallel()
	f, c, _ := newFakeCloud(t, elizacloudfake.Options{})
	k := f.MintKey()
	if _, err := c.CreditBalance(context.Background(), mustCloudKey(t, k)); err != nil {
		t.Fatal(err)
	}
	reqs := f.Requests()
	if len(reqs) != 1 {
		t.Fatalf("requests = %d, want 1", len(reqs))
	}
	r := reqs[0]
	if r.Header.Get("X-API-Key") != k || r.Header.Get("Authorization") != "" || strings.Contains(r.Query, k) {
		t.Errorf("key sent as headers %v query %q", r.Header, r.Query)
	}
	if err := c.CreateLoginSession(context.Background(), uuid.NewString()); err != nil {
		t.Fatal(err)
	}
	if got := f.Requests()[1].Header.Get("X-API-Key"); got != "" {
		t.Error("the login session call carried an API key")
	}
}

func TestLoginPollReleasesKeyOnceAfterNPolls(t *testing.T) {
	t.Parallel()
	f, c, _ := newFakeCloud(t, elizacloudfake.Options{PollsUntilAuthenticated: 3})
	ctx := context.Background()
	id := uuid.NewString()
	if err := c.CreateLoginSession(ctx, id); err != nil {
		t.Fatal(err)
	}
	var states []domain.CloudLoginStatus
	var key domain.CloudAPIKey
	for range 4 {
		p, err := c.PollLoginSession(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		states = append(states, p.Outcome(!key.IsZero()))
		if !p.APIKey.IsZero() {
			key = p.APIKey
		}
	}
	want := []domain.CloudLoginStatus{domain.LoginPending, domain.LoginPending, domain.LoginAuthenticated, domain.LoginAuthenticated}
	for i := range want {
		if states[i] != want[i] {
			t.Fatalf("poll states = %v, want %v", states, want)
		}
	}
	if key.Reveal() != f.SessionKey(id) {
		t.Error("the released key is not the one the cloud minted")
	}
}

func TestSessionExpiresAfterTTL(t *testing.T) {
	t.Parallel()
	var clock atomic.Pointer[time.Time]
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	clock.Store(&now)
	_, c, _ := newFakeCloud(t, elizacloudfake.Options{Now: func() time.Time { return *clock.Load() }})
	id := uuid.NewString()
	if err := c.CreateLoginSession(context.Background(), id); err != nil {
		t.Fatal(err)
	}
	later := now.Add(11 * time.Minute)
	clock.Store(&later)
	_, err := c.PollLoginSession(context.Background(), id)
	if domain.KindOf(err) != domain.KindNotFound {
		t.Fatalf("poll after the TTL = %v, want not-found (expired)", err)
	}
}

func TestAgentsPrefixIsConfigurable(t *testing.T) {
	t.Parallel()
	f := elizacloudfake.New(elizacloudfake.Options{})
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	c := elizacloud.NewClient(elizacloud.Options{SiteURL: srv.URL, AllowLoopback: true, AgentsPrefix: "eliza"})
	if _, err := c.ListAgents(context.Background(), mustCloudKey(t, f.MintKey())); err != nil {
		t.Fatal(err)
	}
	if f.Count(http.MethodGet, "/api/v1/eliza/agents") != 1 {
		t.Errorf("requests: %+v", f.Requests())
	}
}

func TestAgentWalletModes(t *testing.T) {
	t.Parallel()
	f, c, _ := newFakeCloud(t, elizacloudfake.Options{AgentWallet: elizacloudfake.AgentWalletSteward})
	ctx := context.Background()
	key := mustCloudKey(t, f.MintKey())
	id, err := domain.ParseCloudAgentID(f.AddAgent("w", "running"))
	if err != nil {
		t.Fatal(err)
	}
	w, err := c.AgentWallet(ctx, key, id, domain.ChainEVM)
	if err != nil || w.Provider != domain.ProviderSteward || !strings.HasPrefix(w.Address, "0x") {
		t.Fatalf("steward agent wallet = %+v, %v", w, err)
	}
	// The cloud reports one EVM address; it is not a Solana wallet.
	_, err = c.AgentWallet(ctx, key, id, domain.ChainSolana)
	if domain.KindOf(err) != domain.KindNotFound {
		t.Errorf("solana from an EVM-only agent wallet = %v, want missing", err)
	}
	_, err = c.AgentWallet(ctx, key, domain.CloudAgentID(uuid.NewString()), domain.ChainEVM)
	if domain.KindOf(err) != domain.KindNotFound {
		t.Errorf("unknown agent wallet = %v, want missing", err)
	}
}
