package transport_test

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/agentwallet/agentwallet/app"
	"github.com/agentwallet/agentwallet/domain"
)

func (e *balEnv) put(body string) (int, map[string]any, string) {
	e.t.Helper()
	return e.call(http.MethodPut, "/api/wallet/config", body)
}

func TestWalletConfigDefaults(t *testing.T) {
	e := newBalEnv(t, false, nil)
	body, raw := e.mustGet("/api/wallet/config")
	sel := body["selectedRpcProviders"].(map[string]any)
	if sel["evm"] != "eliza-cloud" || sel["bsc"] != "eliza-cloud" || sel["solana"] != "eliza-cloud" {
		t.Errorf("selections = %v", sel)
	}
	for _, k := range []string{"alchemyKeySet", "infuraKeySet", "ankrKeySet", "heliusKeySet", "birdeyeKeySet", "nodeRealBscRpcSet", "quickNodeBscRpcSet", "managedBscRpcReady", "cloudManagedAccess"} {
		if body[k] != false {
			t.Errorf("%s = %v, want false", k, body[k])
		}
	}
	if body["walletNetwork"] != "mainnet" || body["evmAddress"] != balEVMAddr || body["solanaAddress"] != e.solAddr || body["walletSource"] != "local" {
		t.Errorf("config = %s", raw)
	}
	if got := body["evmChains"].([]any); len(got) != 7 || got[0] != "ethereum" || got[6] != "avalanche" {
		t.Errorf("evmChains = %v", got)
	}
	if body["executionReady"] != false || body["executionBlockedReason"] != "BSC RPC not configured" || body["solanaSigningAvailable"] != true {
		t.Errorf("execution fields: %s", raw)
	}
	if _, ok := body["wallets"]; ok {
		t.Error("wallets shown with the cloud wallet flag off")
	}
	if _, ok := body["primary"]; ok {
		t.Error("primary shown with the cloud wallet flag off")
	}
	for _, k := range []string{"legacyCustomChains", "automationMode", "pluginEvmLoaded", "pluginEvmRequired"} {
		if _, ok := body[k]; !ok {
			t.Errorf("config lacks %q", k)
		}
	}
}

func TestWalletConfigPutKeyThenGetShowsItWithoutEchoing(t *testing.T) {
	e := newBalEnv(t, false, nil)
	if _, raw := e.mustGet("/api/wallet/balances"); raw != `{"evm":null,"solana":null}` {
		t.Fatalf("before: %s", raw)
	}
	code, body, raw := e.put(`{"ALCHEMY_API_KEY":"alchemy-secret-key"}`)
	if code != http.StatusOK || body["ok"] != true {
		t.Fatalf("PUT = %d %s", code, raw)
	}
	cfg, raw := e.mustGet("/api/wallet/config")
	if cfg["alchemyKeySet"] != true || cfg["selectedRpcProviders"].(map[string]any)["evm"] != "alchemy" {
		t.Errorf("config after PUT: %s", raw)
	}
	assertNoSecrets(t, raw)

	// The change takes effect without a restart.
	e.fund()
	b, _ := e.mustGet("/api/wallet/balances")
	if b["evm"] == nil || b["solana"] != nil {
		t.Errorf("balances after PUT = %v, want evm only", b)
	}

	// Stored sealed: the key is nowhere in the database files, and survives
	// a restart.
	for _, f := range []string{"agentwallet.db", "agentwallet.db-wal"} {
		data, err := os.ReadFile(filepath.Join(e.cfg.StateDir, f))
		if err == nil && bytes.Contains(data, []byte("alchemy-secret-key")) {
			t.Errorf("%s holds the provider key in clear", f)
		}
	}
	e.app.Close()
	e.open()
	if cfg, raw := e.mustGet("/api/wallet/config"); cfg["alchemyKeySet"] != true {
		t.Errorf("after restart: %s", raw)
	}
}

func TestWalletConfigHeliusKeySetsSolanaRPC(t *testing.T) {
	e := newBalEnv(t, false, nil)
	if code, _, raw := e.put(`{"credentials":{"HELIUS_API_KEY":"k"}}`); code != http.StatusOK {
		t.Fatalf("PUT = %d %s", code, raw)
	}
	cfg, _ := e.mustGet("/api/wallet/config")
	if cfg["heliusKeySet"] != true || cfg["selectedRpcProviders"].(map[string]any)["solana"] != "helius-birdeye" {
		t.Errorf("config = %v", cfg)
	}
	url, err := e.app.WalletConfig.Credential(context.Background(), domain.CredSolanaRPC)
	if err != nil || url != e.helius.BaseURL()+"/?api-key=k" {
		t.Errorf("SOLANA_RPC_URL = %q, %v", url, err)
	}
	// Clearing the Helius key clears the URL it implied.
	if code, _, raw := e.put(`{"HELIUS_API_KEY":""}`); code != http.StatusOK {
		t.Fatalf("PUT = %d %s", code, raw)
	}
	if url, _ := e.app.WalletConfig.Credential(context.Background(), domain.CredSolanaRPC); url != "" {
		t.Errorf("SOLANA_RPC_URL after clearing = %q", url)
	}
}

