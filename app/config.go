package app

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/knadh/koanf/parsers/json"
	"github.com/knadh/koanf/parsers/yaml"
	"github.com/knadh/koanf/providers/confmap"
	"github.com/knadh/koanf/providers/file"
	"github.com/knadh/koanf/providers/structs"
	"github.com/knadh/koanf/v2"
)

// Config is the daemon's whole configuration, read once at start-up:
// defaults < config file (YAML or JSON) < environment. Only the composition
// root reads it; adapters get typed Options.
type Config struct {
	StateDir       string `koanf:"stateDir"`       // state directory (database, key file, API token)
	Addr           string `koanf:"addr"`           // listen address
	APIToken       Secret `koanf:"apiToken"`       // API token; generated on first start when empty
	AuthDisabled   bool   `koanf:"authDisabled"`   // no API token check; refused unless Addr is loopback
	Passphrase     Secret `koanf:"passphrase"`     // keystore passphrase
	PassphraseFile string `koanf:"passphraseFile"` // file holding the keystore passphrase
	AgentID        string `koanf:"agentId"`        // this agent's id (cloud agent, Steward fallback)
	// ApproverToken, when set, is a second credential a person must present
	// (X-Approver-Token) to approve or deny held transactions and to change
	// policies, so the agent, which holds the API token, cannot approve its
	// own held transactions.
	ApproverToken Secret `koanf:"approverToken"`
	WalletNetwork string `koanf:"walletNetwork"` // mainnet or testnet
	LogLevel      string `koanf:"logLevel"`      // debug, info, warn, error

	// AllowLoopbackUpstreams lets cloud and Steward URLs be plain http on
	// loopback or private addresses (local use and tests).
	AllowLoopbackUpstreams bool `koanf:"allowLoopbackUpstreams"`

	Export  ExportConfig  `koanf:"export"`
	HTTP    HTTPConfig    `koanf:"http"`
	Steward StewardConfig `koanf:"steward"`
	Cloud   CloudConfig   `koanf:"cloud"`
	BSC     BSCConfig     `koanf:"bsc"`

	Providers ProvidersConfig `koanf:"providers"` // balance, NFT and price providers
	Balances  BalancesConfig  `koanf:"balances"`  // balances/NFT cache and timeouts
}

// StewardConfig points the daemon at a Steward policy and signing service.
// Steward is configured when APIURL is set.
type StewardConfig struct {
	APIURL     string        `koanf:"apiUrl"`     // base URL; empty means not configured
	APIKey     Secret        `koanf:"apiKey"`     // tenant key (X-Steward-Key)
	TenantID   string        `koanf:"tenantId"`   // tenant (X-Steward-Tenant)
	AgentToken Secret        `koanf:"agentToken"` // agent JWT, used only without an API key
	AgentID    string        `koanf:"agentId"`    // Steward agent; falls back to agentId, then the EVM address
	Timeout    time.Duration `koanf:"timeout"`    // per request
}

// ExportConfig guards POST /api/wallet/export.
type ExportConfig struct {
	Token       Secret        `koanf:"token"`       // required export token when set
	Disabled    bool          `koanf:"disabled"`    // export answers 410
	MaxAttempts int           `koanf:"maxAttempts"` // attempts allowed per window
	Window      time.Duration `koanf:"window"`      // rate-limit window
}

// HTTPConfig tunes the HTTP transport's guards.
type HTTPConfig struct {
	AllowedOrigins  []string `koanf:"allowedOrigins"`  // extra browser origins allowed
	AllowedHosts    []string `koanf:"allowedHosts"`    // extra Host header names allowed
	AllowNullOrigin bool     `koanf:"allowNullOrigin"` // accept the literal Origin "null"
	MaxBodyBytes    int64    `koanf:"maxBodyBytes"`    // request body limit
}

// ProvidersConfig holds the data providers' keys and base URLs. Keys and
// RPC URLs set through PUT /api/wallet/config are stored (sealed) and win
// over these.
type ProvidersConfig struct {
	AlchemyAPIKey        Secret `koanf:"alchemyApiKey"`
	AlchemyBaseURL       string `koanf:"alchemyBaseUrl"`       // with {network}
	AlchemyPricesBaseURL string `koanf:"alchemyPricesBaseUrl"` // Prices API base
	InfuraAPIKey         Secret `koanf:"infuraApiKey"`
	AnkrAPIKey           Secret `koanf:"ankrApiKey"`
	HeliusAPIKey         Secret `koanf:"heliusApiKey"`
	HeliusBaseURL        string `koanf:"heliusBaseUrl"` // empty: mainnet, or devnet on testnet
	BirdeyeAPIKey        Secret `koanf:"birdeyeApiKey"`
	BirdeyeBaseURL       string `koanf:"birdeyeBaseUrl"`
	SolanaRPCURL         Secret `koanf:"solanaRpcUrl"`
	EthereumRPCURL       Secret `koanf:"ethereumRpcUrl"`
	BaseRPCURL           Secret `koanf:"baseRpcUrl"`
	AvalancheRPCURL      Secret `koanf:"avalancheRpcUrl"`
	NodeRealBSCRPCURL    Secret `koanf:"nodeRealBscRpcUrl"`
	QuickNodeBSCRPCURL   Secret `koanf:"quickNodeBscRpcUrl"`
	BSCRPCURL            Secret `koanf:"bscRpcUrl"`
}

