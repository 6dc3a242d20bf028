package transport_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/agentwallet/agentwallet/adapters/elizacloud/elizacloudfake"
	"github.com/agentwallet/agentwallet/app"
	"github.com/agentwallet/agentwallet/domain"
)

func withCloudWallets(agentID string) func(*app.Config) {
	return func(c *app.Config) {
		c.Cloud.WalletEnabled = true
		c.AgentID = agentID
	}
}

func TestCloudWalletRoutesAre404WhenFeatureOff(t *testing.T) {
	t.Parallel()
	e := newCloudEnv(t, elizacloudfake.Options{}, nil)
	e.login()
	if code, _ := e.do(http.MethodPost, "/api/wallet/primary", map[string]any{"chain": "evm", "source": "local"}); code != http.StatusNotFound {
		t.Errorf("primary with the feature off = %d", code)
	}
	if code, _ := e.do(http.MethodPost, "/api/wallet/refresh-cloud", nil); code != http.StatusNotFound {
		t.Errorf("refresh with the feature off = %d", code)
	}
	v, err := e.app.Cloud.WalletView(t.Context())
	if err != nil || v.Enabled || v.Wallets != nil {
		t.Errorf("wallet view with the feature off = %+v, %v", v, err)
	}
}

func TestCloudWalletPrimaryValidation(t *testing.T) {
	t.Parallel()
	e := newCloudEnv(t, elizacloudfake.Options{}, withCloudWallets(""))
	tests := []struct {
		body map[string]any
		code int
	}{
		{map[string]any{"chain": "btc", "source": "local"}, http.StatusBadRequest},
		{map[string]any{"chain": "evm", "source": "remote"}, http.StatusBadRequest},
		{map[string]any{"chain": "evm", "source": "cloud"}, http.StatusConflict}, // no cloud wallet yet
		{map[string]any{"chain": "solana", "source": "local"}, http.StatusOK},
	}
	for _, tt := range tests {
		if code, body := e.do(http.MethodPost, "/api/wallet/primary", tt.body); code != tt.code {
			t.Errorf("primary %v = %d %v, want %d", tt.body, code, body, tt.code)
		}
	}
}

func TestCloudRefreshNeedsLoginAndAgent(t *testing.T) {
	t.Parallel()
	e := newCloudEnv(t, elizacloudfake.Options{}, withCloudWallets(""))
	if code, body := e.do(http.MethodPost, "/api/wallet/refresh-cloud", nil); code != http.StatusBadRequest || body["code"] != domain.CodeCloudNotConnected {
		t.Errorf("refresh without login = %d %v", code, body)
	}
	e.login()
	if code, body := e.do(http.MethodPost, "/api/wallet/refresh-cloud", nil); code != http.StatusBadRequest || body["code"] != "NO_AGENT" {
		t.Errorf("refresh without an agent = %d %v", code, body)
	}
}

func TestCloudLoginProvisionsWalletsAndAddressesFollowPrimary(t *testing.T) {
	t.Parallel()
	e := newCloudEnv(t, elizacloudfake.Options{}, withCloudWallets(""))
	if code, body := e.do(http.MethodPost, "/api/wallet/generate", map[string]any{}); code != http.StatusOK {
		t.Fatalf("generate = %d %v", code, body)
	}
	_, local := e.do(http.MethodGet, "/api/wallet/addresses", nil)
	e.login()
	_, addrs := e.do(http.MethodGet, "/api/wallet/addresses", nil)
	evm, _ := addrs["evmAddress"].(string)
	sol, _ := addrs["solanaAddress"].(string)
	if evm == local["evmAddress"] || sol == local["solanaAddress"] || !strings.HasPrefix(evm, "0x") || sol == "" {
		t.Fatalf("after login the addresses should be the cloud wallets: local %v, now %v", local, addrs)
	}
	v, err := e.app.Cloud.WalletView(t.Context())
	if err != nil || len(v.Wallets) != 4 || v.Primary[domain.ChainEVM] != domain.SourceCloud {
		t.Fatalf("wallet view = %+v, %v", v, err)
	}
	// Back to local for EVM: bindings change, the address follows.
	code, body := e.do(http.MethodPost, "/api/wallet/primary", map[string]any{"chain": "evm", "source": "local"})
	if code != http.StatusOK || body["restarting"] != true || body["source"] != "local" {
		t.Fatalf("primary evm local = %d %v", code, body)
	}
	if _, body = e.do(http.MethodPost, "/api/wallet/primary", map[string]any{"chain": "evm", "source": "local"}); body["restarting"] != false {
		t.Errorf("choosing the same source again = %v, want restarting false", body)
	}
	if _, addrs = e.do(http.MethodGet, "/api/wallet/addresses", nil); addrs["evmAddress"] != local["evmAddress"] || addrs["solanaAddress"] != sol {
		t.Errorf("addresses after evm->local = %v", addrs)
	}
	// Disconnect: cloud wallets stop being primary, local keys come back.
	e.do(http.MethodPost, "/api/cloud/disconnect", nil)
	if _, addrs = e.do(http.MethodGet, "/api/wallet/addresses", nil); addrs["evmAddress"] != local["evmAddress"] || addrs["solanaAddress"] != local["solanaAddress"] {
		t.Errorf("addresses after disconnect = %v, want the local ones %v", addrs, local)
	}
}

