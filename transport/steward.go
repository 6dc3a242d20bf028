package transport

import (
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/agentwallet/agentwallet/app"
	"github.com/agentwallet/agentwallet/domain"
)

type stewardHandlers struct{ app *app.App }

type stewardStatusResponse struct {
	Configured      bool                    `json:"configured"`
	Available       bool                    `json:"available"`
	Connected       bool                    `json:"connected"`
	BaseURL         *string                 `json:"baseUrl"`
	AgentID         *string                 `json:"agentId"`
	EVMAddress      *string                 `json:"evmAddress"`
	Error           *string                 `json:"error"`
	VaultHealth     string                  `json:"vaultHealth,omitempty"`
	AgentName       *string                 `json:"agentName,omitempty"`
	WalletAddresses *stewardWalletAddresses `json:"walletAddresses,omitempty"`
}

type stewardWalletAddresses struct {
	EVM    *string `json:"evm"`
	Solana *string `json:"solana"`
}

func (h stewardHandlers) status(c *gin.Context) {
	st, err := h.app.Steward.Status(c.Request.Context())
	if err != nil {
		writeError(c, err)
		return
	}
	out := stewardStatusResponse{
		Configured: st.Configured, Available: st.Available, Connected: st.Connected,
		BaseURL: st.BaseURL, AgentID: st.AgentID, EVMAddress: st.EVMAddress, Error: st.Error,
		VaultHealth: st.VaultHealth, AgentName: st.AgentName,
	}
	if st.Connected {
		out.WalletAddresses = &stewardWalletAddresses{EVM: st.EVMAddress, Solana: st.SolanaAddress}
	}
	c.JSON(http.StatusOK, out)
}

// policyResultJSON is the spec's {policy, result} with Steward's type,
// policyId and reason kept alongside.
type policyResultJSON struct {
	Policy   string `json:"policy"`
	Result   string `json:"result"`
	Type     string `json:"type"`
	PolicyID string `json:"policyId"`
	Reason   string `json:"reason,omitempty"`
}

// policyResultsJSON renders rule results for responses (approvals here, and
// trade/transfer executions).
func policyResultsJSON(results []domain.PolicyResult) []policyResultJSON {
	out := make([]policyResultJSON, len(results))
	for i, r := range results {
		out[i] = policyResultJSON{Policy: r.Policy(), Result: string(r.Outcome()), Type: string(r.Type), PolicyID: r.PolicyID, Reason: r.Reason}
	}
	return out
}

type txRequestJSON struct {
	To      string  `json:"to"`
	Value   *string `json:"value"`
	Data    string  `json:"data,omitempty"`
	ChainID uint64  `json:"chainId"`
}

// txRecordJSON is Steward's TxRecord shape, with policy results mapped.
type txRecordJSON struct {
	ID            string             `json:"id"`
	AgentID       string             `json:"agentId"`
	Status        string             `json:"status"`
	Request       txRequestJSON      `json:"request"`
	TxHash        *string            `json:"txHash"`
	PolicyResults []policyResultJSON `json:"policyResults"`
	CreatedAt     *string            `json:"createdAt"`
	SignedAt      *string            `json:"signedAt,omitempty"`
	ConfirmedAt   *string            `json:"confirmedAt,omitempty"`
}

func txRecordOut(r domain.StewardTxRecord) txRecordJSON {
	out := txRecordJSON{
		ID: r.ID, AgentID: r.AgentID, Status: string(r.Status),
		Request:       txRequestJSON{To: r.To, ChainID: r.ChainID},
		PolicyResults: policyResultsJSON(r.PolicyResults),
		CreatedAt:     isoOrNil(r.CreatedAt), SignedAt: isoOrNil(r.SignedAt), ConfirmedAt: isoOrNil(r.ConfirmedAt),
	}
	if r.Value != nil {
		v := r.Value.String()
		out.Request.Value = &v
	}
	if len(r.Data) > 0 {
		out.Request.Data = "0x" + hex.EncodeToString(r.Data)
	}
	if r.TxHash != "" {
		out.TxHash = &r.TxHash
	}
	return out
}

type approvalJSON struct {
	QueueID     string       `json:"queueId"`
	Status      string       `json:"status"`
	RequestedAt *string      `json:"requestedAt"`
	Transaction txRecordJSON `json:"transaction"`
}

func (h stewardHandlers) pending(c *gin.Context) {
	list, err := h.app.Steward.StewardPending(c.Request.Context(), pageFromQuery(c))
	if err != nil {
		writeError(c, err)
		return
	}
	out := make([]approvalJSON, len(list))
	for i, a := range list {
		out[i] = approvalJSON{QueueID: a.QueueID, Status: a.Status, RequestedAt: isoOrNil(a.RequestedAt), Transaction: txRecordOut(a.Tx)}
	}
	c.JSON(http.StatusOK, out)
}

type approveRequest struct {
	TxID string `json:"txId"`
}

type approveResponse struct {
	OK       bool   `json:"ok"`
	TxID     string `json:"txId"`
	TxHash   string `json:"txHash,omitempty"`
	SignedTx string `json:"signedTx,omitempty"`
	Status   string `json:"status"`
}

