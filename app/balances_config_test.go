package app_test

import (
	"strings"
	"testing"
	"time"

	"github.com/agentwallet/agentwallet/app"
)

func TestProviderConfigFromEnvironment(t *testing.T) {
	env := map[string]string{
		"ALCHEMY_API_KEY":          "ak",
		"ALCHEMY_BASE_URL":         "http://127.0.0.1:9/{network}",
		"HELIUS_API_KEY":           "hk",
		"BSC_RPC_URL":              "https://bsc.example",
		"ENABLE_CLOUD_WALLET":      "yes",
		"AGENTWALLET_BALANCES_TTL": "30s",
	}
	cfg, err := app.LoadConfig("", func(k string) (string, bool) { v, ok := env[k]; return v, ok })
	if err != nil {
		t.Fatal(err)
	}
	p := cfg.Providers
	if p.AlchemyAPIKey.Reveal() != "ak" || p.HeliusAPIKey.Reveal() != "hk" || p.AlchemyBaseURL != "http://127.0.0.1:9/{network}" || p.BSCRPCURL.Reveal() != "https://bsc.example" {
		t.Errorf("providers = %+v", p)
	}
	if p.AlchemyPricesBaseURL != "https://api.g.alchemy.com" || p.BirdeyeBaseURL != "https://public-api.birdeye.so" {
		t.Errorf("defaults lost: %+v", p)
	}
	if !cfg.Cloud.WalletEnabled || cfg.Balances.TTL != 30*time.Second || cfg.Balances.ChainTimeout != 8*time.Second {
		t.Errorf("cloud %v, balances %+v", cfg.Cloud.WalletEnabled, cfg.Balances)
	}
	if err := cfg.Validate(); err != nil {
		t.Errorf("Validate: %v", err)
	}
	for _, name := range []string{"ALCHEMY_API_KEY", "HELIUS_API_KEY", "BSC_RPC_URL", "SOLANA_RPC_URL"} {
		found := false
		for _, s := range app.SecretEnvNames {
			found = found || s == name
		}
		if !found {
			t.Errorf("%s is not removed from the environment after loading", name)
		}
	}
}

func TestProviderConfigValidation(t *testing.T) {
	cfg := app.DefaultConfig()
	cfg.Providers.AlchemyBaseURL = "ftp://x/{network}"
	cfg.Providers.BirdeyeBaseURL = "not a url"
	cfg.Balances.ChainTimeout = 0
	cfg.Balances.TTL = -time.Second
	err := cfg.Validate()
	for _, want := range []string{"ALCHEMY_BASE_URL", "BIRDEYE_BASE_URL", "AGENTWALLET_BALANCES_CHAIN_TIMEOUT", "AGENTWALLET_BALANCES_TTL"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Validate() = %v, want it to name %s", err, want)
		}
	}
}
