package app_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/agentwallet/agentwallet/app"
)

func TestBSCConfigFromEnv(t *testing.T) {
	env := map[string]string{
		"BSC_RPC_URL":                         "https://a.example, https://b.example",
		"NODEREAL_BSC_RPC_URL":                "https://nodereal.example/key",
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
	if !slices.Equal(b.URLs(), []string{"https://nodereal.example/key", "https://a.example", "https://b.example"}) {
		t.Errorf("URLs = %v", b.URLs())
	}
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
	cfg.BSC.RPCURL = []string{"ws://node.example"}
	cfg.BSC.RouterAddress = "0x123"
	cfg.BSC.TradePermissionMode = "yolo"
	err := cfg.Validate()
	for _, want := range []string{"bsc.rpcUrl", "bsc.routerAddress", "bsc.tradePermissionMode"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Validate() = %v, want a problem with %s", err, want)
		}
	}
}
