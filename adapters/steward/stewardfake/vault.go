package stewardfake

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"math/big"
	"net/http"
	"regexp"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/agentwallet/agentwallet/domain"
)

// txState is one vault transaction record.
type txState struct {
	id, agentID string
	status      domain.StewardTxStatus
	to          string
	value       *big.Int
	data        string
	chainID     uint64
	broadcast   bool
	txHash      string
	signedTx    string
	results     []domain.PolicyResult
	createdAt   time.Time
	signedAt    time.Time
	queueID     string // set while it sits in the approval queue
	requestedAt time.Time
	revision    int // the agent's policy revision when it was queued
}

// idemEntry remembers a broadcasting sign's answer under its Idempotency-Key.
type idemEntry struct {
	digest [32]byte
	status int
	body   []byte
}

var (
	evmAddressPattern = regexp.MustCompile(`^0x[0-9a-fA-F]{40}$`)
	uintPattern       = regexp.MustCompile(`^[0-9]{1,78}$`)
)

const defaultChainID = 8453 // Steward's default is Base, which is why clients must send chainId

type signRequest struct {
	To          string          `json:"to"`
	Value       json.RawMessage `json:"value"`
	Data        string          `json:"data"`
	ChainID     *uint64         `json:"chainId"`
	Broadcast   *bool           `json:"broadcast"`
	Description string          `json:"description"`
}

