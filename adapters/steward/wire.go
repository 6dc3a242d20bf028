package steward

import (
	"encoding/hex"
	"encoding/json"
	"math/big"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/agentwallet/agentwallet/domain"
)

// envelope is Steward's reply wrapper: {ok, data} or {ok:false, error, data?}.
type envelope struct {
	OK    *bool           `json:"ok"`
	Data  json.RawMessage `json:"data"`
	Error string          `json:"error"`
}

type agentDTO struct {
	ID              string `json:"id"`
	TenantID        string `json:"tenantId"`
	Name            string `json:"name"`
	WalletAddress   string `json:"walletAddress"`
	WalletAddresses struct {
		EVM    string `json:"evm"`
		Solana string `json:"solana"`
	} `json:"walletAddresses"`
	CreatedAt string `json:"createdAt"`
}

func (a agentDTO) domain() domain.StewardAgent {
	evm := a.WalletAddresses.EVM
	if evm == "" {
		evm = a.WalletAddress
	}
	return domain.StewardAgent{
		ID: a.ID, TenantID: a.TenantID, Name: a.Name,
		EVMAddress: checksumEVM(evm), SolanaAddress: a.WalletAddresses.Solana,
		CreatedAt: parseTime(a.CreatedAt),
	}
}

type createAgentBody struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

type signBody struct {
	To          string `json:"to"`
	Value       string `json:"value"`
	Data        string `json:"data,omitempty"`
	ChainID     uint64 `json:"chainId"`
	Broadcast   bool   `json:"broadcast"`
	Description string `json:"description,omitempty"`
}

// signData covers every data shape of a sign reply: signed, held, rejected
// and broadcast-outcome-unknown.
type signData struct {
	TxID                   string            `json:"txId"`
	TxHash                 string            `json:"txHash"`
	SignedTx               string            `json:"signedTx"`
	Status                 string            `json:"status"`
	Code                   string            `json:"code"`
	ReconciliationRequired bool              `json:"reconciliationRequired"`
	Results                []policyResultDTO `json:"results"`
}

type policyResultDTO struct {
	PolicyID               string `json:"policyId"`
	Type                   string `json:"type"`
	Passed                 bool   `json:"passed"`
	Reason                 string `json:"reason,omitempty"`
	RequiresManualApproval bool   `json:"requiresManualApproval,omitempty"`
}

func resultsDomain(in []policyResultDTO) []domain.PolicyResult {
	out := make([]domain.PolicyResult, len(in))
	for i, r := range in {
		out[i] = domain.PolicyResult{
			PolicyID: r.PolicyID, Type: domain.PolicyType(r.Type), Passed: r.Passed,
			Reason: r.Reason, RequiresManualApproval: r.RequiresManualApproval,
		}
	}
	return out
}

type txRequestDTO struct {
	To      string `json:"to"`
	Value   string `json:"value"`
	Data    string `json:"data"`
	ChainID uint64 `json:"chainId"`
}

type txRecordDTO struct {
	ID            string            `json:"id"`
	AgentID       string            `json:"agentId"`
	Status        string            `json:"status"`
	Request       txRequestDTO      `json:"request"`
	TxHash        string            `json:"txHash"`
	PolicyResults []policyResultDTO `json:"policyResults"`
	CreatedAt     string            `json:"createdAt"`
	SignedAt      string            `json:"signedAt"`
	ConfirmedAt   string            `json:"confirmedAt"`
}

func (t txRecordDTO) domain() domain.StewardTxRecord {
	value, ok := new(big.Int).SetString(t.Request.Value, 10)
	if !ok {
		value = nil // shown as unknown rather than failing the whole list
	}
	return domain.StewardTxRecord{
		ID: t.ID, AgentID: t.AgentID, Status: domain.StewardTxStatus(t.Status),
		To: checksumEVM(t.Request.To), Value: value, Data: decodeHex(t.Request.Data), ChainID: t.Request.ChainID,
		TxHash: t.TxHash, PolicyResults: resultsDomain(t.PolicyResults),
		CreatedAt: parseTime(t.CreatedAt), SignedAt: parseTime(t.SignedAt), ConfirmedAt: parseTime(t.ConfirmedAt),
	}
}

type approvalDTO struct {
	QueueID     string      `json:"queueId"`
	Status      string      `json:"status"`
	RequestedAt string      `json:"requestedAt"`
	Transaction txRecordDTO `json:"transaction"`
}

// pendingPage is the current wrapped shape of the pending list; older
// servers send the bare array.
type pendingPage struct {
	Approvals []approvalDTO `json:"approvals"`
}

// historyPage is the current wrapped shape of history; older servers send the
// bare array.
type historyPage struct {
	Transactions []txRecordDTO `json:"transactions"`
}

type approveData struct {
	TxID     string `json:"txId"`
	TxHash   string `json:"txHash"`
	SignedTx string `json:"signedTx"`
}

type denyBody struct {
	Reason string `json:"reason,omitempty"`
}

type ruleDTO struct {
	ID        string          `json:"id,omitempty"`
	Type      string          `json:"type"`
	Enabled   bool            `json:"enabled"`
	Config    json.RawMessage `json:"config"`
	CreatedAt string          `json:"createdAt,omitempty"`
	UpdatedAt string          `json:"updatedAt,omitempty"`
}

func (r ruleDTO) domain() domain.PolicyRule {
	config := r.Config
	if len(config) == 0 || string(config) == "null" {
		config = json.RawMessage("{}")
	}
	return domain.PolicyRule{
		ID: r.ID, Type: domain.PolicyType(r.Type), Enabled: r.Enabled, Config: config,
		CreatedAt: parseTime(r.CreatedAt), UpdatedAt: parseTime(r.UpdatedAt),
	}
}

func ruleWire(r domain.PolicyRule) ruleDTO {
	config := r.Config
	if len(config) == 0 {
		config = json.RawMessage("{}")
	}
	return ruleDTO{ID: r.ID, Type: string(r.Type), Enabled: r.Enabled, Config: config}
}

// checksumEVM renders an EVM address in EIP-55 form, as every address the
// daemon returns is; anything else is passed through untouched.
func checksumEVM(s string) string {
	if !common.IsHexAddress(s) {
		return s
	}
	return common.HexToAddress(s).Hex()
}

// parseTime reads Steward's ISO timestamps; an absent or odd one is zero.
func parseTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}
	}
	return t
}

func encodeHex(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return "0x" + hex.EncodeToString(b)
}

func decodeHex(s string) []byte {
	b, err := hex.DecodeString(strings.TrimPrefix(strings.TrimPrefix(s, "0x"), "0X"))
	if err != nil {
		return nil
	}
	return b
}