func TestCloudLoginSucceedsWhenWalletProvisioningFails(t *testing.T) {
	t.Parallel()
	e := newCloudEnv(t, elizacloudfake.Options{}, withCloudWallets(""))
	e.fake.FailWalletChain(domain.ChainEVM, true)
	e.fake.FailWalletChain(domain.ChainSolana, true)
	e.login() // fails the test unless the status is authenticated
	if _, body := e.do(http.MethodGet, "/api/cloud/credits", nil); body["connected"] != true {
		t.Errorf("credits after a login whose wallet provisioning failed = %v", body)
	}
	if _, addrs := e.do(http.MethodGet, "/api/wallet/addresses", nil); addrs["evmAddress"] != nil {
		t.Errorf("addresses = %v, want none", addrs)
	}
}

func TestCloudRefreshPartialFailureKeepsCachedWallet(t *testing.T) {
	t.Parallel()
	e := newCloudEnv(t, elizacloudfake.Options{}, nil)
	e.login()
	agent := e.fake.AddAgent("Wallet Agent", "running")
	e.cfg.Cloud.WalletEnabled, e.cfg.AgentID = true, agent
	e.restart()

	code, first := e.do(http.MethodPost, "/api/wallet/refresh-cloud", nil)
	wallets, _ := first["wallets"].(map[string]any)
	if code != http.StatusOK || wallets["evm"] == nil || wallets["solana"] == nil || first["restarting"] != true || first["warnings"] != nil {
		t.Fatalf("first refresh = %d %v", code, first)
	}
	oldSol := wallets["solana"].(map[string]any)["address"]
	oldEVM := wallets["evm"].(map[string]any)["address"]

	// Upstream rotates every wallet, and Solana starts failing: EVM picks
	// up the new address, Solana keeps the cached one with a warning.
	e.fake.RotateWallets()
	e.fake.FailWalletChain(domain.ChainSolana, true)
	code, second := e.do(http.MethodPost, "/api/wallet/refresh-cloud", nil)
	wallets, _ = second["wallets"].(map[string]any)
	warnings, _ := second["warnings"].([]any)
	if code != http.StatusOK || len(warnings) != 1 || !strings.Contains(warnings[0].(string), "solana") {
		t.Fatalf("partial refresh = %d %v", code, second)
	}
	if wallets["solana"].(map[string]any)["address"] != oldSol {
		t.Errorf("solana wallet = %v, want the cached %v", wallets["solana"], oldSol)
	}
	if wallets["evm"].(map[string]any)["address"] == oldEVM || second["restarting"] != true {
		t.Errorf("evm wallet = %v (restarting %v), want the rotated address", wallets["evm"], second["restarting"])
	}
	if _, addrs := e.do(http.MethodGet, "/api/wallet/addresses", nil); addrs["solanaAddress"] != oldSol {
		t.Errorf("addresses = %v", addrs)
	}

	// Every chain failing is a 502 and changes nothing.
	e.fake.FailWalletChain(domain.ChainEVM, true)
	if code, body := e.do(http.MethodPost, "/api/wallet/refresh-cloud", nil); code != http.StatusBadGateway {
		t.Errorf("refresh with every chain failing = %d %v", code, body)
	}
	e.restart()
	v, err := e.app.Cloud.WalletView(t.Context())
	if err != nil || len(v.Wallets) != 2 || *v.SolanaAddress != oldSol {
		t.Errorf("wallet view after restart = %+v, %v", v, err)
	}
}
