package app

import (
	"context"

	"github.com/agentwallet/agentwallet/domain"
)

// WalletConfigView is GET /api/wallet/config: which keys are set (never
// their values), the selections, readiness and the primary addresses.
type WalletConfigView struct {
	Selections             domain.RPCSelections
	Network                domain.WalletNetwork
	LegacyCustomChains     []string
	AlchemyKeySet          bool
	InfuraKeySet           bool
	AnkrKeySet             bool
	NodeRealBSCRPCSet      bool
	QuickNodeBSCRPCSet     bool
	ManagedBSCRPCReady     bool
	CloudManagedAccess     bool
	HeliusKeySet           bool
	BirdeyeKeySet          bool
	EVMBalanceReady        bool
	SolanaBalanceReady     bool
	EVMChains              []string
	EVMAddress             *string
	SolanaAddress          *string
	WalletSource           string // "local", "cloud" or "none"
	AutomationMode         string
	PluginEVMLoaded        bool
	PluginEVMRequired      bool
	ExecutionReady         bool
	ExecutionBlockedReason *string
	SolanaSigningAvailable bool
	CloudWalletEnabled     bool // when false, Wallets and Primary are not shown
	Wallets                []domain.WalletEntry
	Primary                map[domain.Chain]domain.WalletSource
}

// automationFull is the only automation mode this daemon has: EVM signing is
// built in, so no connector needs loading.
const automationFull = "full"

// View derives the config view as reference-notes 5.1 describes.
func (s *WalletConfigService) View(ctx context.Context) (WalletConfigView, error) {
	e, err := s.load(ctx)
	if err != nil {
		return WalletConfigView{}, err
	}
	w, err := s.wallets(ctx)
	if err != nil {
		return WalletConfigView{}, err
	}
	v := WalletConfigView{
		Selections:         e.Selections,
		Network:            e.Network,
		LegacyCustomChains: legacyCustomChains(e),
		AlchemyKeySet:      e.Set(domain.CredAlchemyKey),
		InfuraKeySet:       e.Set(domain.CredInfuraKey),
		AnkrKeySet:         e.Set(domain.CredAnkrKey),
		NodeRealBSCRPCSet:  e.Set(domain.CredNodeRealBSCRPC),
		QuickNodeBSCRPCSet: e.Set(domain.CredQuickNodeBSC),
		HeliusKeySet:       e.Set(domain.CredHeliusKey),
		BirdeyeKeySet:      e.Set(domain.CredBirdeyeKey),
		EVMChains:          domain.EVMChainSlugs(),
		EVMAddress:         w.primary.EVM,
		SolanaAddress:      w.primary.Solana,
		AutomationMode:     automationFull,
		PluginEVMLoaded:    true,
		CloudWalletEnabled: w.cloud.Enabled,
	}
	v.EVMBalanceReady = v.AlchemyKeySet ||
		e.Selections.EVM == domain.ProviderInfura && v.InfuraKeySet || e.Selections.EVM == domain.ProviderAnkr && v.AnkrKeySet ||
		e.Set(domain.CredEthereumRPC) || e.Set(domain.CredBaseRPC) || e.Set(domain.CredAvalancheRPC)
	v.SolanaBalanceReady = v.HeliusKeySet
	v.CloudManagedAccess = s.cloud != nil && s.cloud.HasAPIKey() && (e.Selections.EVM == domain.ProviderElizaCloud ||
		e.Selections.BSC == domain.ProviderElizaCloud || e.Selections.Solana == domain.ProviderElizaCloud)
	v.ManagedBSCRPCReady = v.NodeRealBSCRPCSet || v.QuickNodeBSCRPCSet || e.Set(domain.CredBSCRPC) || v.CloudManagedAccess

	cloudPrimary := w.cloud.Enabled && (w.cloud.Primary[domain.ChainEVM] == domain.SourceCloud || w.cloud.Primary[domain.ChainSolana] == domain.SourceCloud)
	switch {
	case cloudPrimary:
		v.WalletSource = "cloud"
	case w.local.EVM != nil || w.local.Solana != nil:
		v.WalletSource = "local"
	default:
		v.WalletSource = "none"
	}
	v.PluginEVMRequired = v.EVMAddress != nil
	v.SolanaSigningAvailable = v.SolanaAddress != nil &&
		(w.local.Solana != nil || w.cloud.Enabled && w.cloud.Primary[domain.ChainSolana] == domain.SourceCloud)
	var blocked string
	switch {
	case v.EVMAddress == nil:
		blocked = "No EVM wallet configured"
	case !v.ManagedBSCRPCReady:
		blocked = "BSC RPC not configured"
	}
	v.ExecutionReady = blocked == ""
	if !v.ExecutionReady {
		v.ExecutionBlockedReason = &blocked
	}
	if v.CloudWalletEnabled {
		v.Wallets, v.Primary = w.cloud.Wallets, w.cloud.Primary
		if v.Wallets == nil {
			v.Wallets = []domain.WalletEntry{}
		}
	}
	return v, nil
}

// legacyCustomChains lists the families still on the default provider while
// a custom RPC URL is set for them.
func legacyCustomChains(e effective) []string {
	out := []string{}
	if e.Selections.EVM == domain.ProviderElizaCloud && (e.Set(domain.CredEthereumRPC) || e.Set(domain.CredBaseRPC) || e.Set(domain.CredAvalancheRPC)) {
		out = append(out, string(domain.FamilyEVM))
	}
	if e.Selections.BSC == domain.ProviderElizaCloud && e.Set(domain.CredBSCRPC) {
		out = append(out, string(domain.FamilyBSC))
	}
	if e.Selections.Solana == domain.ProviderElizaCloud && e.Set(domain.CredSolanaRPC) {
		out = append(out, string(domain.FamilySolana))
	}
	return out
}
