package app_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/agentwallet/agentwallet/app"
	"github.com/agentwallet/agentwallet/domain"
)

func TestBSCConfigFromEnv(t *testing.T) {
	env := map[string]string{
		"BSC_CHAIN_ID":                        "1337",
		"BSC_SWAP_ROUTER_ADDRESS":             "0x10ed43c718714eb63d5aa57b78b54704e256024e",
		"AGENTWALLET_TRADE_PERMISSION_MODE":   "agent-auto",
		"AGENTWALLET_AGENT_DAILY_TRADE_LIMIT": "7",
	}
	cfg, err := app.LoadConfig("", func(k string) (string, bool) { v, ok := env[k]; return v, ok })
	if err != nil {
		t.Fatal(err)
	}
	b := cfg.BSC
	if b.ChainID != 1337 || b.TradePermissionMode != "agent-auto" || b.AgentDailyTradeLimit != 7 {
		t.Errorf("bsc config = %+v", b)
	}
	if err := cfg.Validate(); err != nil {
		t.Errorf("Validate: %v", err)
	}
}

func TestBSCConfigValidate(t *testing.T) {
	cfg := app.DefaultConfig()
	cfg.StateDir = t.TempDir()
	cfg.BSC.RouterAddress = "0x123"
	cfg.BSC.TradePermissionMode = "yolo"
	err := cfg.Validate()
	for _, want := range []string{"bsc.routerAddress", "bsc.tradePermissionMode"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Validate() = %v, want a problem with %s", err, want)
		}
	}
}

// fakeRPCConfig is the wallet configuration's BSC credentials in memory.
type fakeRPCConfig map[domain.ProviderCredential]string

func (f fakeRPCConfig) Credential(_ context.Context, c domain.ProviderCredential) (string, error) {
	return f[c], nil
}

func (f fakeRPCConfig) Update(_ context.Context, u app.WalletConfigUpdate) error {
	for k, v := range u.Credentials {
		f[domain.ProviderCredential(k)] = v
	}
	return nil
}

func TestBSCRPCURLsOrderAndSkips(t *testing.T) {
	rc := fakeRPCConfig{
		domain.CredBSCRPC:         " https://a.example , ws://bad.example, https://b.example,https://q.example",
		domain.CredNodeRealBSCRPC: "https://nodereal.example/key",
		domain.CredQuickNodeBSC:   "https://q.example",
	}
	got, err := app.BSCRPCURLs(context.Background(), rc)
	want := []string{"https://nodereal.example/key", "https://q.example", "https://a.example", "https://b.example"}
	if err != nil || !slices.Equal(got, want) {
		t.Fatalf("BSCRPCURLs = %v, %v; want %v", got, err, want)
	}
}