// BalancesConfig tunes GET /api/wallet/balances and /api/wallet/nfts.
type BalancesConfig struct {
	TTL          time.Duration `koanf:"ttl"`          // how long an answer is reused; 0 disables
	ChainTimeout time.Duration `koanf:"chainTimeout"` // per chain
}

// DefaultConfig returns the built-in defaults.
func DefaultConfig() Config {
	return Config{
		StateDir:      defaultStateDir(),
		Addr:          "127.0.0.1:2138",
		WalletNetwork: "mainnet",
		LogLevel:      "info",
		Export:        ExportConfig{MaxAttempts: 5, Window: 15 * time.Minute},
		HTTP:          HTTPConfig{MaxBodyBytes: 1 << 20},
		Steward:       StewardConfig{Timeout: 30 * time.Second},
		Cloud:         defaultCloudConfig(),
		BSC:           defaultBSCConfig(),
		Providers: ProvidersConfig{
			AlchemyBaseURL:       "https://{network}.g.alchemy.com",
			AlchemyPricesBaseURL: "https://api.g.alchemy.com",
			BirdeyeBaseURL:       "https://public-api.birdeye.so",
		},
		Balances: BalancesConfig{TTL: 15 * time.Second, ChainTimeout: 8 * time.Second},
	}
}

func defaultStateDir() string {
	home, err := os.UserHomeDir()
	if err != nil {
		return ".agentwallet"
	}
	return filepath.Join(home, ".agentwallet")
}

type envKind uint8

const (
	envString envKind = iota
	envBool
	envList
)

// envBinding maps one environment variable to a config key. When several
// variables name the same key, the later binding wins (aliases first).
type envBinding struct {
	env  string
	key  string
	kind envKind
}

// envBindings is the contract with operators: DESIGN.md's names. Add names
// freely; never rename one.
var envBindings = []envBinding{
	{"AGENTWALLET_STATE_DIR", "stateDir", envString},
	{"AGENTWALLET_ADDR", "addr", envString},
	{"ELIZA_API_TOKEN", "apiToken", envString},
	{"AGENTWALLET_API_TOKEN", "apiToken", envString},
	{"AGENTWALLET_AUTH_DISABLED", "authDisabled", envBool},
	{"AGENTWALLET_PASSPHRASE", "passphrase", envString},
	{"AGENTWALLET_PASSPHRASE_FILE", "passphraseFile", envString},
	{"AGENTWALLET_AGENT_ID", "agentId", envString},
	{"AGENTWALLET_APPROVER_TOKEN", "approverToken", envString},
	{"ELIZA_WALLET_NETWORK", "walletNetwork", envString},
	{"AGENTWALLET_LOG_LEVEL", "logLevel", envString},
	{"AGENTWALLET_ALLOW_LOOPBACK_UPSTREAMS", "allowLoopbackUpstreams", envBool},
	{"ELIZA_WALLET_EXPORT_TOKEN", "export.token", envString},
	{"AGENTWALLET_EXPORT_DISABLED", "export.disabled", envBool},
	{"AGENTWALLET_ALLOWED_ORIGINS", "http.allowedOrigins", envList},
	{"AGENTWALLET_ALLOWED_HOSTS", "http.allowedHosts", envList},
	{"AGENTWALLET_ALLOW_NULL_ORIGIN", "http.allowNullOrigin", envBool},
	{"STEWARD_API_URL", "steward.apiUrl", envString},
	{"STEWARD_API_KEY", "steward.apiKey", envString},
	{"STEWARD_TENANT_ID", "steward.tenantId", envString},
	{"STEWARD_AGENT_TOKEN", "steward.agentToken", envString},
	{"ELIZA_STEWARD_AGENT_ID", "steward.agentId", envString},
	{"STEWARD_AGENT_ID", "steward.agentId", envString},
	{"ALCHEMY_API_KEY", "providers.alchemyApiKey", envString},
	{"ALCHEMY_BASE_URL", "providers.alchemyBaseUrl", envString},
	{"ALCHEMY_PRICES_BASE_URL", "providers.alchemyPricesBaseUrl", envString},
	{"INFURA_API_KEY", "providers.infuraApiKey", envString},
	{"ANKR_API_KEY", "providers.ankrApiKey", envString},
	{"HELIUS_API_KEY", "providers.heliusApiKey", envString},
	{"HELIUS_BASE_URL", "providers.heliusBaseUrl", envString},
	{"BIRDEYE_API_KEY", "providers.birdeyeApiKey", envString},
	{"BIRDEYE_BASE_URL", "providers.birdeyeBaseUrl", envString},
	{"SOLANA_RPC_URL", "providers.solanaRpcUrl", envString},
	{"ETHEREUM_RPC_URL", "providers.ethereumRpcUrl", envString},
	{"BASE_RPC_URL", "providers.baseRpcUrl", envString},
	{"AVALANCHE_RPC_URL", "providers.avalancheRpcUrl", envString},
	{"NODEREAL_BSC_RPC_URL", "providers.nodeRealBscRpcUrl", envString},
	{"QUICKNODE_BSC_RPC_URL", "providers.quickNodeBscRpcUrl", envString},
	{"BSC_RPC_URL", "providers.bscRpcUrl", envString},
	{"AGENTWALLET_BALANCES_TTL", "balances.ttl", envString},
	{"AGENTWALLET_BALANCES_CHAIN_TIMEOUT", "balances.chainTimeout", envString},
}

