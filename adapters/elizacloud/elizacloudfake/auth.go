package elizacloudfake

import (
	"net/http"
	"time"
)

type keyState uint8

const (
	keyValid keyState = iota + 1
	keyRevoked
	keyInactive
)

type sessionStatus string

const (
	sessionPending       sessionStatus = "pending"
	sessionAuthenticated sessionStatus = "authenticated"
	sessionExpired       sessionStatus = "expired"
)

type session struct {
	created  time.Time
	polls    int
	status   sessionStatus
	key      string
	released bool
}

// createSession is POST /api/auth/cli-session {sessionId}: no auth, 201.
func (f *Fake) createSession(w http.ResponseWriter, r *http.Request) {
	var body struct {
		SessionID any `json:"sessionId"`
	}
	id, ok := "", decodeBody(r, &body)
	if ok {
		id, ok = body.SessionID.(string)
	}
	if !ok || id == "" {
		writeJSON(w, http.StatusBadRequest, map[string]any{"error": "Session ID is required"})
		return
	}
	f.mu.Lock()
	now := f.now()
	f.sessions[id] = &session{created: now, status: sessionPending}
	f.mu.Unlock()
	writeJSON(w, http.StatusCreated, map[string]any{"sessionId": id, "status": "pending", "expiresAt": now.Add(f.opts.SessionTTL).UTC().Format(time.RFC3339Nano)})
}

// pollSession is GET /api/auth/cli-session/:id: pending until the Nth poll,
// which releases the key once; 404 for unknown or expired sessions.
func (f *Fake) pollSession(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	s := f.sessions[r.PathValue("id")]
	if s != nil && s.status == sessionPending && f.now().Sub(s.created) > f.opts.SessionTTL {
		s.status = sessionExpired
	}
	if s == nil || s.status == sessionExpired {
		writeJSON(w, http.StatusNotFound, map[string]any{"error": "Session not found or expired"})
		return
	}
	if s.status == sessionPending {
		s.polls++
		if s.polls < f.opts.PollsUntilAuthenticated {
			writeJSON(w, http.StatusOK, map[string]any{"status": "pending"})
			return
		}
		f.authenticate(s)
	}
	if s.released {
		writeJSON(w, http.StatusOK, map[string]any{"status": "authenticated", "message": "API key already retrieved"})
		return
	}
	s.released = true
	writeJSON(w, http.StatusOK, map[string]any{"status": "authenticated", "apiKey": s.key, "keyPrefix": s.key[:12], "expiresAt": nil})
}

func (f *Fake) authenticate(s *session) {
	s.status = sessionAuthenticated
	s.key = f.mintKeyLocked()
}

func (f *Fake) mintKeyLocked() string {
	k := "eliza_" + randomHex(32)
	f.keys[k] = keyValid
	return k
}

// CompleteSession authenticates a pending session as the browser would; the
// next poll releases the key. It reports whether the session was pending.
func (f *Fake) CompleteSession(id string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	s := f.sessions[id]
	if s == nil || s.status != sessionPending {
		return false
	}
	f.authenticate(s)
	return true
}

// ExpireSession makes a session unknown to later polls.
func (f *Fake) ExpireSession(id string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if s := f.sessions[id]; s != nil {
		s.status = sessionExpired
	}
}

// SessionKey returns the key a session minted, for assertions.
func (f *Fake) SessionKey(id string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	if s := f.sessions[id]; s != nil {
		return s.key
	}
	return ""
}

// MintKey creates a valid API key without a login.
func (f *Fake) MintKey() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.mintKeyLocked()
}

// RevokeKey makes key answer 401 from now on.
func (f *Fake) RevokeKey(key string) { f.setKey(key, keyRevoked) }

// DeactivateKey makes key answer 403 (an inactive key, user or org).
func (f *Fake) DeactivateKey(key string) { f.setKey(key, keyInactive) }

func (f *Fake) setKey(key string, st keyState) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.keys[key] = st
}

// authed wraps a handler that needs an API key (X-API-Key or Bearer).
func (f *Fake) authed(h func(http.ResponseWriter, *http.Request, string)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		key := bearer(r)
		f.mu.Lock()
		st := f.keys[key]
		f.mu.Unlock()
		switch st {
		case keyValid:
			h(w, r, key)
		case keyInactive:
			writeJSON(w, http.StatusForbidden, map[string]any{"success": false, "error": "API key is inactive", "code": "access_denied"})
		default:
			writeJSON(w, http.StatusUnauthorized, map[string]any{"success": false, "error": "Invalid or expired API key", "code": "authentication_required"})
		}
	}
}

func (f *Fake) user(w http.ResponseWriter, _ *http.Request, _ string) {
	f.mu.Lock()
	bal := f.balance
	f.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]any{"success": true, "data": map[string]any{
		"id": "user-123", "email": "agent@example.com", "name": "Agent Owner", "wallet_address": nil,
		"organization": map[string]any{"id": "org-456", "name": "Agent Org", "slug": "agent-org", "credit_balance": bal},
	}})
}
