package app_test

import (
	"strings"
	"testing"
	"time"

	"github.com/agentwallet/agentwallet/app"
)

func TestCloudConfigFromEnvironment(t *testing.T) {
	t.Parallel()
	env := map[string]string{
		"ELIZAOS_CLOUD_BASE_URL":             "https://cloud.example.com",
		"ELIZAOS_CLOUD_API_KEY":              "eliza_from_env",
		"ENABLE_CLOUD_WALLET":                "yes",
		"AGENTWALLET_CLOUD_AGENTS_PREFIX":    "eliza",
		"AGENTWALLET_CLOUD_CREDITS_LOW":      "5",
		"AGENTWALLET_CLOUD_CREDITS_CRITICAL": "1.5",
		"AGENTWALLET_CLOUD_PROVISION_WAIT":   "30s",
	}
	cfg, err := app.LoadConfig("", func(k string) (string, bool) { v, ok := env[k]; return v, ok })
	if err != nil {
		t.Fatal(err)
	}
	c := cfg.Cloud
	if c.BaseURL != "https://cloud.example.com" || c.APIKey.Reveal() != "eliza_from_env" || !c.WalletEnabled || c.AgentsPrefix != "eliza" ||
		c.CreditsLow != "5" || c.CreditsCritical != "1.5" || c.ProvisionWait != 30*time.Second || c.ProvisionPoll != 5*time.Second {
		t.Errorf("cloud config = %+v", c)
	}
	if strings.Contains(c.APIKey.String(), "from_env") {
		t.Error("the cloud key prints itself")
	}
	if err := cfg.Validate(); err != nil {
		t.Errorf("Validate: %v", err)
	}
}

func TestCloudConfigValidate(t *testing.T) {
	t.Parallel()
	cfg := app.DefaultConfig()
	if th, err := cfg.Cloud.Thresholds(); err != nil || th.Low.String() != "2" || th.Critical.String() != "0.5" {
		t.Errorf("default thresholds = %+v, %v", th, err)
	}
	for _, bad := range []func(*app.CloudConfig){
		func(c *app.CloudConfig) { c.CreditsLow = "two" },
		func(c *app.CloudConfig) { c.CreditsLow, c.CreditsCritical = "1", "2" },
		func(c *app.CloudConfig) { c.ProvisionPoll = 0 },
	} {
		c := app.DefaultConfig()
		bad(&c.Cloud)
		if err := c.Validate(); err == nil || !strings.Contains(err.Error(), "cloud.") {
			t.Errorf("Validate(%+v) = %v, want a cloud problem", c.Cloud, err)
		}
	}
}
