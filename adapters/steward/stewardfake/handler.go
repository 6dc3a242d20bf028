package stewardfake

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"time"
)

// Handler serves the fake's routes.
func Handler(f *Fake) http.Handler {
	mux := http.NewServeMux()
	open := func(pattern string, h func(http.ResponseWriter, *http.Request, []byte)) {
		mux.HandleFunc(pattern, f.wrap(pattern, false, func(w http.ResponseWriter, r *http.Request, _ principal, body []byte) { h(w, r, body) }))
	}
	authed := func(pattern string, h func(http.ResponseWriter, *http.Request, principal, []byte)) {
		mux.HandleFunc(pattern, f.wrap(pattern, true, h))
	}
	open(RouteHealth, f.health)
	open(RouteRoot, f.root)
	authed(RouteListAgents, f.listAgents)
	authed(RouteCreateAgent, f.createAgent)
	authed(RouteGetAgent, f.getAgent)
	authed(RouteAgentToken, f.agentToken)
	authed(RouteGetPolicies, f.getPolicies)
	authed(RoutePutPolicies, f.putPolicies)
	authed(RouteSign, f.sign)
	authed(RoutePending, f.pending)
	authed(RouteApprove, f.approve)
	authed(RouteReject, f.reject)
	authed(RouteHistory, f.history)
	authed(RouteTxList, f.transactions)
	authed(RouteTxGet, f.transaction)
	return mux
}

// principal is who a request authenticated as.
type principal struct {
	agentID string // non-empty for an agent token: scoped to that agent
}

const maxRequestBody = 1 << 20

// wrap records the request, applies latency and faults, then checks auth
// (for authed routes) and the agent scope of paths with {id}.
func (f *Fake) wrap(pattern string, authed bool, h func(http.ResponseWriter, *http.Request, principal, []byte)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(io.LimitReader(r.Body, maxRequestBody))
		f.mu.Lock()
		f.requests = append(f.requests, Request{Method: r.Method, Path: r.URL.Path, Query: r.URL.Query(), Pattern: pattern, Header: r.Header.Clone(), Body: body})
		latency := f.knobs.Latency
		fault := f.takeFaultLocked(pattern)
		f.mu.Unlock()

		if latency > 0 {
			select {
			case <-time.After(latency):
			case <-r.Context().Done():
				return
			}
		}
		if fault != nil && f.applyFault(w, r, *fault) {
			return
		}
		var who principal
		if authed {
			var ok bool
			if who, ok = f.authenticate(w, r); !ok {
				return
			}
		}
		h(w, r, who, body)
	}
}

func (f *Fake) takeFaultLocked(pattern string) *Fault {
	fault, ok := f.faults[pattern]
	if !ok {
		return nil
	}
	cp := *fault
	if fault.Times > 0 {
		if fault.Times--; fault.Times == 0 {
			delete(f.faults, pattern)
		}
	}
	return &cp
}

// applyFault answers per the fault; false means carry on normally.
func (f *Fake) applyFault(w http.ResponseWriter, r *http.Request, fault Fault) bool {
	switch {
	case fault.Hang:
		<-r.Context().Done()
		return true
	case fault.Close:
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				_ = conn.Close()
				return true
			}
		}
		panic(http.ErrAbortHandler)
	case fault.Malformed:
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusOK)
		_, _ = io.WriteString(w, `{"ok":true,"data":`)
		return true
	case fault.Status != 0:
		if fault.Body != "" {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(fault.Status)
			_, _ = io.WriteString(w, fault.Body)
			return true
		}
		if fault.Status == http.StatusTooManyRequests {
			w.Header().Set("Retry-After", "1")
		}
		writeError(w, fault.Status, "injected fault: "+http.StatusText(fault.Status), nil)
		return true
	}
	return false
}

// authenticate applies Steward's order: a known agent bearer token (whose
// tenant header, if sent, must match), else the tenant key with the tenant
// header or the default tenant.
func (f *Fake) authenticate(w http.ResponseWriter, r *http.Request) (principal, bool) {
	f.mu.Lock()
	failStatus := f.knobs.AuthFailureStatus
	agentID, tokenOK := "", false
	if tok, found := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); found {
		agentID, tokenOK = f.tokens[tok]
	}
	tenant, key := f.opts.TenantID, f.opts.APIKey
	f.mu.Unlock()
	if failStatus == 0 {
		failStatus = http.StatusForbidden
	}
	hdrTenant := r.Header.Get("X-Steward-Tenant")
	if tokenOK {
		if hdrTenant != "" && hdrTenant != tenant {
			writeError(w, http.StatusForbidden, "Tenant header does not match token", nil)
			return principal{}, false
		}
		if id := r.PathValue("id"); id != "" && id != agentID {
			writeError(w, http.StatusForbidden, "Forbidden: token scope does not match agent", nil)
			return principal{}, false
		}
		return principal{agentID: agentID}, true
	}
	if hdrTenant == "" {
		hdrTenant = "default"
	}
	if key != "" && r.Header.Get("X-Steward-Key") == key && hdrTenant == tenant {
		return principal{}, true
	}
	writeError(w, failStatus, "Forbidden", nil)
	return principal{}, false
}

// writeOK writes {ok:true, data}; a nil data omits the field.
func writeOK(w http.ResponseWriter, status int, data any) {
	body := map[string]any{"ok": true}
	if data != nil {
		body["data"] = data
	}
	writeJSON(w, status, body)
}

// writeError writes {ok:false, error, data?}.
func writeError(w http.ResponseWriter, status int, msg string, data any) {
	body := map[string]any{"ok": false, "error": msg}
	if data != nil {
		body["data"] = data
	}
	writeJSON(w, status, body)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

func isoTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }
