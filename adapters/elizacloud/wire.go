package elizacloud

import (
	"encoding/json"
	"errors"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/agentwallet/agentwallet/domain"
)

// The cloud's JSON shapes, as in design/upstreams.md part 2. They stay
// unexported: only domain types leave this package.

type createSessionRequest struct {
	SessionID string `json:"sessionId"`
}

type sessionPollDTO struct {
	Status string `json:"status"`
	APIKey string `json:"apiKey"`
}

// parseSessionPoll reads GET /api/auth/cli-session/:id. A released key that
// is not a valid key is malformed, not a success.
func parseSessionPoll(b []byte) (domain.CloudSessionPoll, error) {
	var d sessionPollDTO
	if err := json.Unmarshal(b, &d); err != nil {
		return domain.CloudSessionPoll{}, err
	}
	p := domain.CloudSessionPoll{State: domain.ParseCloudSessionState(d.Status)}
	if d.APIKey != "" {
		k, err := domain.NewCloudAPIKey(d.APIKey)
		if err != nil {
			return domain.CloudSessionPoll{}, errors.New("session released an unusable API key")
		}
		p.APIKey = k
	}
	return p, nil
}

type userDTO struct {
	Data *struct {
		ID           string `json:"id"`
		Organization *struct {
			ID string `json:"id"`
		} `json:"organization"`
	} `json:"data"`
}

func parseUser(b []byte) (domain.CloudAccount, error) {
	var d userDTO
	if err := json.Unmarshal(b, &d); err != nil {
		return domain.CloudAccount{}, err
	}
	if d.Data == nil || d.Data.ID == "" {
		return domain.CloudAccount{}, errors.New("no user id")
	}
	a := domain.CloudAccount{UserID: d.Data.ID}
	if d.Data.Organization != nil {
		a.OrganizationID = d.Data.Organization.ID
	}
	return a, nil
}

type balanceDTO struct {
	Balance *domain.USD `json:"balance"`
	Data    *struct {
		Balance *domain.USD `json:"balance"`
	} `json:"data"`
}

// parseBalance reads {balance} or {data: {balance}}; a missing or null
// balance is malformed, never zero.
func parseBalance(b []byte) (domain.USD, error) {
	var d balanceDTO
	if err := json.Unmarshal(b, &d); err != nil {
		return domain.USD{}, err
	}
	switch {
	case d.Balance != nil:
		return *d.Balance, nil
	case d.Data != nil && d.Data.Balance != nil:
		return *d.Data.Balance, nil
	}
	return domain.USD{}, errors.New("no balance")
}

type summaryDTO struct {
	Organization *struct {
		CreditBalance      *domain.USD `json:"creditBalance"`
		AutoTopUpEnabled   bool        `json:"autoTopUpEnabled"`
		AutoTopUpThreshold *domain.USD `json:"autoTopUpThreshold"`
		AutoTopUpAmount    *domain.USD `json:"autoTopUpAmount"`
		HasPaymentMethod   bool        `json:"hasPaymentMethod"`
	} `json:"organization"`
	Pricing *struct {
		MinimumTopUp *domain.USD `json:"minimumTopUp"`
		X402Enabled  bool        `json:"x402Enabled"`
	} `json:"pricing"`
}

func parseSummary(b []byte) (domain.BillingSummary, error) {
	var d summaryDTO
	if err := json.Unmarshal(b, &d); err != nil {
		return domain.BillingSummary{}, err
	}
	if d.Organization == nil {
		return domain.BillingSummary{}, errors.New("no organization")
	}
	o := d.Organization
	s := domain.BillingSummary{
		HasPaymentMethod:   o.HasPaymentMethod,
		AutoTopUpEnabled:   o.AutoTopUpEnabled,
		AutoTopUpAmount:    o.AutoTopUpAmount,
		AutoTopUpThreshold: o.AutoTopUpThreshold,
	}
	if o.CreditBalance != nil {
		s.Balance = *o.CreditBalance
	}
	if d.Pricing != nil {
		s.MinimumTopUp, s.X402Enabled = d.Pricing.MinimumTopUp, d.Pricing.X402Enabled
	}
	return s, nil
}

type cryptoStatusDTO struct {
	Enabled *bool `json:"enabled"`
}

func parseCryptoStatus(b []byte) (domain.CryptoPaymentStatus, error) {
	var d cryptoStatusDTO
	if err := json.Unmarshal(b, &d); err != nil {
		return domain.CryptoPaymentStatus{}, err
	}
	if d.Enabled == nil {
		return domain.CryptoPaymentStatus{}, errors.New("no enabled flag")
	}
	return domain.CryptoPaymentStatus{Enabled: *d.Enabled}, nil
}

type transactionsDTO struct {
	Transactions []struct {
		ID                    string     `json:"id"`
		Amount                domain.USD `json:"amount"`
		Type                  string     `json:"type"`
		Description           string     `json:"description"`
		StripePaymentIntentID *string    `json:"stripe_payment_intent_id"`
		CreatedAt             string     `json:"created_at"`
	} `json:"transactions"`
	Total  int `json:"total"`
	Period struct {
		Start string `json:"start"`
		End   string `json:"end"`
	} `json:"period"`
}

