package app

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/agentwallet/agentwallet/domain"
	"github.com/agentwallet/agentwallet/ports"
)

// CloudConfig configures the Eliza Cloud link.
type CloudConfig struct {
	BaseURL         string        `koanf:"baseUrl"`         // site URL; the API is <site>/api/v1
	APIKey          Secret        `koanf:"apiKey"`          // key at start; a login stores its own, which wins
	Enabled         bool          `koanf:"enabled"`         // cloud mode on even before a login
	WalletEnabled   bool          `koanf:"walletEnabled"`   // the cloud wallet feature (ENABLE_CLOUD_WALLET)
	AgentsPrefix    string        `koanf:"agentsPrefix"`    // product segment of agent paths ("milady", "eliza")
	CreditsLow      string        `koanf:"creditsLow"`      // balance below this is low (dollars)
	CreditsCritical string        `koanf:"creditsCritical"` // balance below this is critical (dollars)
	ProvisionWait   time.Duration `koanf:"provisionWait"`   // longest wait for an agent's provisioning job
	ProvisionPoll   time.Duration `koanf:"provisionPoll"`   // interval between job polls
}

func defaultCloudConfig() CloudConfig {
	return CloudConfig{
		BaseURL:         "https://www.elizacloud.ai",
		AgentsPrefix:    "milady",
		CreditsLow:      "2.00",
		CreditsCritical: "0.50",
		ProvisionWait:   2 * time.Minute,
		ProvisionPoll:   5 * time.Second,
	}
}

// cloudEnvBindings are the cloud's environment names (the reference's, plus
// ours under AGENTWALLET_CLOUD_*).
var cloudEnvBindings = []envBinding{
	{"ELIZAOS_CLOUD_BASE_URL", "cloud.baseUrl", envString},
	{"ELIZAOS_CLOUD_API_KEY", "cloud.apiKey", envString},
	{"ELIZAOS_CLOUD_ENABLED", "cloud.enabled", envBool},
	{"ENABLE_CLOUD_WALLET", "cloud.walletEnabled", envBool},
	{"AGENTWALLET_CLOUD_AGENTS_PREFIX", "cloud.agentsPrefix", envString},
	{"AGENTWALLET_CLOUD_CREDITS_LOW", "cloud.creditsLow", envString},
	{"AGENTWALLET_CLOUD_CREDITS_CRITICAL", "cloud.creditsCritical", envString},
	{"AGENTWALLET_CLOUD_PROVISION_WAIT", "cloud.provisionWait", envString},
	{"AGENTWALLET_CLOUD_PROVISION_POLL", "cloud.provisionPoll", envString},
}

// Thresholds parses the credit thresholds.
func (c CloudConfig) Thresholds() (domain.CreditThresholds, error) {
	low, err := domain.ParseUSD(c.CreditsLow)
	if err != nil {
		return domain.CreditThresholds{}, err
	}
	critical, err := domain.ParseUSD(c.CreditsCritical)
	if err != nil {
		return domain.CreditThresholds{}, err
	}
	return domain.NewCreditThresholds(low, critical)
}

func (c CloudConfig) validate() []error {
	var errs []error
	if _, err := c.Thresholds(); err != nil {
		errs = append(errs, fmt.Errorf("cloud.creditsLow/creditsCritical (AGENTWALLET_CLOUD_CREDITS_LOW/_CRITICAL): %s", domain.MessageOf(err)))
	}
	if c.ProvisionWait <= 0 || c.ProvisionPoll <= 0 {
		errs = append(errs, fmt.Errorf("cloud.provisionWait and cloud.provisionPoll must be positive"))
	}
	return errs
}

// newCloudFromConfig builds the cloud use cases from the configuration and
// the cloud adapter's ports.
func newCloudFromConfig(ctx context.Context, cfg Config, cp CloudPorts, settings ports.Settings, sealer ports.Sealer, keys ports.KeyStore, clock ports.Clock, log *slog.Logger) (*Cloud, error) {
	th, err := cfg.Cloud.Thresholds()
	if err != nil {
		return nil, err
	}
	var initial domain.CloudAPIKey
	if cfg.Cloud.APIKey.IsSet() {
		if initial, err = domain.NewCloudAPIKey(cfg.Cloud.APIKey.Reveal()); err != nil {
			return nil, fmt.Errorf("cloud.apiKey (ELIZAOS_CLOUD_API_KEY): %s", domain.MessageOf(err))
		}
	}
	return NewCloud(ctx, cp, settings, sealer, keys, clock, log, CloudPolicy{
		Enabled:       cfg.Cloud.Enabled,
		WalletEnabled: cfg.Cloud.WalletEnabled,
		AgentID:       cfg.AgentID,
		Thresholds:    th,
		ProvisionWait: cfg.Cloud.ProvisionWait,
		ProvisionPoll: cfg.Cloud.ProvisionPoll,
		InitialKey:    initial,
	})
}
