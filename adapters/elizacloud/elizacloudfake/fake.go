// Package elizacloudfake is a stateful in-process Eliza Cloud that speaks
// the real wire format (paths, methods, headers, status codes and JSON
// shapes of design/upstreams.md part 2): login sessions that turn
// authenticated, API keys that can be revoked, credit balances, billing,
// agents with asynchronous provisioning jobs and cloud wallets. Knobs inject
// latency, faults and redirects; every request is recorded.
package elizacloudfake

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/agentwallet/agentwallet/domain"
)

// ProvisionMode decides how agent provisioning behaves.
type ProvisionMode string

// The provisioning behaviours.
const (
	ProvisionSync  ProvisionMode = "sync"  // 200, the agent is running at once
	ProvisionAsync ProvisionMode = "async" // 202 and a job that completes after JobPolls polls
	ProvisionFail  ProvisionMode = "fail"  // 202 and a job that fails
)

// AgentWalletMode decides what GET .../agents/:id/wallet reports.
type AgentWalletMode string

// The agent wallet behaviours.
const (
	AgentWalletNone    AgentWalletMode = "none"    // walletAddress null, walletStatus "none"
	AgentWalletPrivy   AgentWalletMode = "privy"   // a Privy EVM wallet
	AgentWalletSteward AgentWalletMode = "steward" // a Steward EVM wallet
)

// Options configure a Fake. Zero values take the defaults noted.
type Options struct {
	PollsUntilAuthenticated int              // default 2: the 2nd poll releases the key
	SessionTTL              time.Duration    // default 10 minutes
	Now                     func() time.Time // default time.Now
	Balance                 string           // default "15.5"
	CryptoEnabled           bool
	HasPaymentMethod        bool
	ProvisionMode           ProvisionMode   // default sync
	JobPolls                int             // polls until a job finishes, default 3
	AgentWallet             AgentWalletMode // default none
	Latency                 time.Duration   // added to every request
}

// Fault is an injected failure for one path.
type Fault struct {
	Status    int           // answer with this status and a JSON error body
	Delay     time.Duration // wait before answering
	Malformed bool          // answer 200 with a body that is not JSON
	Hang      bool          // never answer until the client gives up
	Reset     bool          // close the connection without answering
}

// Request is one recorded request.
type Request struct {
	Method string
	Path   string
	Query  string
	Header http.Header
	Body   []byte
}

// Fake is the in-process Eliza Cloud. Serve it with httptest.NewServer(f).
type Fake struct {
	mu          sync.Mutex
	opts        Options
	now         func() time.Time
	sessions    map[string]*session
	keys        map[string]keyState
	balance     domain.USD
	ledger      []transaction
	checkout    map[string]domain.USD
	agents      map[string]*agent
	order       []string // agent ids in creation order
	jobs        map[string]*job
	wallets     map[string]wallet // by chain + "|" + clientAddress
	failing     map[domain.Chain]bool
	rotation    int // bumped by RotateWallets to change every address
	cryptoNoKey bool
	redirect    map[string]string
	faults      map[string]Fault
	requests    []Request
	mux         *http.ServeMux
}

// New builds a Fake with opts.
func New(opts Options) *Fake {
	if opts.PollsUntilAuthenticated <= 0 {
		opts.PollsUntilAuthenticated = 2
	}
	if opts.SessionTTL <= 0 {
		opts.SessionTTL = 10 * time.Minute
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Balance == "" {
		opts.Balance = "15.5"
	}
	if opts.ProvisionMode == "" {
		opts.ProvisionMode = ProvisionSync
	}
	if opts.JobPolls <= 0 {
		opts.JobPolls = 3
	}
	if opts.AgentWallet == "" {
		opts.AgentWallet = AgentWalletNone
	}
	f := &Fake{
		opts: opts, now: opts.Now,
		sessions: map[string]*session{}, keys: map[string]keyState{},
		balance:  domain.MustUSD(opts.Balance),
		checkout: map[string]domain.USD{}, agents: map[string]*agent{}, jobs: map[string]*job{},
		wallets: map[string]wallet{}, failing: map[domain.Chain]bool{},
		redirect: map[string]string{}, faults: map[string]Fault{},
	}
	f.seedLedger()
	f.routes()
	return f
}

// ServeHTTP records the request, applies latency, redirects and faults, and
// routes it.
func (f *Fake) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	r.Body = io.NopCloser(bytes.NewReader(body))
	f.mu.Lock()
	f.requests = append(f.requests, Request{Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery, Header: r.Header.Clone(), Body: body})
	latency, loc, hasRedirect := f.opts.Latency, f.redirect[r.URL.Path], false
	if loc != "" {
		hasRedirect = true
	}
	fault, hasFault := f.faults[r.URL.Path]
	f.mu.Unlock()

	if latency > 0 && !sleep(r, latency) {
		return
	}
	if hasRedirect {
		http.Redirect(w, r, loc, http.StatusFound)
		return
	}
	if hasFault {
		if fault.Delay > 0 && !sleep(r, fault.Delay) {
			return
		}
		switch {
		case fault.Hang:
			<-r.Context().Done()
			return
		case fault.Reset:
			if hj, ok := w.(http.Hijacker); ok {
				if conn, _, err := hj.Hijack(); err == nil {
					_ = conn.Close()
					return
				}
			}
			panic(http.ErrAbortHandler)
		case fault.Malformed:
			w.Header().Set("Content-Type", "application/json")
			_, _ = io.WriteString(w, `{"success":tru`)
			return
		case fault.Status != 0:
			writeJSON(w, fault.Status, map[string]any{"success": false, "error": "injected fault"})
			return
		}
	}
	if _, pattern := f.mux.Handler(r); pattern == "" {
		writeJSON(w, http.StatusNotFound, map[string]any{"success": false, "error": "no route for " + r.URL.Path})
		return
	}
	f.mux.ServeHTTP(w, r)
}

