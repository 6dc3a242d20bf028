package app

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"sort"
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

// effective is the configuration after stored settings are applied.
type effective struct {
	ProviderSettings
	selectionsStored bool
}

// load merges stored settings over the base configuration.
func (s *WalletConfigService) load(ctx context.Context) (effective, error) {
	stored, err := s.settings.AllSettings(ctx)
	if err != nil {
		return effective{}, err
	}
	e := effective{ProviderSettings: ProviderSettings{Network: s.base.Network, Credentials: map[domain.ProviderCredential]string{}}}
	for c, v := range s.base.Credentials {
		if v != "" {
			e.Credentials[c] = v
		}
	}
	for _, c := range domain.ProviderCredentials {
		raw, ok := stored[settingCredential+string(c)]
		if !ok {
			continue
		}
		v, err := s.open(c, raw)
		if err != nil {
			return effective{}, err
		}
		if v == "" {
			delete(e.Credentials, c)
		} else {
			e.Credentials[c] = v
		}
	}
	if n, ok := stored[settingNetwork]; ok {
		if net, err := domain.ParseWalletNetwork(n); err == nil {
			e.Network = net
		}
	}
	e.Selections = domain.InferRPCSelections(e.Set)
	for _, f := range domain.RPCFamilies {
		v, ok := stored[settingSelection+string(f)]
		if !ok {
			continue
		}
		e.selectionsStored = true
		p := domain.NormalizeRPCProvider(f, v)
		switch f {
		case domain.FamilyEVM:
			e.Selections.EVM = p
		case domain.FamilyBSC:
			e.Selections.BSC = p
		case domain.FamilySolana:
			e.Selections.Solana = p
		}
	}
	return e, nil
}

// Credential returns the effective value of c ("" when unset), for other
// use cases that need a provider URL or key (BSC RPC, Solana RPC).
func (s *WalletConfigService) Credential(ctx context.Context, c domain.ProviderCredential) (string, error) {
	e, err := s.load(ctx)
	if err != nil {
		return "", err
	}
	return e.Credentials[c], nil
}

// Network returns the effective wallet network (PUT /api/wallet/config can
// change it at run time), for use cases that pick chains or endpoints by it.
func (s *WalletConfigService) Network(ctx context.Context) (domain.WalletNetwork, error) {
	e, err := s.load(ctx)
	if err != nil {
		return "", err
	}
	return e.Network, nil
}

// BalanceSources builds (or reuses) the providers for the effective
// configuration and adds the wallet's addresses.
func (s *WalletConfigService) BalanceSources(ctx context.Context) (BalanceSources, error) {
	e, err := s.load(ctx)
	if err != nil {
		return BalanceSources{}, err
	}
	version := e.version()
	s.mu.Lock()
	if s.version != version {
		built, err := s.build(e.ProviderSettings)
		if err != nil {
			s.mu.Unlock()
			return BalanceSources{}, err
		}
		s.version, s.built = version, built
	}
	src := s.built
	s.mu.Unlock()
	src.Version, src.Network = version, e.Network
	w, err := s.wallets(ctx)
	if err != nil {
		return BalanceSources{}, err
	}
	src.EVMAddress, src.SolanaAddress = addrOrEmpty(w.primary.EVM), addrOrEmpty(w.primary.Solana)
	return src, nil
}

// walletsNow is the local keys' addresses and, with the cloud wallet
// feature on, the cloud view whose primaries replace them.
type walletsNow struct {
	local   Addresses
	primary Addresses
	cloud   WalletView
}

func (s *WalletConfigService) wallets(ctx context.Context) (walletsNow, error) {
	ws, err := s.keys.Wallets(ctx)
	if err != nil {
		return walletsNow{}, err
	}
	var st walletsNow
	for _, w := range ws {
		addr := w.Address
		switch w.Chain {
		case domain.ChainEVM:
			st.local.EVM = &addr
		case domain.ChainSolana:
			st.local.Solana = &addr
		}
	}
	st.primary = st.local
	if s.cloud != nil {
		if st.cloud, err = s.cloud.WalletView(ctx); err != nil {
			return walletsNow{}, err
		}
		if st.cloud.Enabled {
			st.primary = Addresses{EVM: st.cloud.EVMAddress, Solana: st.cloud.SolanaAddress}
		}
	}
	return st, nil
}

func addrOrEmpty(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// version fingerprints the effective configuration; a hash, so no
// credential shows in cache keys.
func (e effective) version() string {
	h := sha256.New()
	h.Write([]byte(string(e.Network) + "|" + string(e.Selections.EVM) + "|" + string(e.Selections.BSC) + "|" + string(e.Selections.Solana)))
	names := make([]string, 0, len(e.Credentials))
	for c := range e.Credentials {
		names = append(names, string(c))
	}
	sort.Strings(names)
	for _, n := range names {
		h.Write([]byte("|" + n + "=" + e.Credentials[domain.ProviderCredential(n)]))
	}
	return hex.EncodeToString(h.Sum(nil)[:12])
}

func (s *WalletConfigService) seal(c domain.ProviderCredential, v string) (string, error) {
	sealed, err := s.sealer.Seal(sealPurposePrefix+string(c), []byte(v))
	if err != nil {
		return "", err
	}
	return base64.StdEncoding.EncodeToString(sealed), nil
}

func (s *WalletConfigService) open(c domain.ProviderCredential, stored string) (string, error) {
	raw, err := base64.StdEncoding.DecodeString(stored)
	if err != nil {
		return "", domain.Errorf(domain.KindInternal, "stored credential %s is corrupt", c).Wrap(err)
	}
	v, err := s.sealer.Open(sealPurposePrefix+string(c), raw)
	if err != nil {
		return "", err
	}
	return string(v), nil
}