// SecretEnvNames lists the variables holding secrets; the daemon removes them
// from its environment once the configuration is loaded.
var SecretEnvNames = []string{"ELIZA_API_TOKEN", "AGENTWALLET_API_TOKEN", "AGENTWALLET_PASSPHRASE", "ELIZA_WALLET_EXPORT_TOKEN", "AGENTWALLET_APPROVER_TOKEN", "ELIZAOS_CLOUD_API_KEY",
	"ALCHEMY_API_KEY", "INFURA_API_KEY", "ANKR_API_KEY", "HELIUS_API_KEY", "BIRDEYE_API_KEY", "SOLANA_RPC_URL",
	"ETHEREUM_RPC_URL", "BASE_RPC_URL", "AVALANCHE_RPC_URL", "NODEREAL_BSC_RPC_URL", "QUICKNODE_BSC_RPC_URL", "BSC_RPC_URL",
	"STEWARD_API_KEY", "STEWARD_AGENT_TOKEN"}

// LoadConfig reads the configuration: defaults, then the optional file at
// path (.yaml, .yml or .json), then the environment as given by lookup
// (os.LookupEnv in the daemon).
func LoadConfig(path string, lookup func(string) (string, bool)) (Config, error) {
	k := koanf.New(".")
	if err := k.Load(structs.Provider(DefaultConfig(), "koanf"), nil); err != nil {
		return Config{}, fmt.Errorf("config defaults: %w", err)
	}
	if path != "" {
		var parser koanf.Parser
		switch strings.ToLower(filepath.Ext(path)) {
		case ".yaml", ".yml":
			parser = yaml.Parser()
		case ".json":
			parser = json.Parser()
		default:
			return Config{}, fmt.Errorf("config file %s: unknown format (use .yaml, .yml or .json)", path)
		}
		if err := k.Load(file.Provider(path), parser); err != nil {
			return Config{}, fmt.Errorf("config file %s: %w", path, err)
		}
	}
	env := map[string]any{}
	for _, b := range slices.Concat(envBindings, cloudEnvBindings, bscEnvBindings) {
		v, ok := lookup(b.env)
		if !ok || strings.TrimSpace(v) == "" {
			continue
		}
		switch b.kind {
		case envBool:
			env[b.key] = parseBool(v)
		case envList:
			env[b.key] = splitList(v)
		default:
			env[b.key] = strings.TrimSpace(v)
		}
	}
	if err := k.Load(confmap.Provider(env, "."), nil); err != nil {
		return Config{}, fmt.Errorf("config env: %w", err)
	}
	var c Config
	if err := k.UnmarshalWithConf("", &c, koanf.UnmarshalConf{Tag: "koanf"}); err != nil {
		return Config{}, fmt.Errorf("config: %w", err)
	}
	c.StateDir = expandHome(c.StateDir)
	return c, nil
}

// parseBool reads 1/true/yes/on (any case) as true.
func parseBool(v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "1", "true", "yes", "on":
		return true
	}
	return false
}

func splitList(v string) []string {
	var out []string
	for _, p := range strings.Split(v, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func expandHome(p string) string {
	if p == "~" || strings.HasPrefix(p, "~/") {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, strings.TrimPrefix(p, "~"))
		}
	}
	return p
}

// Validate reports every problem at once.
func (c Config) Validate() error {
	var errs []error
	if strings.TrimSpace(c.StateDir) == "" {
		errs = append(errs, errors.New("stateDir (AGENTWALLET_STATE_DIR) must not be empty"))
	}
	host, _, err := net.SplitHostPort(c.Addr)
	if err != nil {
		errs = append(errs, fmt.Errorf("addr (AGENTWALLET_ADDR) %q must be host:port", c.Addr))
	}
	if c.AuthDisabled && (err != nil || !IsLoopbackHost(host)) {
		errs = append(errs, fmt.Errorf("authDisabled (AGENTWALLET_AUTH_DISABLED) is allowed only on a loopback address, not %q", c.Addr))
	}
	if c.Passphrase.IsSet() && c.PassphraseFile != "" {
		errs = append(errs, errors.New("set only one of passphrase (AGENTWALLET_PASSPHRASE) and passphraseFile (AGENTWALLET_PASSPHRASE_FILE)"))
	}
	if c.WalletNetwork != "mainnet" && c.WalletNetwork != "testnet" {
		errs = append(errs, fmt.Errorf("walletNetwork (ELIZA_WALLET_NETWORK) must be mainnet or testnet, got %q", c.WalletNetwork))
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		errs = append(errs, fmt.Errorf("logLevel (AGENTWALLET_LOG_LEVEL) must be debug, info, warn or error, got %q", c.LogLevel))
	}
	if c.Export.MaxAttempts < 1 {
		errs = append(errs, errors.New("export.maxAttempts must be at least 1"))
	}
	if c.Export.Window <= 0 {
		errs = append(errs, errors.New("export.window must be positive"))
	}
	if c.Balances.TTL < 0 {
		errs = append(errs, errors.New("balances.ttl (AGENTWALLET_BALANCES_TTL) must not be negative"))
	}
	if c.Balances.ChainTimeout <= 0 {
		errs = append(errs, errors.New("balances.chainTimeout (AGENTWALLET_BALANCES_CHAIN_TIMEOUT) must be positive"))
	}
	for name, u := range map[string]string{
		"providers.alchemyBaseUrl (ALCHEMY_BASE_URL)":              c.Providers.AlchemyBaseURL,
		"providers.alchemyPricesBaseUrl (ALCHEMY_PRICES_BASE_URL)": c.Providers.AlchemyPricesBaseURL,
		"providers.heliusBaseUrl (HELIUS_BASE_URL)":                c.Providers.HeliusBaseURL,
		"providers.birdeyeBaseUrl (BIRDEYE_BASE_URL)":              c.Providers.BirdeyeBaseURL,
	} {
		if u == "" {
			continue
		}
		if p, err := url.Parse(strings.ReplaceAll(u, "{network}", "x")); err != nil || (p.Scheme != "https" && p.Scheme != "http") || p.Host == "" {
			errs = append(errs, fmt.Errorf("%s must be an http(s) URL, got %q", name, u))
		}
	}
	if c.HTTP.MaxBodyBytes < 1024 {
		errs = append(errs, errors.New("http.maxBodyBytes must be at least 1024"))
	}
	for _, o := range c.HTTP.AllowedOrigins {
		if u, err := url.Parse(o); err != nil || u.Scheme == "" || u.Host == "" && u.Scheme != "app" {
			errs = append(errs, fmt.Errorf("http.allowedOrigins: %q is not an origin like https://example.com", o))
		}
	}
	errs = append(errs, c.Steward.validate(c.AllowLoopbackUpstreams)...)
	errs = append(errs, c.Cloud.validate()...)
	errs = append(errs, c.BSC.validate()...)
	return errors.Join(errs...)
}

// validate checks the Steward URL the way the adapter will: https, or plain
// http only to loopback unless loopback upstreams are allowed.
func (s StewardConfig) validate(allowInsecure bool) []error {
	if s.APIURL == "" {
		return nil
	}
	var errs []error
	u, err := url.Parse(s.APIURL)
	switch {
	case err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https"):
		errs = append(errs, fmt.Errorf("steward.apiUrl (STEWARD_API_URL) %q must be an http(s) URL", s.APIURL))
	case u.Scheme == "http" && !allowInsecure && !IsLoopbackHost(u.Hostname()):
		errs = append(errs, fmt.Errorf("steward.apiUrl (STEWARD_API_URL) %q is plain http to a non-loopback host; use https or set AGENTWALLET_ALLOW_LOOPBACK_UPSTREAMS", s.APIURL))
	}
	if s.Timeout <= 0 {
		errs = append(errs, errors.New("steward.timeout must be positive"))
	}
	return errs
}

// IsLoopbackHost reports whether host names the loopback interface.
func IsLoopbackHost(host string) bool {
	host = strings.Trim(host, "[]")
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