func sleep(r *http.Request, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
		return false
	}
}

func (f *Fake) routes() {
	m := http.NewServeMux()
	m.HandleFunc("POST /api/auth/cli-session", f.createSession)
	m.HandleFunc("GET /api/auth/cli-session/{id}", f.pollSession)
	m.HandleFunc("GET /api/v1/user", f.authed(f.user))
	m.HandleFunc("GET /api/v1/models", f.authed(func(w http.ResponseWriter, _ *http.Request, _ string) {
		writeJSON(w, http.StatusOK, map[string]any{"data": []any{}})
	}))
	m.HandleFunc("GET /api/v1/credits/balance", f.authed(f.creditBalance))
	m.HandleFunc("GET /api/credits/balance", f.authed(f.creditBalance))
	m.HandleFunc("GET /api/v1/credits/summary", f.authed(f.creditSummary))
	m.HandleFunc("GET /api/crypto/status", f.cryptoStatus)
	m.HandleFunc("GET /api/credits/transactions", f.authed(f.transactions))
	m.HandleFunc("POST /api/v1/credits/checkout", f.authed(f.createCheckout))
	m.HandleFunc("POST /api/crypto/payments", f.cryptoPayment)
	for _, prefix := range []string{"milady", "eliza"} {
		base := "/api/v1/" + prefix + "/agents"
		m.HandleFunc("GET "+base, f.authed(f.listAgents))
		m.HandleFunc("POST "+base, f.authed(f.createAgent))
		m.HandleFunc("GET "+base+"/{id}", f.authed(f.getAgent))
		m.HandleFunc("DELETE "+base+"/{id}", f.authed(f.deleteAgent))
		m.HandleFunc("POST "+base+"/{id}/provision", f.authed(f.provisionAgent))
		m.HandleFunc("POST "+base+"/{id}/bridge", f.authed(f.bridge))
		m.HandleFunc("POST "+base+"/{id}/snapshot", f.authed(f.snapshot))
		m.HandleFunc("GET "+base+"/{id}/backups", f.authed(f.backups))
		m.HandleFunc("GET "+base+"/{id}/wallet", f.authed(f.agentWallet))
	}
	m.HandleFunc("GET /api/v1/jobs/{id}", f.authed(f.getJob))
	m.HandleFunc("POST /api/v1/user/wallets/provision", f.authed(f.provisionWallet))
	f.mux = m
}

// SetRedirect makes path answer 302 to location; an empty location removes
// it.
func (f *Fake) SetRedirect(path, location string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if location == "" {
		delete(f.redirect, path)
		return
	}
	f.redirect[path] = location
}

// SetFault injects a fault on path; the zero Fault removes it.
func (f *Fake) SetFault(path string, fault Fault) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if fault == (Fault{}) {
		delete(f.faults, path)
		return
	}
	f.faults[path] = fault
}

// Requests returns a copy of every request received so far.
func (f *Fake) Requests() []Request {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]Request(nil), f.requests...)
}

// Count reports how many requests had this method and path.
func (f *Fake) Count(method, path string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, r := range f.requests {
		if r.Method == method && r.Path == path {
			n++
		}
	}
	return n
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func decodeBody(r *http.Request, v any) bool {
	dec := json.NewDecoder(r.Body)
	return dec.Decode(v) == nil
}

func bearer(r *http.Request) string {
	if k := r.Header.Get("X-API-Key"); k != "" {
		return k
	}
	if after, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok {
		return strings.TrimSpace(after)
	}
	return ""
}
