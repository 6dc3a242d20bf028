package app

import (
	"context"

	"github.com/google/uuid"

	"github.com/agentwallet/agentwallet/domain"
)

// GenerateWallets delegates wallet creation to Steward: it fetches the agent,
// creating it (with fresh wallets) when Steward does not know it, and returns
// Steward's addresses for the requested chains. It never falls back to a
// local key: a chain Steward has no wallet for is an error.
func (s *Steward) GenerateWallets(ctx context.Context, chains []domain.Chain) ([]domain.Wallet, error) {
	if !s.Configured() {
		return nil, ErrStewardNotConfigured
	}
	id, ok, err := s.agentID(ctx)
	if err != nil {
		return nil, err
	}
	if !ok {
		id = "agentwallet-" + uuid.NewString()[:8]
	}
	agent, err := s.remote.Agents.Agent(ctx, id)
	if domain.IsKind(err, domain.KindNotFound) {
		agent, err = s.remote.Agents.CreateAgent(ctx, id, id)
		if err == nil {
			s.log.InfoContext(ctx, "steward agent created", "agent", id)
		}
	}
	if err != nil {
		return nil, err
	}
	addrs := map[domain.Chain]string{domain.ChainEVM: agent.EVMAddress, domain.ChainSolana: agent.SolanaAddress}
	out := make([]domain.Wallet, 0, len(chains))
	for _, c := range chains {
		if addrs[c] == "" {
			return nil, domain.Errorf(domain.KindUpstream, "Steward agent %s has no %s wallet", id, c).WithCode("STEWARD_UPSTREAM_ERROR")
		}
		out = append(out, domain.Wallet{Chain: c, Address: addrs[c], CreatedAt: agent.CreatedAt})
	}
	// Remember the agent (a later restart must find the same one) and its
	// addresses, so they can be shown without asking Steward.
	changes := map[string]*string{
		settingStewardEVMAddress: stewardSetting(agent.EVMAddress),
		settingStewardSolAddress: stewardSetting(agent.SolanaAddress),
	}
	if s.cfg.AgentID == "" {
		changes[settingStewardAgentID] = &id
	}
	if err := s.settings.UpdateSettings(ctx, changes); err != nil {
		return nil, err
	}
	return out, nil
}

// StewardAddresses returns the wallet addresses Steward reported when it
// generated the agent's wallets; empty where it has not.
func (s *Steward) StewardAddresses(ctx context.Context) (evm, solana string, err error) {
	evm, _, err = s.settings.Setting(ctx, settingStewardEVMAddress)
	if err != nil {
		return "", "", err
	}
	solana, _, err = s.settings.Setting(ctx, settingStewardSolAddress)
	return evm, solana, err
}

func stewardSetting(v string) *string {
	if v == "" {
		return nil
	}
	return &v
}

// Sign delegates signing of an EVM transaction to Steward on the configured
// chain. A hold is a result (Status pending_approval); a policy rejection is
// an error carrying the results (domain.PolicyRejectionOf). Trade and
// transfer execution use it when Steward is configured.
func (s *Steward) Sign(ctx context.Context, req domain.StewardSignRequest) (domain.StewardSignResult, error) {
	id, err := s.requireAgent(ctx)
	if err != nil {
		return domain.StewardSignResult{}, err
	}
	if req.ChainID == 0 {
		req.ChainID = s.cfg.ChainID
	}
	res, err := s.remote.Signer.Sign(ctx, id, req)
	if err != nil {
		return domain.StewardSignResult{}, err
	}
	s.log.InfoContext(ctx, "steward sign", "agent", id, "status", res.Status, "txId", res.TxID, "hash", res.TxHash)
	return res, nil
}