func (h stewardHandlers) approve(c *gin.Context) {
	var req approveRequest
	if err := bindJSON(c, &req); err != nil {
		writeError(c, err)
		return
	}
	res, err := h.app.Steward.StewardApprove(c.Request.Context(), req.TxID)
	if err != nil {
		writeError(c, err)
		return
	}
	status := string(domain.StewardTxBroadcast)
	if res.TxHash == "" {
		status = string(domain.StewardTxSigned)
	}
	c.JSON(http.StatusOK, approveResponse{OK: true, TxID: res.TxID, TxHash: res.TxHash, SignedTx: res.SignedTx, Status: status})
}

type denyRequest struct {
	TxID   string `json:"txId"`
	Reason string `json:"reason"`
}

type denyResponse struct {
	OK     bool   `json:"ok"`
	TxID   string `json:"txId"`
	Status string `json:"status"`
}

func (h stewardHandlers) deny(c *gin.Context) {
	var req denyRequest
	if err := bindJSON(c, &req); err != nil {
		writeError(c, err)
		return
	}
	if err := h.app.Steward.StewardDeny(c.Request.Context(), req.TxID, req.Reason); err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, denyResponse{OK: true, TxID: req.TxID, Status: string(domain.StewardTxRejected)})
}

type policyRuleJSON struct {
	ID        string          `json:"id"`
	Type      string          `json:"type"`
	Enabled   bool            `json:"enabled"`
	Config    json.RawMessage `json:"config"`
	CreatedAt *string         `json:"createdAt,omitempty"`
	UpdatedAt *string         `json:"updatedAt,omitempty"`
}

func (h stewardHandlers) policies(c *gin.Context) {
	rules, err := h.app.Steward.StewardPolicies(c.Request.Context())
	if err != nil {
		writeError(c, err)
		return
	}
	out := make([]policyRuleJSON, len(rules))
	for i, r := range rules {
		out[i] = policyRuleJSON{ID: r.ID, Type: string(r.Type), Enabled: r.Enabled, Config: r.Config,
			CreatedAt: isoOrNil(r.CreatedAt), UpdatedAt: isoOrNil(r.UpdatedAt)}
	}
	c.JSON(http.StatusOK, out)
}

type putPoliciesRequest struct {
	Policies json.RawMessage `json:"policies"`
}

var errPoliciesNotArray = domain.Errorf(domain.KindInvalid, "policies must be an array").WithCode("INVALID_POLICY")

func (h stewardHandlers) putPolicies(c *gin.Context) {
	var req putPoliciesRequest
	if err := bindJSON(c, &req); err != nil {
		writeError(c, err)
		return
	}
	if len(req.Policies) == 0 || req.Policies[0] != '[' {
		writeError(c, errPoliciesNotArray)
		return
	}
	if err := h.app.Steward.SetStewardPolicies(c.Request.Context(), req.Policies); err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"ok": true})
}

type txRecordsResponse struct {
	Records []txRecordJSON `json:"records"`
	Total   int            `json:"total"`
	Offset  int            `json:"offset"`
	Limit   int            `json:"limit"`
}

func (h stewardHandlers) txRecords(c *gin.Context) {
	page := pageFromQuery(c)
	res, err := h.app.Steward.StewardTxRecords(c.Request.Context(), app.StewardTxQuery{Status: c.Query("status"), Limit: page.Limit, Offset: page.Offset})
	if err != nil {
		writeError(c, err)
		return
	}
	out := txRecordsResponse{Records: make([]txRecordJSON, len(res.Records)), Total: res.Total, Offset: res.Offset, Limit: res.Limit}
	for i, r := range res.Records {
		out.Records[i] = txRecordOut(r)
	}
	c.JSON(http.StatusOK, out)
}

// pageFromQuery reads limit and offset; values that are not small
// non-negative integers fall back to the defaults, as Steward does.
func pageFromQuery(c *gin.Context) domain.StewardPage {
	atoi := func(s string) int {
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			return 0
		}
		return n
	}
	return domain.StewardPage{Limit: atoi(c.Query("limit")), Offset: atoi(c.Query("offset"))}
}

func isoOrNil(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := t.UTC().Format(time.RFC3339Nano)
	return &s
}

// heldJSON is the execution (or approval) object of a trade or transfer a
// policy held: {status:"pending_approval", policyResults}.
type heldJSON struct {
	Status        string             `json:"status"`
	PolicyResults []policyResultJSON `json:"policyResults"`
	TxID          string             `json:"txId,omitempty"`
	ApprovalHash  string             `json:"approvalHash,omitempty"`
}

type rejectedJSON struct {
	OK                    bool     `json:"ok"`
	Mode                  string   `json:"mode"`
	Executed              bool     `json:"executed"`
	RequiresUserSignature bool     `json:"requiresUserSignature"`
	Error                 string   `json:"error"`
	Code                  string   `json:"code"`
	Execution             heldJSON `json:"execution"`
}

// writePolicyRejection answers a trade or transfer error: a policy
// rejection in the spec's 403 shape (mode steward, or local for the local
// engine), anything else through writeError.
func writePolicyRejection(c *gin.Context, a *app.App, err error) {
	rej, ok := domain.PolicyRejectionOf(err)
	if !ok || !domain.IsKind(err, domain.KindPolicyDenied) {
		writeError(c, err)
		return
	}
	mode := "local"
	if a.Steward.Configured() {
		mode = "steward"
	}
	c.AbortWithStatusJSON(http.StatusForbidden, rejectedJSON{Mode: mode, Error: domain.MessageOf(err), Code: domain.CodeOf(err),
		Execution: heldJSON{Status: string(domain.StewardTxRejected), PolicyResults: policyResultsJSON(rej.Results), TxID: rej.TxID}})
}
