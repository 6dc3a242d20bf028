package app

import (
	"context"

	"github.com/agentwallet/agentwallet/domain"
)

// WalletEntry is one wallet in the config view's wallets list.
type WalletEntry struct {
	Source   string // "local" or "cloud"
	Chain    domain.Chain
	Address  string
	Provider string // "local", "privy" or "steward"
	Primary  bool
}

// WalletConfigView is GET /api/wallet/config: which keys are set (never
// their values), the selections, readiness and the wallet's addresses.
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
	WalletSource           string // "local" or "none"
	AutomationMode         string
	PluginEVMLoaded        bool
	PluginEVMRequired      bool
	ExecutionReady         bool
	ExecutionBlockedReason *string
	SolanaSigningAvailable bool
	CloudWalletEnabled     bool              // when false, Wallets and Primary are not shown
	Wallets                []WalletEntry     // local (and, later, cloud) wallets
	Primary                map[string]string // chain -> "local" or "cloud"
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
	wallets, err := s.keys.Wallets(ctx)
	if err != nil {
		return WalletConfigView{}, err
	}
	v := WalletConfigView{
		Selections:         e.Selections,
		Network:            e.Network,
		LegacyCustomChains: []string{},
		AlchemyKeySet:      e.Set(domain.CredAlchemyKey),
		InfuraKeySet:       e.Set(domain.CredInfuraKey),
		AnkrKeySet:         e.Set(domain.CredAnkrKey),
		NodeRealBSCRPCSet:  e.Set(domain.CredNodeRealBSCRPC),
		QuickNodeBSCRPCSet: e.Set(domain.CredQuickNodeBSC),
		HeliusKeySet:       e.Set(domain.CredHeliusKey),
		BirdeyeKeySet:      e.Set(domain.CredBirdeyeKey),
		EVMChains:          domain.EVMChainSlugs(),
		AutomationMode:     automationFull,
		PluginEVMLoaded:    true,
		CloudWalletEnabled: e.cloudWalletEnabled,
		WalletSource:       "none",
	}
	v.EVMBalanceReady = v.AlchemyKeySet ||
		e.Selections.EVM == domain.ProviderInfura && v.InfuraKeySet || e.Selections.EVM == domain.ProviderAnkr && v.AnkrKeySet ||
		e.Set(domain.CredEthereumRPC) || e.Set(domain.CredBaseRPC) || e.Set(domain.CredAvalancheRPC)
	v.SolanaBalanceReady = v.HeliusKeySet
	v.CloudManagedAccess = s.cloudKeySet(ctx) && (e.Selections.EVM == domain.ProviderElizaCloud ||
		e.Selections.BSC == domain.ProviderElizaCloud || e.Selections.Solana == domain.ProviderElizaCloud)
	v.ManagedBSCRPCReady = v.NodeRealBSCRPCSet || v.QuickNodeBSCRPCSet || e.Set(domain.CredBSCRPC) || v.CloudManagedAccess
	if e.Selections.EVM == domain.ProviderElizaCloud && (e.Set(domain.CredEthereumRPC) || e.Set(domain.CredBaseRPC) || e.Set(domain.CredAvalancheRPC)) {
		v.LegacyCustomChains = append(v.LegacyCustomChains, string(domain.FamilyEVM))
	}
	if e.Selections.BSC == domain.ProviderElizaCloud && e.Set(domain.CredBSCRPC) {
		v.LegacyCustomChains = append(v.LegacyCustomChains, string(domain.FamilyBSC))
	}
	if e.Selections.Solana == domain.ProviderElizaCloud && e.Set(domain.CredSolanaRPC) {
		v.LegacyCustomChains = append(v.LegacyCustomChains, string(domain.FamilySolana))
	}
	for _, w := range wallets {
		addr := w.Address
		switch w.Chain {
		case domain.ChainEVM:
			v.EVMAddress = &addr
		case domain.ChainSolana:
			v.SolanaAddress = &addr
		}
		v.WalletSource = "local"
		v.Wallets = append(v.Wallets, WalletEntry{Source: "local", Chain: w.Chain, Address: w.Address, Provider: "local", Primary: true})
	}
	v.PluginEVMRequired = v.EVMAddress != nil
	v.SolanaSigningAvailable = v.SolanaAddress != nil
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
		v.Primary = map[string]string{"evm": "local", "solana": "local"}
		if v.Wallets == nil {
			v.Wallets = []WalletEntry{}
		}
	} else {
		v.Wallets = nil
	}
	return v, nil
}

// SetCloudKeyCheck tells the view whether an Eliza Cloud API key is
// configured (the cloud use cases own that key); without it the view
// assumes none.
func (s *WalletConfigService) SetCloudKeyCheck(f func(context.Context) bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cloudKey = f
}

func (s *WalletConfigService) cloudKeySet(ctx context.Context) bool {
	s.mu.Lock()
	f := s.cloudKey
	s.mu.Unlock()
	return f != nil && f(ctx)
}