func TestWalletConfigEmptyStringClearsOnlyThatKey(t *testing.T) {
	e := newBalEnv(t, true, nil) // keys from the config (environment)
	if code, _, raw := e.put(`{"ALCHEMY_API_KEY":""}`); code != http.StatusOK {
		t.Fatalf("PUT = %d %s", code, raw)
	}
	cfg, raw := e.mustGet("/api/wallet/config")
	if cfg["alchemyKeySet"] != false || cfg["heliusKeySet"] != true || cfg["birdeyeKeySet"] != true {
		t.Errorf("config = %s, want only alchemy cleared", raw)
	}
	// Selecting a provider does not delete other providers' keys (unlike the reference).
	if code, _, raw := e.put(`{"selections":{"solana":"eliza-cloud"}}`); code != http.StatusOK {
		t.Fatalf("PUT = %d %s", code, raw)
	}
	cfg, _ = e.mustGet("/api/wallet/config")
	if cfg["heliusKeySet"] != true || cfg["selectedRpcProviders"].(map[string]any)["solana"] != "eliza-cloud" {
		t.Errorf("config = %v", cfg)
	}
}

func TestWalletConfigAllElizaCloudTurnsCloudWalletOn(t *testing.T) {
	e := newBalEnv(t, false, nil)
	code, _, raw := e.put(`{"selections":{"evm":"eliza-cloud","bsc":"elizacloud","solana":"eliza-cloud"},"walletNetwork":"testnet"}`)
	if code != http.StatusOK {
		t.Fatalf("PUT = %d %s", code, raw)
	}
	cfg, raw := e.mustGet("/api/wallet/config")
	primary, ok := cfg["primary"].(map[string]any)
	if !ok || primary["evm"] != "local" || primary["solana"] != "local" {
		t.Fatalf("primary = %v in %s", cfg["primary"], raw)
	}
	wallets := cfg["wallets"].([]any)
	if len(wallets) != 2 || wallets[0].(map[string]any)["provider"] != "local" || wallets[0].(map[string]any)["source"] != "local" {
		t.Errorf("wallets = %v", wallets)
	}
	if cfg["walletNetwork"] != "testnet" {
		t.Errorf("walletNetwork = %v", cfg["walletNetwork"])
	}
	if n, err := e.app.WalletConfig.Network(context.Background()); err != nil || n != domain.NetworkTestnet {
		t.Errorf("Network() = %q, %v", n, err)
	}
}

func TestWalletConfigFlagFromConfigShowsWallets(t *testing.T) {
	e := newBalEnv(t, false, func(c *app.Config) { c.Cloud.WalletEnabled = true })
	cfg, _ := e.mustGet("/api/wallet/config")
	if _, ok := cfg["wallets"]; !ok {
		t.Error("wallets missing with ENABLE_CLOUD_WALLET on")
	}
}

func TestWalletConfigPutRejectsBadBodies(t *testing.T) {
	e := newBalEnv(t, false, nil)
	cases := []struct {
		name, body, mention string
	}{
		{"empty_object", `{}`, "Invalid wallet config update"},
		{"only_unknown_keys", `{"FOO_API_KEY":"x"}`, "FOO_API_KEY"},
		{"non_string_key", `{"ALCHEMY_API_KEY":42}`, "ALCHEMY_API_KEY"},
		{"bad_provider", `{"selections":{"evm":"nodereal"}}`, "selections.evm"},
		{"bad_family", `{"selections":{"cosmos":"alchemy"}}`, "selections.cosmos"},
		{"selection_not_string", `{"selections":{"evm":true}}`, "selections.evm"},
		{"selections_not_object", `{"selections":"alchemy"}`, "selections"},
		{"bad_network", `{"walletNetwork":"devnet"}`, "walletNetwork"},
		{"unknown_credential", `{"credentials":{"NOPE":"x"}}`, "NOPE"},
		{"credential_not_string", `{"credentials":{"HELIUS_API_KEY":null}}`, "credentials.HELIUS_API_KEY"},
		{"rpc_url_not_http", `{"BSC_RPC_URL":"ftp://node.example"}`, "BSC_RPC_URL"},
		{"not_an_object", `[1]`, "JSON object"},
		{"malformed", `{"a":`, "Invalid JSON"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, body, raw := e.put(tc.body)
			if code != http.StatusBadRequest {
				t.Fatalf("status = %d: %s", code, raw)
			}
			if msg, _ := body["error"].(string); !strings.Contains(msg, tc.mention) || body["code"] == "" {
				t.Errorf("error = %s, want it to mention %q", raw, tc.mention)
			}
		})
	}
	// A rejected body changes nothing, even its valid parts.
	e.put(`{"ALCHEMY_API_KEY":"alchemy-secret-key","selections":{"evm":"bogus"}}`)
	if cfg, _ := e.mustGet("/api/wallet/config"); cfg["alchemyKeySet"] != false {
		t.Error("a rejected update was partly applied")
	}
}
