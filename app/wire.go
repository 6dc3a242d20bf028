package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/agentwallet/agentwallet/adapters/alchemy"
	"github.com/agentwallet/agentwallet/adapters/birdeye"
	"github.com/agentwallet/agentwallet/adapters/elizacloud"
	"github.com/agentwallet/agentwallet/adapters/evmrpc"
	"github.com/agentwallet/agentwallet/adapters/helius"
	"github.com/agentwallet/agentwallet/adapters/keystore"
	"github.com/agentwallet/agentwallet/adapters/nativerpc"
	"github.com/agentwallet/agentwallet/adapters/sqlite"
	"github.com/agentwallet/agentwallet/adapters/steward"
	"github.com/agentwallet/agentwallet/domain"
	"github.com/agentwallet/agentwallet/ports"
)

// Options are the non-config inputs of New: the things tests and embedders
// replace.
type Options struct {
	Logger *slog.Logger       // default: discard
	Clock  ports.Clock        // default: the wall clock
	KDF    keystore.KDFParams // argon2id cost for a new passphrase keystore; zero = default
}

// App is the composition root: it owns the adapters built from Config and
// exposes the use cases. Transport and embedders call the use cases only.
type App struct {
	Wallets      *Wallets
	Cloud        *Cloud
	Steward      *Steward
	WalletConfig *WalletConfigService
	Balances     *BalancesService
	NFTs         *NFTsService
	Trading      *Trading

	cfg      Config
	log      *slog.Logger
	store    *sqlite.Store
	bsc      *bscSwitch
	apiToken apiToken
}

// File names inside the state directory.
const (
	dbFile        = "agentwallet.db"
	masterKeyFile = "master.key"
	apiTokenFile  = "api-token"
)

// New validates cfg, opens the store and the keystore in cfg.StateDir and
// wires the use cases. A wrong passphrase fails here, with a clear message.
func New(ctx context.Context, cfg Config, opts Options) (_ *App, err error) {
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("invalid configuration:\n%w", err)
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Clock == nil {
		opts.Clock = ports.SystemClock{}
	}
	if err := os.MkdirAll(cfg.StateDir, 0o700); err != nil {
		return nil, fmt.Errorf("create state dir: %w", err)
	}
	if err := os.Chmod(cfg.StateDir, 0o700); err != nil {
		return nil, fmt.Errorf("chmod state dir: %w", err)
	}
	passphrase, err := readPassphrase(cfg)
	if err != nil {
		return nil, err
	}
	store, err := sqlite.Open(ctx, filepath.Join(cfg.StateDir, dbFile))
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			store.Close()
		}
	}()
	ks, err := keystore.Open(ctx, keystore.Options{
		Records:    store,
		Passphrase: passphrase,
		KeyFile:    filepath.Join(cfg.StateDir, masterKeyFile),
		KDF:        opts.KDF,
		Clock:      opts.Clock,
		Logger:     opts.Logger,
	})
	clear(passphrase)
	if err != nil {
		return nil, err
	}
	a := &App{cfg: cfg, log: opts.Logger, store: store}
	if !cfg.AuthDisabled {
		if a.apiToken, err = loadAPIToken(cfg, opts.Logger); err != nil {
			return nil, err
		}
	}
	a.Wallets = NewWallets(ks, store, store, opts.Clock, opts.Logger, ExportPolicy{
		Token:       cfg.Export.Token.Reveal(),
		Disabled:    cfg.Export.Disabled,
		MaxAttempts: cfg.Export.MaxAttempts,
		Window:      cfg.Export.Window,
	})
	if a.Steward, err = newStewardBridge(cfg, store, ks, opts); err != nil {
		return nil, err
	}
	if a.Steward.Configured() {
		a.Wallets.steward = a.Steward
	}
	cloud := elizacloud.NewClient(elizacloud.Options{SiteURL: cfg.Cloud.BaseURL, AgentsPrefix: cfg.Cloud.AgentsPrefix, AllowLoopback: cfg.AllowLoopbackUpstreams})
	cp := CloudPorts{Login: cloud, Account: cloud, Billing: cloud, Agents: cloud, Provisioner: cloud, Wallets: cloud}
	if a.Cloud, err = newCloudFromConfig(ctx, cfg, cp, store, ks, ks, opts.Clock, opts.Logger); err != nil {
		return nil, err
	}
	a.Wallets.followPrimary(a.Cloud.PrimaryAddresses)
	a.wireBalances(ks, opts.Clock)
	if a.Trading, a.bsc, err = newTradingFromConfig(cfg, a.Wallets, a.WalletConfig, ks, store, opts.Clock, opts.Logger); err != nil {
		return nil, err
	}
	a.Trading.UseSteward(a.Steward)
	return a, nil
}