func parseTransactions(b []byte) (domain.BillingHistory, error) {
	var d transactionsDTO
	if err := json.Unmarshal(b, &d); err != nil {
		return domain.BillingHistory{}, err
	}
	h := domain.BillingHistory{Total: d.Total, PeriodStart: d.Period.Start, PeriodEnd: d.Period.End}
	h.Transactions = make([]domain.BillingTransaction, 0, len(d.Transactions))
	for _, t := range d.Transactions {
		tx := domain.BillingTransaction{ID: t.ID, Type: t.Type, Amount: t.Amount, Description: t.Description, CreatedAt: t.CreatedAt}
		if t.StripePaymentIntentID != nil {
			tx.PaymentIntentID = *t.StripePaymentIntentID
		}
		h.Transactions = append(h.Transactions, tx)
	}
	return h, nil
}

type checkoutRequestDTO struct {
	Credits    domain.USD `json:"credits"`
	SuccessURL string     `json:"success_url"`
	CancelURL  string     `json:"cancel_url"`
}

type checkoutDTO struct {
	URL         string `json:"url"`
	CheckoutURL string `json:"checkoutUrl"`
	SessionID   string `json:"sessionId"`
}

func parseCheckout(b []byte) (domain.CheckoutSession, error) {
	var d checkoutDTO
	if err := json.Unmarshal(b, &d); err != nil {
		return domain.CheckoutSession{}, err
	}
	u := d.URL
	if u == "" {
		u = d.CheckoutURL
	}
	if u == "" {
		return domain.CheckoutSession{}, errors.New("no checkout url")
	}
	return domain.CheckoutSession{URL: u, SessionID: d.SessionID}, nil
}

type cryptoPaymentRequestDTO struct {
	Amount      domain.USD `json:"amount"`
	PayCurrency string     `json:"payCurrency"`
	Network     string     `json:"network,omitempty"`
}

type cryptoPaymentDTO struct {
	PaymentID    string          `json:"paymentId"`
	TrackID      string          `json:"trackId"`
	PayLink      string          `json:"payLink"`
	ExpiresAt    string          `json:"expiresAt"`
	CreditsToAdd json.RawMessage `json:"creditsToAdd"`
}

func parseCryptoPayment(b []byte) (domain.CryptoQuote, error) {
	var d cryptoPaymentDTO
	if err := json.Unmarshal(b, &d); err != nil {
		return domain.CryptoQuote{}, err
	}
	if d.PayLink == "" || (d.PaymentID == "" && d.TrackID == "") {
		return domain.CryptoQuote{}, errors.New("no payment link or id")
	}
	q := domain.CryptoQuote{PaymentID: d.PaymentID, TrackID: d.TrackID, PayLink: d.PayLink, ExpiresAt: d.ExpiresAt}
	if len(d.CreditsToAdd) > 0 && string(d.CreditsToAdd) != "null" {
		// Keep the cloud's own rendering ("25.000") when it is a valid amount.
		var s string
		if json.Unmarshal(d.CreditsToAdd, &s) != nil {
			s = string(d.CreditsToAdd)
		}
		if _, err := domain.ParseUSD(s); err != nil {
			return domain.CryptoQuote{}, errors.New("bad creditsToAdd")
		}
		q.CreditsToAdd = s
	}
	return q, nil
}

// envelope is the {success, data, error} wrapper of the agent and wallet
// routes.
type envelope[T any] struct {
	Success bool `json:"success"`
	Data    *T   `json:"data"`
}

func parseEnvelope[T any](b []byte) (T, error) {
	var e envelope[T]
	var zero T
	if err := json.Unmarshal(b, &e); err != nil {
		return zero, err
	}
	if e.Data == nil {
		return zero, errors.New("no data")
	}
	return *e.Data, nil
}

type agentDTO struct {
	ID        string `json:"id"`
	AgentName string `json:"agentName"`
	Status    string `json:"status"`
	CreatedAt string `json:"createdAt"`
}

func (d agentDTO) toDomain() (domain.CloudAgent, error) {
	id, err := domain.ParseCloudAgentID(d.ID)
	if err != nil {
		return domain.CloudAgent{}, err
	}
	a := domain.CloudAgent{ID: id, Name: d.AgentName, Status: domain.CloudAgentStatus(d.Status)}
	if d.CreatedAt != "" {
		if t, err := time.Parse(time.RFC3339Nano, d.CreatedAt); err == nil {
			a.CreatedAt = t.UTC()
		}
	}
	return a, nil
}

func parseAgent(b []byte) (domain.CloudAgent, error) {
	d, err := parseEnvelope[agentDTO](b)
	if err != nil {
		return domain.CloudAgent{}, err
	}
	return d.toDomain()
}

