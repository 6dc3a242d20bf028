package app_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/agentwallet/agentwallet/app"
)

func lookupFrom(env map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) { v, ok := env[k]; return v, ok }
}

func TestLoadConfigLayers(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "agentwallet.yaml")
	os.WriteFile(file, []byte("addr: 127.0.0.1:9000\nlogLevel: debug\nexport:\n  maxAttempts: 3\n  window: 1m\nhttp:\n  allowedOrigins: [\"https://app.example\"]\n"), 0o600)
	cfg, err := app.LoadConfig(file, lookupFrom(map[string]string{
		"AGENTWALLET_ADDR":            "127.0.0.1:9100",
		"ELIZA_API_TOKEN":             "eliza-token",
		"AGENTWALLET_API_TOKEN":       "agentwallet-token",
		"AGENTWALLET_EXPORT_DISABLED": "yes",
		"AGENTWALLET_ALLOWED_HOSTS":   "wallet.local, box.lan",
		"AGENTWALLET_STATE_DIR":       "~/aw-state",
	}))
	if err != nil {
		t.Fatal(err)
	}
	home, _ := os.UserHomeDir()
	checks := []struct {
		name      string
		got, want any
	}{
		{"env_beats_file", cfg.Addr, "127.0.0.1:9100"},
		{"file_beats_default", cfg.LogLevel, "debug"},
		{"nested_file_value", cfg.Export.MaxAttempts, 3},
		{"duration_parsed", cfg.Export.Window, time.Minute},
		{"default_kept", cfg.WalletNetwork, "mainnet"},
		{"agentwallet_name_beats_alias", cfg.APIToken.Reveal(), "agentwallet-token"},
		{"bool_yes", cfg.Export.Disabled, true},
		{"env_list", strings.Join(cfg.HTTP.AllowedHosts, "|"), "wallet.local|box.lan"},
		{"file_list", strings.Join(cfg.HTTP.AllowedOrigins, "|"), "https://app.example"},
		{"home_expanded", cfg.StateDir, filepath.Join(home, "aw-state")},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s: got %v, want %v", c.name, c.got, c.want)
		}
	}
	if err := cfg.Validate(); err != nil {
		t.Errorf("Validate: %v", err)
	}

	jsonFile := filepath.Join(dir, "c.json")
	os.WriteFile(jsonFile, []byte(`{"walletNetwork":"testnet"}`), 0o600)
	if cfg, err := app.LoadConfig(jsonFile, lookupFrom(nil)); err != nil || cfg.WalletNetwork != "testnet" {
		t.Errorf("JSON config = %+v, %v", cfg.WalletNetwork, err)
	}
	if _, err := app.LoadConfig(filepath.Join(dir, "c.toml"), lookupFrom(nil)); err == nil {
		t.Error("unknown config format accepted")
	}
}

func TestValidateReportsEveryProblem(t *testing.T) {
	cfg := app.DefaultConfig()
	cfg.Addr = "0.0.0.0:2138"
	cfg.AuthDisabled = true
	cfg.WalletNetwork = "moonnet"
	cfg.LogLevel = "loud"
	cfg.Passphrase = "a"
	cfg.PassphraseFile = "/p"
	cfg.Export.MaxAttempts = 0
	err := cfg.Validate()
	if err == nil {
		t.Fatal("Validate accepted a broken config")
	}
	for _, want := range []string{"authDisabled", "walletNetwork", "logLevel", "passphraseFile", "maxAttempts"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("Validate error lacks %q:\n%v", want, err)
		}
	}
	cfg = app.DefaultConfig()
	cfg.AuthDisabled = true
	if err := cfg.Validate(); err != nil {
		t.Errorf("auth disabled on loopback refused: %v", err)
	}
}

func TestSecretsRedactEverywhere(t *testing.T) {
	cfg := app.DefaultConfig()
	cfg.APIToken = "tok-123456"
	cfg.Passphrase = "hunter2-passphrase"
	cfg.Export.Token = "export-tok-999"
	var logs bytes.Buffer
	log := app.NewLogger(&logs, "debug")
	log.Info("config", "cfg", cfg, "apiToken", "raw-token-value", "privateKey", "0xdeadbeef", "tokenFile", "/state/api-token")
	js, _ := json.Marshal(cfg)
	out := fmt.Sprintf("%v %+v %#v %s %s %s", cfg, cfg, cfg, cfg.APIToken, js, logs.String())
	for _, secret := range []string{"tok-123456", "hunter2-passphrase", "export-tok-999", "raw-token-value", "0xdeadbeef"} {
		if strings.Contains(out, secret) {
			t.Errorf("secret %q leaked in:\n%s", secret, out)
		}
	}
	if !strings.Contains(logs.String(), "/state/api-token") {
		t.Error("file paths should stay visible in logs")
	}
	if cfg.APIToken.Reveal() != "tok-123456" {
		t.Error("Reveal lost the value")
	}
}