// newStewardBridge builds the Steward client when STEWARD_API_URL is set;
// without it the bridge serves only the local policy engine.
func newStewardBridge(cfg Config, store *sqlite.Store, keys ports.KeyStore, opts Options) (*Steward, error) {
	settings := StewardSettings{BaseURL: cfg.Steward.APIURL, AgentID: cfg.Steward.AgentID, FallbackAgentID: cfg.AgentID, ChainID: cfg.BSC.resolved(cfg.WalletNetwork).ChainID}
	var remote StewardPorts
	if cfg.Steward.APIURL != "" {
		c, err := steward.NewClient(steward.Options{
			BaseURL:           cfg.Steward.APIURL,
			APIKey:            cfg.Steward.APIKey.Reveal(),
			TenantID:          cfg.Steward.TenantID,
			AgentToken:        cfg.Steward.AgentToken.Reveal(),
			AllowInsecureHTTP: cfg.AllowLoopbackUpstreams,
			Timeout:           cfg.Steward.Timeout,
		})
		if err != nil {
			return nil, err
		}
		settings.BaseURL = c.BaseURL()
		remote = StewardPorts{Agents: c, Signer: c, Approvals: c, Policies: c, History: c}
	}
	return NewSteward(settings, StewardDeps{Remote: remote, Keys: keys, Settings: store, LocalPolicies: store, LocalTxs: store,
		Clock: opts.Clock, Logger: opts.Logger}), nil
}

// wireBalances builds the wallet configuration, balances and NFT use cases.
// Providers are rebuilt from the effective settings whenever they change.
func (a *App) wireBalances(ks *keystore.Keystore, clock ports.Clock) {
	p := a.cfg.Providers
	network, _ := domain.ParseWalletNetwork(a.cfg.WalletNetwork)
	heliusBase := p.HeliusBaseURL
	if heliusBase == "" && network == domain.NetworkTestnet {
		heliusBase = helius.DefaultDevnetBaseURL
	}
	base := WalletConfigBase{
		Network:      network,
		HeliusRPCURL: func(key string) string { return helius.RPCURL(heliusBase, key) },
		Credentials: map[domain.ProviderCredential]string{
			domain.CredAlchemyKey: p.AlchemyAPIKey.Reveal(), domain.CredInfuraKey: p.InfuraAPIKey.Reveal(),
			domain.CredAnkrKey: p.AnkrAPIKey.Reveal(), domain.CredHeliusKey: p.HeliusAPIKey.Reveal(),
			domain.CredBirdeyeKey: p.BirdeyeAPIKey.Reveal(), domain.CredSolanaRPC: p.SolanaRPCURL.Reveal(),
			domain.CredEthereumRPC: p.EthereumRPCURL.Reveal(), domain.CredBaseRPC: p.BaseRPCURL.Reveal(),
			domain.CredAvalancheRPC: p.AvalancheRPCURL.Reveal(), domain.CredNodeRealBSCRPC: p.NodeRealBSCRPCURL.Reveal(),
			domain.CredQuickNodeBSC: p.QuickNodeBSCRPCURL.Reveal(), domain.CredBSCRPC: p.BSCRPCURL.Reveal(),
		},
	}
	build := func(s ProviderSettings) (BalanceSources, error) {
		var src BalanceSources
		if key := s.Credentials[domain.CredAlchemyKey]; key != "" {
			c, err := alchemy.NewClient(alchemy.Options{APIKey: key, BaseURL: p.AlchemyBaseURL, PricesBaseURL: p.AlchemyPricesBaseURL})
			if err != nil {
				return BalanceSources{}, err
			}
			src.EVMHoldings, src.EVMMetadata, src.EVMNFTs, src.EVMPrices = c, c, c, c
		} else if urls := nativeRPCURLs(s); len(urls) > 0 {
			c, err := nativerpc.NewClient(nativerpc.Options{URLs: urls})
			if err != nil {
				return BalanceSources{}, err
			}
			src.EVMHoldings = c
		}
		if key := s.Credentials[domain.CredHeliusKey]; key != "" {
			hb := p.HeliusBaseURL
			if hb == "" && s.Network == domain.NetworkTestnet {
				hb = helius.DefaultDevnetBaseURL
			}
			c, err := helius.NewClient(helius.Options{APIKey: key, BaseURL: hb})
			if err != nil {
				return BalanceSources{}, err
			}
			src.SolanaAssets = c
		}
		if key := s.Credentials[domain.CredBirdeyeKey]; key != "" {
			c, err := birdeye.NewClient(birdeye.Options{APIKey: key, BaseURL: p.BirdeyeBaseURL})
			if err != nil {
				return BalanceSources{}, err
			}
			src.SolanaPrices = c
		}
		return src, nil
	}
	a.WalletConfig = NewWalletConfigService(a.store, ks, ks, a.Cloud, base, build)
	opts := BalancesOptions{ChainTimeout: a.cfg.Balances.ChainTimeout, TTL: a.cfg.Balances.TTL}
	if opts.TTL == 0 {
		opts.TTL = -1 // configured 0 means no reuse; BalancesOptions reads 0 as "default"
	}
	a.Balances = NewBalancesService(a.WalletConfig, a.store, clock, opts)
	a.NFTs = NewNFTsService(a.WalletConfig, clock, opts)
}