func (f *Fake) sign(w http.ResponseWriter, r *http.Request, _ principal, body []byte) {
	var req signRequest
	if json.Unmarshal(body, &req) != nil {
		writeError(w, http.StatusBadRequest, "Invalid JSON body", nil)
		return
	}
	var value string
	if json.Unmarshal(req.Value, &value) != nil || !uintPattern.MatchString(value) {
		writeError(w, http.StatusBadRequest, "value must be a decimal wei string", nil)
		return
	}
	v, _ := new(big.Int).SetString(value, 10)
	if !evmAddressPattern.MatchString(req.To) || v.BitLen() > 256 {
		writeError(w, http.StatusBadRequest, "to must be an EVM address and value a uint256", nil)
		return
	}
	broadcast := req.Broadcast == nil || *req.Broadcast
	chainID := uint64(defaultChainID)
	if req.ChainID != nil {
		chainID = *req.ChainID
	}
	agentID := r.PathValue("id")
	key := r.Header.Get("Idempotency-Key")

	f.mu.Lock()
	defer f.mu.Unlock()
	a, ok := f.agents[agentID]
	if !ok {
		writeError(w, http.StatusNotFound, "Agent not found", nil)
		return
	}
	// Steward's pre-checks run in this order: calldata gate, then the key.
	if f.knobs.RejectCalldata && req.Data != "" && req.Data != "0x" {
		writeError(w, http.StatusForbidden, "Contract calldata signing is disabled unless selector-specific policy extraction is configured", nil)
		return
	}
	if broadcast && key == "" && f.knobs.RequireIdempotencyKey {
		writeError(w, http.StatusPreconditionRequired, "Broadcast signing requires an Idempotency-Key header", nil)
		return
	}
	digest := sha256.Sum256(body)
	idemKey := agentID + "\x00" + key
	if key != "" {
		if prev, seen := f.idem[idemKey]; seen {
			if prev.digest != digest {
				writeError(w, http.StatusConflict, "Idempotency-Key was already used for a different request", nil)
				return
			}
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(prev.status)
			_, _ = w.Write(prev.body)
			return
		}
	}

	now := f.opts.Now()
	tx := &txState{
		id: uuid.NewString(), agentID: agentID, to: req.To, value: v, data: req.Data,
		chainID: chainID, broadcast: broadcast, createdAt: now,
	}
	rules := make([]domain.PolicyRule, len(a.policies))
	for i, s := range a.policies {
		rules[i] = s.rule
	}
	decision := domain.EvaluatePolicies(rules, domain.PolicyRequest{To: req.To, Value: v, Network: domain.EVMNetwork(chainID)}, f.spendsLocked(agentID), now)
	tx.results = decision.Results
	f.txs = append(f.txs, tx)

	var status int
	var resp map[string]any
	switch decision.Verdict {
	case domain.PolicyReject:
		tx.status = domain.StewardTxRejected
		status = http.StatusForbidden
		resp = map[string]any{"ok": false, "error": "Transaction rejected by policy",
			"data": map[string]any{"txId": tx.id, "results": resultsJSON(tx.results)}}
	case domain.PolicyHold:
		tx.status = domain.StewardTxPending
		tx.queueID, tx.requestedAt, tx.revision = uuid.NewString(), now, a.revision
		status = http.StatusAccepted
		resp = map[string]any{"ok": false, "error": "Transaction requires manual approval",
			"data": map[string]any{"txId": tx.id, "results": resultsJSON(tx.results), "status": "pending_approval"}}
	default:
		f.executeLocked(tx, now)
		status = http.StatusOK
		resp = map[string]any{"ok": true, "data": signedJSON(tx)}
		if f.knobs.OutcomeUnknownOnce && broadcast {
			f.knobs.OutcomeUnknownOnce = false
			tx.status = domain.StewardTxOutcomeUnknown
			status = http.StatusAccepted
			resp = map[string]any{"ok": false, "error": "Broadcast outcome unknown", "data": map[string]any{
				"code": "external_broadcast_outcome_unknown", "reconciliationRequired": true, "txId": tx.id, "txHash": tx.txHash}}
		}
	}
	var buf bytes.Buffer
	_ = json.NewEncoder(&buf).Encode(resp)
	if key != "" {
		f.idem[idemKey] = idemEntry{digest: digest, status: status, body: buf.Bytes()}
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// executeLocked signs (and "broadcasts") a transaction.
func (f *Fake) executeLocked(tx *txState, now time.Time) {
	tx.signedAt = now
	tx.queueID = ""
	sum := sha256.Sum256([]byte("tx:" + tx.id))
	if tx.broadcast {
		tx.status = domain.StewardTxBroadcast
		tx.txHash = "0x" + hex.EncodeToString(sum[:])
		return
	}
	tx.status = domain.StewardTxSigned
	tx.signedTx = "0x02" + hex.EncodeToString(sum[:])
}

func signedJSON(tx *txState) map[string]any {
	if tx.broadcast {
		return map[string]any{"txId": tx.id, "txHash": tx.txHash}
	}
	return map[string]any{"txId": tx.id, "signedTx": tx.signedTx}
}

// spendsLocked lists the agent's executed transactions, which count against
// spending and rate limits.
func (f *Fake) spendsLocked(agentID string) []domain.PolicySpend {
	var out []domain.PolicySpend
	for _, tx := range f.txs {
		if tx.agentID != agentID {
			continue
		}
		switch tx.status {
		case domain.StewardTxBroadcast, domain.StewardTxSigned, domain.StewardTxApproved,
			domain.StewardTxConfirmed, domain.StewardTxOutcomeUnknown:
			out = append(out, domain.PolicySpend{At: tx.signedAt, Network: domain.EVMNetwork(tx.chainID), Value: tx.value})
		}
	}
	return out
}

func resultsJSON(results []domain.PolicyResult) []map[string]any {
	out := make([]map[string]any, len(results))
	for i, r := range results {
		m := map[string]any{"policyId": r.PolicyID, "type": r.Type, "passed": r.Passed}
		if r.Reason != "" {
			m["reason"] = r.Reason
		}
		out[i] = m
	}
	return out
}

func txJSON(tx *txState) map[string]any {
	req := map[string]any{"agentId": tx.agentID, "tenantId": "", "to": tx.to, "value": tx.value.String(), "chainId": tx.chainID}
	if tx.data != "" {
		req["data"] = tx.data
	}
	m := map[string]any{
		"id": tx.id, "agentId": tx.agentID, "status": tx.status, "request": req,
		"policyResults": resultsJSON(tx.results), "createdAt": isoTime(tx.createdAt),
	}
	if tx.txHash != "" {
		m["txHash"] = tx.txHash
	}
	if !tx.signedAt.IsZero() {
		m["signedAt"] = isoTime(tx.signedAt)
	}
	return m
}

// agentTxsLocked lists an agent's records newest first (creation order
// reversed, which is createdAt then id descending for a monotonic clock).
func (f *Fake) agentTxsLocked(agentID string, keep func(*txState) bool) []*txState {
	var out []*txState
	for i := len(f.txs) - 1; i >= 0; i-- {
		if tx := f.txs[i]; tx.agentID == agentID && keep(tx) {
			out = append(out, tx)
		}
	}
	return out
}

func pageOf[T any](items []T, limit, offset int) []T {
	if offset >= len(items) {
		return []T{}
	}
	return items[offset:min(len(items), offset+limit)]
}

func (f *Fake) pending(w http.ResponseWriter, r *http.Request, _ principal, _ []byte) {
	limit, offset := pageParams(r)
	agentID := r.PathValue("id")
	f.mu.Lock()
	_, ok := f.agents[agentID]
	legacy := f.knobs.LegacyListShape
	items := []map[string]any{}
	for _, tx := range pageOf(f.agentTxsLocked(agentID, func(tx *txState) bool { return tx.status == domain.StewardTxPending }), limit, offset) {
		items = append(items, map[string]any{"queueId": tx.queueID, "status": "pending", "requestedAt": isoTime(tx.requestedAt), "transaction": txJSON(tx)})
	}
	f.mu.Unlock()
	switch {
	case !ok:
		writeError(w, http.StatusNotFound, "Agent not found", nil)
	case legacy:
		writeOK(w, http.StatusOK, items)
	default:
		writeOK(w, http.StatusOK, map[string]any{"approvals": items, "limit": limit, "offset": offset})
	}
}

func (f *Fake) approve(w http.ResponseWriter, r *http.Request, who principal, _ []byte) {
	f.resolve(w, r, who, true)
}

func (f *Fake) reject(w http.ResponseWriter, r *http.Request, who principal, _ []byte) {
	f.resolve(w, r, who, false)
}

// resolve approves or rejects a queued transaction.
func (f *Fake) resolve(w http.ResponseWriter, r *http.Request, who principal, approve bool) {
	agentID, txID := r.PathValue("id"), r.PathValue("txId")
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.knobs.ApprovalRequiresAdminSession || who.agentID != "" {
		writeError(w, http.StatusForbidden, "Transaction approval requires owner or admin session", nil)
		return
	}
	a, ok := f.agents[agentID]
	if !ok {
		writeError(w, http.StatusNotFound, "Agent not found", nil)
		return
	}
	var tx *txState
	for _, t := range f.txs {
		if t.id == txID && t.agentID == agentID {
			tx = t
		}
	}
	switch {
	case tx == nil:
		writeError(w, http.StatusNotFound, "Transaction not found", nil)
		return
	case tx.status != domain.StewardTxPending:
		writeError(w, http.StatusConflict, "Transaction already processed or not found", nil)
		return
	}
	if !approve {
		tx.status, tx.queueID = domain.StewardTxRejected, ""
		writeOK(w, http.StatusOK, nil)
		return
	}
	if f.knobs.ApproveDrift || tx.revision != a.revision {
		writeError(w, http.StatusConflict, "Policy revision changed since the transaction was queued; resubmit it", nil)
		return
	}
	f.executeLocked(tx, f.opts.Now())
	writeOK(w, http.StatusOK, signedJSON(tx))
}

func (f *Fake) history(w http.ResponseWriter, r *http.Request, _ principal, _ []byte) {
	f.listTxs(w, r, func(*txState) bool { return true })
}

func (f *Fake) transactions(w http.ResponseWriter, r *http.Request, _ principal, _ []byte) {
	status := r.URL.Query().Get("status")
	if status == "" {
		f.listTxs(w, r, func(*txState) bool { return true })
		return
	}
	st, err := domain.ParseStewardTxStatus(status)
	if err != nil || !strings.EqualFold(string(st), status) {
		writeError(w, http.StatusBadRequest, "Invalid status filter", nil)
		return
	}
	f.listTxs(w, r, func(tx *txState) bool { return tx.status == st })
}

func (f *Fake) listTxs(w http.ResponseWriter, r *http.Request, keep func(*txState) bool) {
	limit, offset := pageParams(r)
	agentID := r.PathValue("id")
	f.mu.Lock()
	_, ok := f.agents[agentID]
	legacy := f.knobs.LegacyListShape
	items := []map[string]any{}
	for _, tx := range pageOf(f.agentTxsLocked(agentID, keep), limit, offset) {
		items = append(items, txJSON(tx))
	}
	f.mu.Unlock()
	switch {
	case !ok:
		writeError(w, http.StatusNotFound, "Agent not found", nil)
	case legacy:
		writeOK(w, http.StatusOK, items)
	default:
		writeOK(w, http.StatusOK, map[string]any{"transactions": items, "limit": limit, "offset": offset})
	}
}

func (f *Fake) transaction(w http.ResponseWriter, r *http.Request, _ principal, _ []byte) {
	agentID, txID := r.PathValue("id"), r.PathValue("txId")
	f.mu.Lock()
	var out map[string]any
	for _, tx := range f.txs {
		if tx.id == txID && tx.agentID == agentID {
			out = txJSON(tx)
		}
	}
	f.mu.Unlock()
	if out == nil {
		writeError(w, http.StatusNotFound, "Transaction not found", nil)
		return
	}
	writeOK(w, http.StatusOK, out)
}