func parseAgents(b []byte) ([]domain.CloudAgent, error) {
	ds, err := parseEnvelope[[]agentDTO](b)
	if err != nil {
		return nil, err
	}
	out := make([]domain.CloudAgent, 0, len(ds))
	for _, d := range ds {
		a, err := d.toDomain()
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, nil
}

type createAgentDTO struct {
	AgentName       string            `json:"agentName"`
	AgentConfig     json.RawMessage   `json:"agentConfig,omitempty"`
	EnvironmentVars map[string]string `json:"environmentVars,omitempty"`
}

type provisionDTO struct {
	JobID  string `json:"jobId"`
	Status string `json:"status"`
}

// parseProvision reads a provision answer: 200 with the running agent, or
// 202/409 with the job to follow.
func parseProvision(status int, b []byte) (domain.CloudProvisioning, error) {
	d, err := parseEnvelope[provisionDTO](b)
	if err != nil {
		return domain.CloudProvisioning{}, err
	}
	if d.JobID != "" {
		return domain.CloudProvisioning{JobID: d.JobID}, nil
	}
	if status == 200 && d.Status == string(domain.AgentRunning) {
		return domain.CloudProvisioning{Running: true}, nil
	}
	return domain.CloudProvisioning{}, errors.New("neither running nor a job")
}

type jobDTO struct {
	ID     string `json:"id"`
	Status string `json:"status"`
	Error  string `json:"error"`
}

func parseJob(b []byte) (domain.CloudJob, error) {
	d, err := parseEnvelope[jobDTO](b)
	if err != nil {
		return domain.CloudJob{}, err
	}
	switch s := domain.CloudJobStatus(d.Status); s {
	case domain.JobPending, domain.JobInProgress, domain.JobCompleted, domain.JobFailed:
		return domain.CloudJob{ID: d.ID, Status: s, Error: d.Error}, nil
	}
	return domain.CloudJob{}, errors.New("unknown job status")
}

type rpcRequest struct {
	JSONRPC string `json:"jsonrpc"`
	ID      int    `json:"id"`
	Method  string `json:"method"`
}

type rpcResponse struct {
	Result json.RawMessage `json:"result"`
	Error  *struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// parseRPC reads a JSON-RPC 2.0 reply, which must carry a result or an
// error.
func parseRPC(b []byte) (rpcResponse, error) {
	var r rpcResponse
	if err := json.Unmarshal(b, &r); err != nil {
		return rpcResponse{}, err
	}
	if r.Error == nil && len(r.Result) == 0 {
		return rpcResponse{}, errors.New("neither result nor error")
	}
	return r, nil
}

type agentWalletDTO struct {
	WalletAddress   *string           `json:"walletAddress"`
	WalletAddresses map[string]string `json:"walletAddresses"`
	WalletProvider  *string           `json:"walletProvider"`
	WalletID        string            `json:"agentWalletId"`
}

// parseAgentWallet picks the chain's address: walletAddresses[chain] when
// present, else walletAddress when it looks like an address of that chain.
// No match is a missing wallet (KindNotFound), not a malformed answer.
func parseAgentWallet(b []byte, chain domain.Chain) (domain.CloudWallet, error) {
	d, err := parseEnvelope[agentWalletDTO](b)
	if err != nil {
		return domain.CloudWallet{}, err
	}
	addr := d.WalletAddresses[string(chain)]
	if addr == "" && d.WalletAddress != nil {
		addr = *d.WalletAddress
	}
	provider := ""
	if d.WalletProvider != nil {
		provider = *d.WalletProvider
	}
	w, err := domain.NewCloudWallet(chain, addr, domain.ParseCloudWalletProvider(provider), d.WalletID)
	return checksummed(w), err
}

// checksummed renders an EVM wallet's address in EIP-55 form, as every
// address the daemon shows.
func checksummed(w domain.CloudWallet) domain.CloudWallet {
	if w.Chain == domain.ChainEVM && w.Address != "" {
		w.Address = common.HexToAddress(w.Address).Hex()
	}
	return w
}

type provisionWalletRequestDTO struct {
	ChainType     string `json:"chainType"`
	ClientAddress string `json:"clientAddress"`
}

type provisionedWalletDTO struct {
	ID        string `json:"id"`
	Address   string `json:"address"`
	ChainType string `json:"chainType"`
	Provider  string `json:"provider"`
}

func parseProvisionedWallet(b []byte, chain domain.Chain) (domain.CloudWallet, error) {
	d, err := parseEnvelope[provisionedWalletDTO](b)
	if err != nil {
		return domain.CloudWallet{}, err
	}
	if d.ChainType != "" && d.ChainType != string(chain) {
		return domain.CloudWallet{}, errors.New("wallet for another chain")
	}
	w, err := domain.NewCloudWallet(chain, d.Address, domain.ParseCloudWalletProvider(d.Provider), d.ID)
	if err != nil {
		return domain.CloudWallet{}, errors.New("provisioned wallet has no valid address")
	}
	return checksummed(w), nil
}
