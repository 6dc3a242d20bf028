package stewardfake

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"regexp"
	"sort"

	"github.com/google/uuid"

	"github.com/agentwallet/agentwallet/domain"
)

var agentIDPattern = regexp.MustCompile(`^[A-Za-z0-9_.:-]{1,128}$`)

func (f *Fake) health(w http.ResponseWriter, _ *http.Request, _ []byte) {
	f.mu.Lock()
	uptime := f.opts.Now().Sub(f.started).Seconds()
	f.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]any{"status": "ok", "version": "fake", "uptime": uptime})
}

func (f *Fake) root(w http.ResponseWriter, _ *http.Request, _ []byte) {
	writeJSON(w, http.StatusOK, map[string]any{"name": "steward", "version": "fake", "status": "running"})
}

func agentJSON(a domain.StewardAgent) map[string]any {
	addrs := map[string]any{}
	if a.EVMAddress != "" {
		addrs["evm"] = a.EVMAddress
	}
	if a.SolanaAddress != "" {
		addrs["solana"] = a.SolanaAddress
	}
	return map[string]any{
		"id": a.ID, "tenantId": a.TenantID, "name": a.Name,
		"walletAddress": a.EVMAddress, "walletAddresses": addrs, "createdAt": isoTime(a.CreatedAt),
	}
}

