// Package portstest holds contract suites that every adapter of a port must
// pass, run against the real adapter talking to its fake (and, where one is
// configured, the real service).
package portstest

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/agentwallet/agentwallet/domain"
	"github.com/agentwallet/agentwallet/ports"
	"github.com/google/uuid"
)

// CloudBackend drives the Eliza Cloud under test the way a user or the
// cloud itself would: finishing a browser login, revoking keys, changing
// balances.
type CloudBackend interface {
	// CompleteSession finishes a pending login in the "browser"; the next
	// poll must release the key.
	CompleteSession(sessionID string)
	// ExpireSession makes the session unknown.
	ExpireSession(sessionID string)
	// MintKey returns a valid API key without a login.
	MintKey() domain.CloudAPIKey
	// RevokeKey makes the cloud refuse key.
	RevokeKey(key domain.CloudAPIKey)
	// SetBalance sets the credit balance (a decimal literal).
	SetBalance(balance string)
	// SetCryptoEnabled switches crypto top-ups on or off.
	SetCryptoEnabled(on bool)
	// SetAsyncProvisioning makes provisioning start jobs (true) or finish at
	// once (false).
	SetAsyncProvisioning(async bool)
	// StopAgent stops a running agent's sandbox.
	StopAgent(id domain.CloudAgentID)
	// FailWalletChain makes wallet calls for chain fail (on) or work (off).
	FailWalletChain(chain domain.Chain, on bool)
}

// CloudHarness is one cloud under test: the adapter's ports and the backend
// that drives the same cloud. The first poll of a new login session must be
// pending.
type CloudHarness struct {
	Login       ports.CloudLogin
	Account     ports.CloudAccount
	Billing     ports.CloudBilling
	Agents      ports.CloudAgents
	Provisioner ports.CloudProvisioner
	Wallets     ports.CloudWallets
	Backend     CloudBackend
}

// RunCloud runs the Eliza Cloud contract. newHarness must return a fresh,
// isolated cloud for each call.
func RunCloud(t *testing.T, newHarness func(t *testing.T) CloudHarness) {
	t.Run("login", func(t *testing.T) { t.Parallel(); runCloudLogin(t, newHarness(t)) })
	t.Run("login_unknown_and_expired", func(t *testing.T) { t.Parallel(); runCloudLoginExpired(t, newHarness(t)) })
	t.Run("account_and_credits", func(t *testing.T) { t.Parallel(); runCloudAccount(t, newHarness(t)) })
	t.Run("revoked_key", func(t *testing.T) { t.Parallel(); runCloudRevoked(t, newHarness(t)) })
	t.Run("cancelled_context", func(t *testing.T) { t.Parallel(); runCloudCancelled(t, newHarness(t)) })
	t.Run("billing", func(t *testing.T) { t.Parallel(); runCloudBilling(t, newHarness(t)) })
	t.Run("agents", func(t *testing.T) { t.Parallel(); runCloudAgents(t, newHarness(t)) })
	t.Run("provisioning_sync", func(t *testing.T) { t.Parallel(); runCloudProvisionSync(t, newHarness(t)) })
	t.Run("provisioning_async", func(t *testing.T) { t.Parallel(); runCloudProvisionAsync(t, newHarness(t)) })
	t.Run("wallets", func(t *testing.T) { t.Parallel(); runCloudWallets(t, newHarness(t)) })
}

