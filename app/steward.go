package app

import (
	"context"
	"log/slog"
	"strings"

	"github.com/agentwallet/agentwallet/domain"
	"github.com/agentwallet/agentwallet/ports"
)

// StewardPorts are the Steward capabilities, usually one client. All are nil
// when Steward is not configured.
type StewardPorts struct {
	Agents    ports.StewardAgents
	Signer    ports.StewardSigner
	Approvals ports.StewardApprovals
	Policies  ports.StewardPolicies
	History   ports.StewardHistory
}

// StewardSettings are the bridge's configuration.
type StewardSettings struct {
	BaseURL         string // empty means Steward is not configured
	AgentID         string // STEWARD_AGENT_ID
	FallbackAgentID string // AGENTWALLET_AGENT_ID, tried before the EVM address
	ChainID         uint64 // the EVM chain signing requests name (56 on mainnet, 97 on testnet)
}

// Steward is the Steward bridge use case group: status, the approval queue,
// policies (Steward's, or the local engine's when Steward is not
// configured), history, delegated wallets and delegated signing.
type Steward struct {
	remote   StewardPorts
	cfg      StewardSettings
	keys     ports.KeyStore
	settings ports.Settings
	local    ports.LocalPolicies
	localTxs ports.LocalApprovals
	executor LocalExecutor // nil until trade/transfer execution registers one
	clock    ports.Clock
	log      *slog.Logger
}

// StewardDeps are the ports the bridge uses.
type StewardDeps struct {
	Remote        StewardPorts // zero when Steward is not configured
	Keys          ports.KeyStore
	Settings      ports.Settings
	LocalPolicies ports.LocalPolicies
	LocalTxs      ports.LocalApprovals
	Clock         ports.Clock
	Logger        *slog.Logger // nil discards
}

// Settings keys the bridge persists: the agent id it created, and the
// addresses Steward holds for it.
const (
	settingStewardAgentID    = "steward.agentId"
	settingStewardEVMAddress = "steward.evmAddress"
	settingStewardSolAddress = "steward.solanaAddress"
)

// NewSteward builds the use case group.
func NewSteward(cfg StewardSettings, d StewardDeps) *Steward {
	if d.Logger == nil {
		d.Logger = slog.New(slog.DiscardHandler)
	}
	return &Steward{remote: d.Remote, cfg: cfg, keys: d.Keys, settings: d.Settings, local: d.LocalPolicies,
		localTxs: d.LocalTxs, clock: d.Clock, log: d.Logger}
}

// Configured reports whether a Steward service is configured (false for a
// nil bridge).
func (s *Steward) Configured() bool { return s != nil && s.cfg.BaseURL != "" && s.remote.Agents != nil }

// errNoStewardAgent is returned when Steward is configured but no agent id
// can be resolved.
var errNoStewardAgent = domain.Errorf(domain.KindUnavailable,
	"no Steward agent: set STEWARD_AGENT_ID, or create a wallet first").WithCode("STEWARD_NOT_CONFIGURED")

// agentID resolves the Steward agent: the configured id, the id the bridge
// created earlier, this agent's id, and finally the local EVM address, as
// the reference does. ok is false when none exists.
func (s *Steward) agentID(ctx context.Context) (id string, ok bool, err error) {
	if c := strings.TrimSpace(s.cfg.AgentID); c != "" {
		return c, true, nil
	}
	stored, found, err := s.settings.Setting(ctx, settingStewardAgentID)
	if err != nil {
		return "", false, err
	}
	if found && stored != "" {
		return stored, true, nil
	}
	if c := strings.TrimSpace(s.cfg.FallbackAgentID); c != "" {
		return c, true, nil
	}
	evm, err := s.localEVMAddress(ctx)
	if err != nil || evm == "" {
		return "", false, err
	}
	return evm, true, nil
}

// requireAgent is agentID for operations that cannot run without Steward.
func (s *Steward) requireAgent(ctx context.Context) (string, error) {
	if !s.Configured() {
		return "", ErrStewardNotConfigured
	}
	id, ok, err := s.agentID(ctx)
	if err != nil {
		return "", err
	}
	if !ok {
		return "", errNoStewardAgent
	}
	return id, nil
}

func (s *Steward) localEVMAddress(ctx context.Context) (string, error) {
	ws, err := s.keys.Wallets(ctx)
	if err != nil {
		return "", err
	}
	for _, w := range ws {
		if w.Chain == domain.ChainEVM {
			return w.Address, nil
		}
	}
	return "", nil
}