func (f *Fake) listAgents(w http.ResponseWriter, r *http.Request, who principal, _ []byte) {
	limit, offset := pageParams(r)
	f.mu.Lock()
	ids := make([]string, 0, len(f.agents))
	for id := range f.agents {
		if who.agentID == "" || who.agentID == id {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	list := []map[string]any{}
	for i, id := range ids {
		if i >= offset && len(list) < limit {
			list = append(list, agentJSON(f.agents[id].agent))
		}
	}
	f.mu.Unlock()
	writeOK(w, http.StatusOK, map[string]any{"agents": list, "limit": limit, "offset": offset})
}

func (f *Fake) getAgent(w http.ResponseWriter, r *http.Request, _ principal, _ []byte) {
	f.mu.Lock()
	a, ok := f.agents[r.PathValue("id")]
	var out map[string]any
	if ok {
		out = agentJSON(a.agent)
	}
	f.mu.Unlock()
	if !ok {
		writeError(w, http.StatusNotFound, "Agent not found", nil)
		return
	}
	writeOK(w, http.StatusOK, out)
}

func (f *Fake) createAgent(w http.ResponseWriter, _ *http.Request, who principal, body []byte) {
	if who.agentID != "" {
		writeError(w, http.StatusForbidden, "Forbidden: agent tokens cannot create agents", nil)
		return
	}
	var req struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	}
	if json.Unmarshal(body, &req) != nil || !agentIDPattern.MatchString(req.ID) {
		writeError(w, http.StatusBadRequest, "id must be 1-128 characters of [A-Za-z0-9_.:-]", nil)
		return
	}
	if req.Name == "" {
		req.Name = req.ID
	}
	f.mu.Lock()
	if _, exists := f.agents[req.ID]; exists {
		f.mu.Unlock()
		writeError(w, http.StatusConflict, "Agent already exists", nil)
		return
	}
	a := domain.StewardAgent{
		ID: req.ID, TenantID: f.opts.TenantID, Name: req.Name,
		EVMAddress: fakeEVMAddress(req.ID), SolanaAddress: fakeSolanaAddress(req.ID), CreatedAt: f.opts.Now(),
	}
	f.agents[a.ID] = &agentState{agent: a}
	f.mu.Unlock()
	writeOK(w, http.StatusCreated, agentJSON(a))
}

func (f *Fake) agentToken(w http.ResponseWriter, r *http.Request, who principal, _ []byte) {
	id := r.PathValue("id")
	f.mu.Lock()
	_, ok := f.agents[id]
	tok := ""
	if ok && who.agentID == "" {
		tok = f.issueTokenLocked(id)
	}
	tenant := f.opts.TenantID
	f.mu.Unlock()
	switch {
	case !ok:
		writeError(w, http.StatusNotFound, "Agent not found", nil)
	case who.agentID != "":
		writeError(w, http.StatusForbidden, "Forbidden: agent tokens cannot mint tokens", nil)
	default:
		writeOK(w, http.StatusOK, map[string]any{"token": tok, "agentId": id, "tenantId": tenant, "scope": "agent", "expiresIn": "24h"})
	}
}

func rulesJSON(agentID string, rules []storedRule) []map[string]any {
	out := make([]map[string]any, len(rules))
	for i, s := range rules {
		out[i] = map[string]any{
			"id": s.rule.ID, "agentId": agentID, "type": s.rule.Type, "enabled": s.rule.Enabled,
			"config": json.RawMessage(s.rule.Config), "createdAt": isoTime(s.createdAt), "updatedAt": isoTime(s.createdAt),
		}
	}
	return out
}

func (f *Fake) getPolicies(w http.ResponseWriter, r *http.Request, _ principal, _ []byte) {
	id := r.PathValue("id")
	f.mu.Lock()
	a, ok := f.agents[id]
	var out []map[string]any
	if ok {
		out = rulesJSON(id, a.policies)
	}
	f.mu.Unlock()
	if !ok {
		writeError(w, http.StatusNotFound, "Agent not found", nil)
		return
	}
	writeOK(w, http.StatusOK, out)
}

// putPolicies replaces the set. Validation is the domain parser's, which
// checks what Steward's policy-validation checks; the array check comes first
// with Steward's own message.
func (f *Fake) putPolicies(w http.ResponseWriter, r *http.Request, who principal, body []byte) {
	f.mu.Lock()
	adminOnly := f.knobs.PolicyWriteRequiresAdmin
	f.mu.Unlock()
	if who.agentID != "" || adminOnly {
		writeError(w, http.StatusForbidden, "Policy changes require an owner or admin session", nil)
		return
	}
	var items []json.RawMessage
	if json.Unmarshal(body, &items) != nil || items == nil {
		writeError(w, http.StatusBadRequest, "Request body must be a JSON array of policies", nil)
		return
	}
	rules, err := domain.ParsePolicyRules(body)
	if err != nil {
		writeError(w, http.StatusBadRequest, domain.MessageOf(err), nil)
		return
	}
	id := r.PathValue("id")
	f.mu.Lock()
	a, ok := f.agents[id]
	var out []map[string]any
	if ok {
		now := f.opts.Now()
		a.policies = make([]storedRule, len(rules))
		for i, rule := range rules {
			rule.ID = uuid.NewString() // Steward ignores client ids
			a.policies[i] = storedRule{rule: rule, createdAt: now}
		}
		a.revision++
		out = rulesJSON(id, a.policies)
	}
	f.mu.Unlock()
	if !ok {
		writeError(w, http.StatusNotFound, "Agent not found", nil)
		return
	}
	writeOK(w, http.StatusOK, out)
}

// fakeEVMAddress derives a stable address per agent, so tests can predict it.
func fakeEVMAddress(seed string) string {
	sum := sha256.Sum256([]byte("evm:" + seed))
	return "0x" + hex.EncodeToString(sum[:20])
}

// fakeSolanaAddress derives a stable base58 32-byte key per agent.
func fakeSolanaAddress(seed string) string {
	sum := sha256.Sum256([]byte("solana:" + seed))
	sum[0] |= 1 // no leading zero bytes, so the encoding is always 43-44 chars
	return base58(sum[:])
}

func base58(b []byte) string {
	const alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
	digits := []byte{}
	for _, c := range b {
		carry := int(c)
		for i := range digits {
			carry += int(digits[i]) << 8
			digits[i] = byte(carry % 58)
			carry /= 58
		}
		for carry > 0 {
			digits = append(digits, byte(carry%58))
			carry /= 58
		}
	}
	out := make([]byte, len(digits))
	for i, d := range digits {
		out[len(digits)-1-i] = alphabet[d]
	}
	return string(out)
}

// pageParams reads limit and offset with Steward's silent fallbacks.
func pageParams(r *http.Request) (limit, offset int) {
	p := domain.StewardPage{Limit: atoiOr(r.URL.Query().Get("limit"), 0), Offset: atoiOr(r.URL.Query().Get("offset"), 0)}.Normalize()
	return p.Limit, p.Offset
}

func atoiOr(s string, def int) int {
	n := 0
	if s == "" || len(s) > 9 {
		return def
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return def
		}
		n = n*10 + int(s[i]-'0')
	}
	return n
}