func ctxFor(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func wantKind(t *testing.T, what string, err error, k domain.Kind) {
	t.Helper()
	if err == nil || domain.KindOf(err) != k {
		t.Fatalf("%s: err = %v (kind %v), want kind %v", what, err, domain.KindOf(err), k)
	}
}

func runCloudLogin(t *testing.T, h CloudHarness) {
	ctx := ctxFor(t)
	id := uuid.NewString()
	if err := h.Login.CreateLoginSession(ctx, id); err != nil {
		t.Fatalf("CreateLoginSession: %v", err)
	}
	if u := h.Login.BrowserURL(id); !strings.Contains(u, "/auth/cli-login?session="+id) {
		t.Errorf("BrowserURL = %q, want the cli-login page for the session", u)
	}
	p, err := h.Login.PollLoginSession(ctx, id)
	if err != nil || p.Outcome(false) != domain.LoginPending || !p.APIKey.IsZero() {
		t.Fatalf("first poll = %+v, %v; want pending without a key", p, err)
	}
	h.Backend.CompleteSession(id)
	p, err = h.Login.PollLoginSession(ctx, id)
	if err != nil || p.Outcome(false) != domain.LoginAuthenticated || p.APIKey.IsZero() {
		t.Fatalf("poll after completion = %+v, %v; want authenticated with a key", p, err)
	}
	key := p.APIKey
	again, err := h.Login.PollLoginSession(ctx, id)
	if err != nil || again.State != domain.SessionAuthenticated || !again.APIKey.IsZero() {
		t.Fatalf("repeat poll = %+v, %v; want authenticated without the key", again, err)
	}
	if again.Outcome(false) != domain.LoginError || again.Outcome(true) != domain.LoginAuthenticated {
		t.Error("a keyless repeat poll must only count as authenticated once the key was saved")
	}
	if _, err := h.Account.CreditBalance(ctx, key); err != nil {
		t.Errorf("the released key does not work: %v", err)
	}
}

func runCloudLoginExpired(t *testing.T, h CloudHarness) {
	ctx := ctxFor(t)
	_, err := h.Login.PollLoginSession(ctx, uuid.NewString())
	wantKind(t, "unknown session", err, domain.KindNotFound)
	id := uuid.NewString()
	if err := h.Login.CreateLoginSession(ctx, id); err != nil {
		t.Fatal(err)
	}
	h.Backend.ExpireSession(id)
	_, err = h.Login.PollLoginSession(ctx, id)
	wantKind(t, "expired session", err, domain.KindNotFound)
}

func runCloudAccount(t *testing.T, h CloudHarness) {
	ctx := ctxFor(t)
	key := h.Backend.MintKey()
	acct, err := h.Account.Account(ctx, key)
	if err != nil || acct.UserID == "" {
		t.Fatalf("Account = %+v, %v", acct, err)
	}
	for _, bal := range []string{"1.25", "0.3", "15.5", "0"} {
		h.Backend.SetBalance(bal)
		got, err := h.Account.CreditBalance(ctx, key)
		if err != nil || got.Cmp(domain.MustUSD(bal)) != 0 {
			t.Errorf("CreditBalance = %s, %v; want exactly %s", got, err, bal)
		}
	}
	if h.Account.TopUpURL() == "" {
		t.Error("TopUpURL is empty")
	}
}

func runCloudRevoked(t *testing.T, h CloudHarness) {
	ctx := ctxFor(t)
	key := h.Backend.MintKey()
	h.Backend.RevokeKey(key)
	_, err := h.Account.CreditBalance(ctx, key)
	if domain.KindOf(err) == domain.KindUnauthenticated {
		t.Fatal("the cloud's 401 became our own 401")
	}
	wantKind(t, "revoked key", err, domain.KindUpstream)
	if domain.CodeOf(err) != domain.CodeCloudAuthRejected {
		t.Errorf("code = %s, want %s", domain.CodeOf(err), domain.CodeCloudAuthRejected)
	}
	_, err = h.Agents.ListAgents(ctx, key)
	if domain.CodeOf(err) != domain.CodeCloudAuthRejected {
		t.Errorf("agents with a revoked key: %v", err)
	}
}

func runCloudCancelled(t *testing.T, h CloudHarness) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	done := make(chan error, 1)
	go func() {
		_, err := h.Account.CreditBalance(ctx, h.Backend.MintKey())
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil {
			t.Fatal("a cancelled call succeeded")
		}
	case <-time.After(10 * time.Second):
		t.Fatal("a cancelled call did not return")
	}
}

func runCloudBilling(t *testing.T, h CloudHarness) {
	ctx := ctxFor(t)
	key := h.Backend.MintKey()
	h.Backend.SetBalance("42.75")
	s, err := h.Billing.BillingSummary(ctx, key)
	if err != nil || s.Balance.Cmp(domain.MustUSD("42.75")) != 0 {
		t.Fatalf("BillingSummary = %+v, %v", s, err)
	}
	hist, err := h.Billing.BillingHistory(ctx, key, domain.BillingHistoryQuery{Limit: 10})
	if err != nil || len(hist.Transactions) == 0 {
		t.Fatalf("BillingHistory = %+v, %v; want the seeded transactions", hist, err)
	}
	co, err := h.Billing.Checkout(ctx, key, domain.CheckoutRequest{AmountUSD: domain.MustUSD("25")})
	if err != nil || co.URL == "" || co.SessionID == "" {
		t.Fatalf("Checkout = %+v, %v", co, err)
	}
	_, err = h.Billing.Checkout(ctx, key, domain.CheckoutRequest{AmountUSD: domain.MustUSD("5000")})
	wantKind(t, "checkout over the cloud's limit", err, domain.KindInvalid)
	var he *domain.UpstreamHTTPError
	if !errors.As(err, &he) || he.Status != 400 || len(he.Body) == 0 {
		t.Errorf("a refused checkout must carry the upstream status and body, got %v", err)
	}
	quote := domain.CryptoQuoteRequest{AmountUSD: domain.MustUSD("25"), Currency: "USDC", Network: "BEP20"}
	h.Backend.SetCryptoEnabled(false)
	if st, err := h.Billing.CryptoPaymentStatus(ctx, key); err != nil || st.Enabled {
		t.Errorf("CryptoPaymentStatus (off) = %+v, %v", st, err)
	}
	_, err = h.Billing.CryptoQuote(ctx, key, quote)
	wantKind(t, "crypto quote while crypto is off", err, domain.KindUnavailable)
	h.Backend.SetCryptoEnabled(true)
	q, err := h.Billing.CryptoQuote(ctx, key, quote)
	if err != nil || q.PayLink == "" || q.CreditsToAdd == "" {
		t.Fatalf("CryptoQuote = %+v, %v", q, err)
	}
}

func runCloudAgents(t *testing.T, h CloudHarness) {
	ctx := ctxFor(t)
	key := h.Backend.MintKey()
	a, err := h.Agents.CreateAgent(ctx, key, domain.NewCloudAgent{Name: "Contract Agent"})
	if err != nil || a.ID == "" || a.Name != "Contract Agent" {
		t.Fatalf("CreateAgent = %+v, %v", a, err)
	}
	list, err := h.Agents.ListAgents(ctx, key)
	if err != nil || !containsAgent(list, a.ID) {
		t.Fatalf("ListAgents = %+v, %v; want the new agent", list, err)
	}
	got, err := h.Agents.GetAgent(ctx, key, a.ID)
	if err != nil || got.ID != a.ID || got.Name != a.Name {
		t.Fatalf("GetAgent = %+v, %v", got, err)
	}
	if err := h.Agents.DeleteAgent(ctx, key, a.ID); err != nil {
		t.Fatalf("DeleteAgent: %v", err)
	}
	_, err = h.Agents.GetAgent(ctx, key, a.ID)
	wantKind(t, "deleted agent", err, domain.KindNotFound)
	wantKind(t, "delete unknown agent", h.Agents.DeleteAgent(ctx, key, a.ID), domain.KindNotFound)
	h.Backend.SetBalance("1")
	_, err = h.Agents.CreateAgent(ctx, key, domain.NewCloudAgent{Name: "Too poor"})
	wantKind(t, "create with low credits", err, domain.KindInsufficientFunds)
}

func containsAgent(list []domain.CloudAgent, id domain.CloudAgentID) bool {
	for _, a := range list {
		if a.ID == id {
			return true
		}
	}
	return false
}

func runCloudProvisionSync(t *testing.T, h CloudHarness) {
	ctx := ctxFor(t)
	key := h.Backend.MintKey()
	h.Backend.SetAsyncProvisioning(false)
	a, err := h.Agents.CreateAgent(ctx, key, domain.NewCloudAgent{Name: "sync"})
	if err != nil {
		t.Fatal(err)
	}
	wantKind(t, "heartbeat before provisioning", h.Provisioner.Heartbeat(ctx, key, a.ID), domain.KindUnavailable)
	p, err := h.Provisioner.ProvisionAgent(ctx, key, a.ID)
	if err != nil || !p.Running {
		t.Fatalf("ProvisionAgent = %+v, %v; want running", p, err)
	}
	if err := h.Provisioner.Heartbeat(ctx, key, a.ID); err != nil {
		t.Errorf("Heartbeat of a running agent: %v", err)
	}
	h.Backend.StopAgent(a.ID)
	wantKind(t, "heartbeat of a stopped agent", h.Provisioner.Heartbeat(ctx, key, a.ID), domain.KindUnavailable)
	_, err = h.Provisioner.ProvisionAgent(ctx, key, domain.CloudAgentID(uuid.NewString()))
	wantKind(t, "provision unknown agent", err, domain.KindNotFound)
}

func runCloudProvisionAsync(t *testing.T, h CloudHarness) {
	ctx := ctxFor(t)
	key := h.Backend.MintKey()
	h.Backend.SetAsyncProvisioning(true)
	a, err := h.Agents.CreateAgent(ctx, key, domain.NewCloudAgent{Name: "async"})
	if err != nil {
		t.Fatal(err)
	}
	p, err := h.Provisioner.ProvisionAgent(ctx, key, a.ID)
	if err != nil || p.Running || p.JobID == "" {
		t.Fatalf("ProvisionAgent = %+v, %v; want a job", p, err)
	}
	again, err := h.Provisioner.ProvisionAgent(ctx, key, a.ID)
	if err != nil || again.JobID != p.JobID {
		t.Errorf("second provision while in progress = %+v, %v; want the same job", again, err)
	}
	wantKind(t, "delete while provisioning", h.Agents.DeleteAgent(ctx, key, a.ID), domain.KindConflict)
	var job domain.CloudJob
	for i := 0; i < 20 && !job.Status.Done(); i++ {
		if job, err = h.Provisioner.ProvisionJob(ctx, key, p.JobID); err != nil {
			t.Fatalf("ProvisionJob: %v", err)
		}
	}
	if job.Status != domain.JobCompleted {
		t.Fatalf("job ended as %+v, want completed", job)
	}
	if err := h.Provisioner.Heartbeat(ctx, key, a.ID); err != nil {
		t.Errorf("Heartbeat after the job completed: %v", err)
	}
	_, err = h.Provisioner.ProvisionJob(ctx, key, uuid.NewString())
	wantKind(t, "unknown job", err, domain.KindNotFound)
}

func runCloudWallets(t *testing.T, h CloudHarness) {
	ctx := ctxFor(t)
	key := h.Backend.MintKey()
	a, err := h.Agents.CreateAgent(ctx, key, domain.NewCloudAgent{Name: "wallets"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = h.Wallets.AgentWallet(ctx, key, a.ID, domain.ChainSolana)
	wantKind(t, "agent without a solana wallet", err, domain.KindNotFound)
	const client = "0x00000000000000000000000000000000000c11e7"
	evm, err := h.Wallets.ProvisionWallet(ctx, key, domain.ChainEVM, client)
	if err != nil || evm.Chain != domain.ChainEVM || !strings.HasPrefix(evm.Address, "0x") {
		t.Fatalf("ProvisionWallet(evm) = %+v, %v", evm, err)
	}
	again, err := h.Wallets.ProvisionWallet(ctx, key, domain.ChainEVM, client)
	if err != nil || again.Address != evm.Address {
		t.Errorf("provisioning is not idempotent: %+v then %+v (%v)", evm, again, err)
	}
	sol, err := h.Wallets.ProvisionWallet(ctx, key, domain.ChainSolana, client)
	if err != nil || sol.Chain != domain.ChainSolana || strings.HasPrefix(sol.Address, "0x") {
		t.Fatalf("ProvisionWallet(solana) = %+v, %v", sol, err)
	}
	h.Backend.FailWalletChain(domain.ChainSolana, true)
	if _, err := h.Wallets.ProvisionWallet(ctx, key, domain.ChainSolana, client); err == nil {
		t.Error("a failing chain provisioned anyway")
	}
	if _, err := h.Wallets.ProvisionWallet(ctx, key, domain.ChainEVM, client); err != nil {
		t.Errorf("one failing chain broke the other: %v", err)
	}
}