// Config returns the configuration the app was built from.
func (a *App) Config() Config { return a.cfg }

// APIToken returns the token every /api request must present; empty when
// auth is disabled.
func (a *App) APIToken() string { return a.apiToken.value }

// APITokenPath returns the file holding the generated API token, or "" when
// the token came from the configuration.
func (a *App) APITokenPath() string { return a.apiToken.path }

// Ready reports whether the app can serve: the store answers.
func (a *App) Ready(ctx context.Context) error { return a.store.Ping(ctx) }

// Close releases the BSC RPC connections and the store.
func (a *App) Close() error {
	if a.bsc != nil {
		a.bsc.close()
	}
	return a.store.Close()
}

func readPassphrase(cfg Config) ([]byte, error) {
	if cfg.PassphraseFile == "" {
		return []byte(cfg.Passphrase.Reveal()), nil
	}
	b, err := os.ReadFile(cfg.PassphraseFile)
	if err != nil {
		return nil, fmt.Errorf("read passphrase file (AGENTWALLET_PASSPHRASE_FILE): %w", err)
	}
	p := []byte(strings.TrimRight(string(b), "\r\n"))
	clear(b)
	if len(p) == 0 {
		return nil, errors.New("passphrase file (AGENTWALLET_PASSPHRASE_FILE) is empty")
	}
	return p, nil
}

// newTradingFromConfig builds the trading use cases over a BSC adapter that
// follows the effective BSC RPC URLs (environment, file or
// PUT /api/wallet/config).
func newTradingFromConfig(cfg Config, wallets *Wallets, wc *WalletConfigService, ks *keystore.Keystore, store *sqlite.Store, clock ports.Clock, log *slog.Logger) (*Trading, *bscSwitch, error) {
	b := cfg.BSC.resolved(cfg.WalletNetwork)
	opts := evmrpc.Options{ChainID: b.ChainID, Router: b.RouterAddress, WrappedNative: b.WrappedNative}
	sw, err := newBSCSwitch(wc, func(urls []string) (bscClient, error) {
		o := opts
		o.URLs = urls
		return evmrpc.New(o)
	})
	if err != nil {
		return nil, nil, err
	}
	t := NewTrading(TradingPorts{Node: sw, ERC20: sw, Router: sw, Sender: sw},
		TradingDeps{Wallets: wallets, Keys: ks, Signer: ks, Ledger: store, Idem: store, Quota: store, Settings: store, RPCConfig: wc, Clock: clock, Log: log},
		TradingPolicy{ChainID: b.ChainID, ExplorerURL: b.ExplorerURL, InitialMode: b.TradePermissionMode, AgentDailyLimit: b.AgentDailyTradeLimit})
	return t, sw, nil
}

// nativeRPCURLs picks plain RPC endpoints for native balances when Alchemy
// is not configured: the selected Infura or Ankr key's URLs, overridden per
// chain by the custom ETHEREUM/BASE/AVALANCHE_RPC_URL values.
func nativeRPCURLs(s ProviderSettings) map[uint64]string {
	urls := map[uint64]string{}
	switch {
	case s.Selections.EVM == domain.ProviderInfura && s.Set(domain.CredInfuraKey):
		urls = nativerpc.InfuraURLs(s.Credentials[domain.CredInfuraKey])
	case s.Selections.EVM == domain.ProviderAnkr && s.Set(domain.CredAnkrKey):
		urls = nativerpc.AnkrURLs(s.Credentials[domain.CredAnkrKey])
	}
	custom := map[string]domain.ProviderCredential{"ethereum": domain.CredEthereumRPC, "base": domain.CredBaseRPC, "avalanche": domain.CredAvalancheRPC}
	for _, c := range domain.EVMChains(s.Network) {
		if cred, ok := custom[c.Slug]; ok && s.Set(cred) && domain.CheckRPCURL(cred, s.Credentials[cred]) == nil {
			urls[c.ChainID] = s.Credentials[cred]
		}
	}
	return urls
}
