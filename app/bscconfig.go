package app

import (
	"context"
	"fmt"
	"strings"

	"github.com/agentwallet/agentwallet/domain"
)

// BSCConfig configures BSC trading and transfers (PancakeSwap V2). The RPC
// URLs are provider credentials (ProvidersConfig, PUT /api/wallet/config):
// NODEREAL_BSC_RPC_URL, QUICKNODE_BSC_RPC_URL, then BSC_RPC_URL.
type BSCConfig struct {
	ChainID              uint64 `koanf:"chainId"`              // expected chain id; 0 = 56 (mainnet) or 97 (testnet)
	RouterAddress        string `koanf:"routerAddress"`        // PancakeSwap V2 router; empty = the network's
	WrappedNative        string `koanf:"wrappedNativeAddress"` // WBNB; empty = the router's WETH()
	ExplorerURL          string `koanf:"explorerUrl"`          // explorer base; empty = the network's bscscan
	TradePermissionMode  string `koanf:"tradePermissionMode"`  // initial mode; unset = user-sign-only
	AgentDailyTradeLimit int    `koanf:"agentDailyTradeLimit"` // agent-auto trades per UTC day
}

// bscEnvBindings are the reference's BSC names plus ours.
var bscEnvBindings = []envBinding{
	{"BSC_CHAIN_ID", "bsc.chainId", envString},
	{"BSC_SWAP_ROUTER_ADDRESS", "bsc.routerAddress", envString},
	{"BSC_WRAPPED_NATIVE_ADDRESS", "bsc.wrappedNativeAddress", envString},
	{"BSC_EXPLORER_URL", "bsc.explorerUrl", envString},
	{"AGENTWALLET_TRADE_PERMISSION_MODE", "bsc.tradePermissionMode", envString},
	{"AGENTWALLET_AGENT_DAILY_TRADE_LIMIT", "bsc.agentDailyTradeLimit", envString},
}

func defaultBSCConfig() BSCConfig {
	return BSCConfig{AgentDailyTradeLimit: domain.DefaultAgentDailyTradeLimit}
}

// bscNetwork holds the per-network defaults (providers.md, section 3).
type bscNetwork struct {
	chainID  uint64
	router   string
	explorer string
}

var bscNetworks = map[string]bscNetwork{
	"mainnet": {56, "0x10ED43C718714eb63d5aA57B78B54704E256024E", "https://bscscan.com"},
	"testnet": {97, "0xD99D1c33F9fC3444f8101754aBC46c52416550D1", "https://testnet.bscscan.com"},
}

// ProductionBSCRPCURL is the public RPC production-defaults sets when none is.
const ProductionBSCRPCURL = "https://bsc-dataseed.binance.org"

// resolved fills the network defaults in.
func (b BSCConfig) resolved(network string) BSCConfig {
	n, ok := bscNetworks[network]
	if !ok {
		n = bscNetworks["mainnet"]
	}
	if b.ChainID == 0 {
		b.ChainID = n.chainID
	}
	if b.RouterAddress == "" {
		b.RouterAddress = n.router
	}
	if b.ExplorerURL == "" {
		b.ExplorerURL = n.explorer
	}
	b.ExplorerURL = strings.TrimRight(b.ExplorerURL, "/")
	if b.AgentDailyTradeLimit <= 0 {
		b.AgentDailyTradeLimit = domain.DefaultAgentDailyTradeLimit
	}
	return b
}

// BSCRPCConfig is the wallet configuration's view of the BSC RPC URLs:
// WalletConfigService provides it.
type BSCRPCConfig interface {
	// Credential returns the effective value of c, "" when unset.
	Credential(ctx context.Context, c domain.ProviderCredential) (string, error)
	// Update stores credentials as PUT /api/wallet/config does.
	Update(ctx context.Context, u WalletConfigUpdate) error
}

// BSCRPCURLs lists the effective BSC RPC URLs in the order they are tried:
// NodeReal, QuickNode, then BSC_RPC_URL (a comma-separated list). A value
// that is not an http(s) URL is skipped, as balances skip it.
func BSCRPCURLs(ctx context.Context, rc BSCRPCConfig) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	for _, c := range []domain.ProviderCredential{domain.CredNodeRealBSCRPC, domain.CredQuickNodeBSC, domain.CredBSCRPC} {
		v, err := rc.Credential(ctx, c)
		if err != nil {
			return nil, err
		}
		for _, u := range strings.Split(v, ",") {
			if u = strings.TrimSpace(u); u != "" && !seen[u] && domain.CheckRPCURL(c, u) == nil {
				seen[u] = true
				out = append(out, u)
			}
		}
	}
	return out, nil
}

func (b BSCConfig) validate() []error {
	var errs []error
	if b.RouterAddress != "" {
		if _, err := domain.ParseEVMAddress(b.RouterAddress); err != nil {
			errs = append(errs, fmt.Errorf("bsc.routerAddress (BSC_SWAP_ROUTER_ADDRESS): %s", domain.MessageOf(err)))
		}
	}
	if b.WrappedNative != "" {
		if _, err := domain.ParseEVMAddress(b.WrappedNative); err != nil {
			errs = append(errs, fmt.Errorf("bsc.wrappedNativeAddress (BSC_WRAPPED_NATIVE_ADDRESS): %s", domain.MessageOf(err)))
		}
	}
	if b.TradePermissionMode != "" {
		if _, err := domain.ParseTradePermissionMode(b.TradePermissionMode); err != nil {
			errs = append(errs, fmt.Errorf("bsc.tradePermissionMode (AGENTWALLET_TRADE_PERMISSION_MODE): %s", domain.MessageOf(err)))
		}
	}
	if b.AgentDailyTradeLimit < 0 {
		errs = append(errs, fmt.Errorf("bsc.agentDailyTradeLimit must not be negative"))
	}
	return errs
}
