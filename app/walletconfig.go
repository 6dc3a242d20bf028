package app

import (
	"context"
	"sync"

	"github.com/agentwallet/agentwallet/domain"
	"github.com/agentwallet/agentwallet/ports"
)

// Settings keys of the wallet configuration. Credentials are sealed with
// the keystore before they are stored; an empty sealed value records an
// explicit "cleared", which wins over the config file and environment.
const (
	settingNetwork    = "wallet.network"
	settingSelection  = "wallet.selection."  // + family
	settingCredential = "wallet.credential." // + credential name
	sealPurposePrefix = "wallet.credential/"
)

// WalletConfigBase is the configuration from file and environment that
// stored settings override.
type WalletConfigBase struct {
	Network     domain.WalletNetwork
	Credentials map[domain.ProviderCredential]string
	// HeliusRPCURL builds the Solana RPC URL Helius serves for a key; setting
	// HELIUS_API_KEY sets SOLANA_RPC_URL to it.
	HeliusRPCURL func(key string) string
}

// ProviderSettings is the effective provider configuration: what the
// provider factory builds adapters from.
type ProviderSettings struct {
	Network     domain.WalletNetwork
	Selections  domain.RPCSelections
	Credentials map[domain.ProviderCredential]string // non-empty values only
}

// Set reports whether credential c has a value.
func (p ProviderSettings) Set(c domain.ProviderCredential) bool { return p.Credentials[c] != "" }

// ProviderFactory builds the data-provider ports for settings; it lives in
// the composition root, the only place that knows adapters. Addresses are
// filled in by the caller.
type ProviderFactory func(ProviderSettings) (BalanceSources, error)

// CloudWalletInfo is what the wallet configuration needs from the cloud use
// cases: the cloud wallet view (feature switch, wallets, primaries) and
// whether a cloud API key is in use. *Cloud implements it.
type CloudWalletInfo interface {
	WalletView(ctx context.Context) (WalletView, error)
	HasAPIKey() bool
}

// WalletConfigService reads and changes the wallet configuration (GET/PUT
// /api/wallet/config) and resolves the balance sources from it, so changes
// take effect on the next request, without a restart.
type WalletConfigService struct {
	settings ports.Settings
	sealer   ports.Sealer
	keys     ports.KeyStore
	cloud    CloudWalletInfo // nil: no cloud wallets, no cloud key
	base     WalletConfigBase
	build    ProviderFactory

	updateMu sync.Mutex // serialises read-modify-write of the settings

	mu      sync.Mutex // guards the built providers
	version string
	built   BalanceSources
}

var _ BalanceSourcer = (*WalletConfigService)(nil)

// NewWalletConfigService builds the use case.
func NewWalletConfigService(settings ports.Settings, sealer ports.Sealer, keys ports.KeyStore, cloud CloudWalletInfo, base WalletConfigBase, build ProviderFactory) *WalletConfigService {
	if base.Network == "" {
		base.Network = domain.NetworkMainnet
	}
	return &WalletConfigService{settings: settings, sealer: sealer, keys: keys, cloud: cloud, base: base, build: build}
}
