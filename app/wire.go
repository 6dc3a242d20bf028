package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/agentwallet/agentwallet/adapters/elizacloud"
	"github.com/agentwallet/agentwallet/adapters/evmrpc"
	"github.com/agentwallet/agentwallet/adapters/keystore"
	"github.com/agentwallet/agentwallet/adapters/sqlite"
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
	Wallets *Wallets
	Cloud   *Cloud
	Trading *Trading

	cfg      Config
	log      *slog.Logger
	store    *sqlite.Store
	bsc      *evmrpc.Client
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
func New(ctx context.Context, cfg Config, opts Options) (*App, error) {
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
		store.Close()
		return nil, err
	}
	a := &App{cfg: cfg, log: opts.Logger, store: store}
	if !cfg.AuthDisabled {
		if a.apiToken, err = loadAPIToken(cfg, opts.Logger); err != nil {
			store.Close()
			return nil, err
		}
	}
	a.Wallets = NewWallets(ks, store, store, opts.Clock, opts.Logger, ExportPolicy{
		Token:       cfg.Export.Token.Reveal(),
		Disabled:    cfg.Export.Disabled,
		MaxAttempts: cfg.Export.MaxAttempts,
		Window:      cfg.Export.Window,
	})
	cloud := elizacloud.NewClient(elizacloud.Options{SiteURL: cfg.Cloud.BaseURL, AgentsPrefix: cfg.Cloud.AgentsPrefix, AllowLoopback: cfg.AllowLoopbackUpstreams})
	cp := CloudPorts{Login: cloud, Account: cloud, Billing: cloud, Agents: cloud, Provisioner: cloud, Wallets: cloud}
	if a.Cloud, err = newCloudFromConfig(ctx, cfg, cp, store, ks, ks, opts.Clock, opts.Logger); err != nil {
		store.Close()
		return nil, err
	}
	a.Wallets.followPrimary(a.Cloud.PrimaryAddresses)
	if a.Trading, a.bsc, err = newTradingFromConfig(ctx, cfg, a.Wallets, ks, store, opts.Clock, opts.Logger); err != nil {
		store.Close()
		return nil, err
	}
	return a, nil
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
		a.bsc.Close()
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

// newTradingFromConfig builds the BSC adapter and the trading use cases. A
// BSC RPC stored by production-defaults is used when the configuration names
// none.
func newTradingFromConfig(ctx context.Context, cfg Config, wallets *Wallets, ks *keystore.Keystore, store *sqlite.Store, clock ports.Clock, log *slog.Logger) (*Trading, *evmrpc.Client, error) {
	b := cfg.BSC.resolved(cfg.WalletNetwork)
	urls := b.URLs()
	if len(urls) == 0 {
		stored, ok, err := store.Setting(ctx, SettingBSCRPCURL)
		if err != nil {
			return nil, nil, err
		}
		if ok {
			urls = []string{stored}
		}
	}
	client, err := evmrpc.New(evmrpc.Options{URLs: urls, ChainID: b.ChainID, Router: b.RouterAddress, WrappedNative: b.WrappedNative})
	if err != nil {
		return nil, nil, err
	}
	t := NewTrading(TradingPorts{Node: client, ERC20: client, Router: client, Sender: client},
		TradingDeps{Wallets: wallets, Keys: ks, Signer: ks, Ledger: store, Idem: store, Quota: store, Settings: store, Clock: clock, Log: log},
		TradingPolicy{ChainID: b.ChainID, ExplorerURL: b.ExplorerURL, InitialMode: b.TradePermissionMode,
			AgentDailyLimit: b.AgentDailyTradeLimit, RPCConfigured: len(b.URLs()) > 0})
	return t, client, nil
}
