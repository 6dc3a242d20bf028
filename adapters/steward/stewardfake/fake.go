// Package stewardfake is a stateful in-process Steward speaking the real wire
// format: the {ok, data|error} envelope, X-Steward-Key/X-Steward-Tenant and
// agent-token auth, vault signing with policy evaluation (by the same domain
// engine the daemon uses locally), the approval queue, policies and history.
// Knobs reproduce the behaviours of different Steward versions, and faults
// can be injected per route. Serve it with httptest on 127.0.0.1.
package stewardfake

import (
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"time"

	"github.com/agentwallet/agentwallet/domain"
)

// Options set the fake's identity: the tenant and its key, and agents that
// exist from the start.
type Options struct {
	TenantID string                // default "default"
	APIKey   string                // the tenant key clients must send
	Agents   []domain.StewardAgent // pre-existing agents (TenantID is filled in)
	Now      func() time.Time      // the clock for records and time-window rules; default time.Now
}

// Knobs switch version-dependent behaviour. The zero value is not the
// default: use DefaultKnobs.
type Knobs struct {
	ApprovalRequiresAdminSession bool // vault approve/reject answer 403, as Aug 2026 Steward does
	PolicyWriteRequiresAdmin     bool // PUT policies answers 403 for key and token callers
	RequireIdempotencyKey        bool // 428 for a broadcasting sign without Idempotency-Key
	RejectCalldata               bool // 403 without results for a sign that carries calldata
	LegacyListShape              bool // pending and history answer a bare array instead of the wrapper
	OutcomeUnknownOnce           bool // the next approved sign answers 202 outcome-unknown, then resets
	ApproveDrift                 bool // approve answers 409 as if the policy revision changed
	AuthFailureStatus            int  // status for bad credentials: 403 (default) or 401
	Latency                      time.Duration
}

// DefaultKnobs are a permissive current Steward: approvals by API key
// allowed, idempotency keys required, calldata allowed, wrapped lists.
func DefaultKnobs() Knobs {
	return Knobs{RequireIdempotencyKey: true, AuthFailureStatus: http.StatusForbidden}
}

// Fault overrides one route's answer.
type Fault struct {
	Status    int    // answer this status with an error envelope (0: no override)
	Malformed bool   // answer 200 with a body that is not JSON
	Hang      bool   // never answer until the client gives up
	Close     bool   // drop the connection without an answer
	Body      string // with Status: the raw body to send instead of the envelope
	Times     int    // how many requests it affects; 0 means until cleared
}

// Request is one recorded request.
type Request struct {
	Method  string
	Path    string
	Query   url.Values
	Pattern string // the route pattern that matched, e.g. "POST /vault/{id}/sign"
	Header  http.Header
	Body    []byte
}

// Fake is the in-memory Steward. It is safe for concurrent use.
type Fake struct {
	mu       sync.Mutex
	opts     Options
	knobs    Knobs
	faults   map[string]*Fault
	requests []Request
	agents   map[string]*agentState
	tokens   map[string]string // agent token -> agent id
	txs      []*txState        // in creation order
	idem     map[string]idemEntry
	seq      int
	started  time.Time
}

type agentState struct {
	agent    domain.StewardAgent
	policies []storedRule
	revision int
}

type storedRule struct {
	rule      domain.PolicyRule
	createdAt time.Time
}

// New builds a fake with DefaultKnobs.
func New(opts Options) *Fake {
	if opts.TenantID == "" {
		opts.TenantID = "default"
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	f := &Fake{
		opts: opts, knobs: DefaultKnobs(), faults: map[string]*Fault{},
		agents: map[string]*agentState{}, tokens: map[string]string{}, idem: map[string]idemEntry{},
	}
	f.started = opts.Now()
	for _, a := range opts.Agents {
		a.TenantID = opts.TenantID
		if a.CreatedAt.IsZero() {
			a.CreatedAt = f.started
		}
		f.agents[a.ID] = &agentState{agent: a}
	}
	return f
}

// SetKnobs replaces the knobs.
func (f *Fake) SetKnobs(k Knobs) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.knobs = k
}

// Knobs returns the current knobs.
func (f *Fake) Knobs() Knobs {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.knobs
}

// IssueAgentToken makes a bearer token scoped to agentID, as
// POST /agents/:id/token does.
func (f *Fake) IssueAgentToken(agentID string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.issueTokenLocked(agentID)
}

func (f *Fake) issueTokenLocked(agentID string) string {
	f.seq++
	tok := "agent-token-" + agentID + "-" + strconv.Itoa(f.seq)
	f.tokens[tok] = agentID
	return tok
}

// InjectFault makes the route with this pattern (e.g. "POST /vault/{id}/sign")
// misbehave. A zero Fault clears it.
func (f *Fake) InjectFault(pattern string, fault Fault) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if fault == (Fault{}) {
		delete(f.faults, pattern)
		return
	}
	f.faults[pattern] = &fault
}

// Requests returns a copy of every request received so far.
func (f *Fake) Requests() []Request {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]Request(nil), f.requests...)
}

// Count reports how many requests matched the route pattern.
func (f *Fake) Count(pattern string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, r := range f.requests {
		if r.Pattern == pattern {
			n++
		}
	}
	return n
}

// Routes of the fake, as ServeMux patterns; fault injection and Count use them.
const (
	RouteHealth      = "GET /health"
	RouteRoot        = "GET /{$}"
	RouteListAgents  = "GET /agents"
	RouteCreateAgent = "POST /agents"
	RouteGetAgent    = "GET /agents/{id}"
	RouteAgentToken  = "POST /agents/{id}/token"
	RouteGetPolicies = "GET /agents/{id}/policies"
	RoutePutPolicies = "PUT /agents/{id}/policies"
	RouteSign        = "POST /vault/{id}/sign"
	RoutePending     = "GET /vault/{id}/pending"
	RouteApprove     = "POST /vault/{id}/approve/{txId}"
	RouteReject      = "POST /vault/{id}/reject/{txId}"
	RouteHistory     = "GET /vault/{id}/history"
	RouteTxList      = "GET /vault/{id}/transactions"
	RouteTxGet       = "GET /vault/{id}/transactions/{txId}"
)
