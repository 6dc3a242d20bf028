package app

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/agentwallet/agentwallet/domain"
)

// BSCConfig configures BSC trading and transfers (PancakeSwap V2).
type BSCConfig struct {
	RPCURL               []string `koanf:"rpcUrl"`               // BSC RPC URLs, tried in order after the provider ones
	NodeRealRPCURL       string   `koanf:"noderealRpcUrl"`       // provider RPC, tried first
	QuickNodeRPCURL      string   `koanf:"quicknodeRpcUrl"`      // provider RPC, tried second
	ChainID              uint64   `koanf:"chainId"`              // expected chain id; 0 = 56 (mainnet) or 97 (testnet)
	RouterAddress        string   `koanf:"routerAddress"`        // PancakeSwap V2 router; empty = the network's
	WrappedNative        string   `koanf:"wrappedNativeAddress"` // WBNB; empty = the router's WETH()
	ExplorerURL          string   `koanf:"explorerUrl"`          // explorer base; empty = the network's bscscan
	TradePermissionMode  string   `koanf:"tradePermissionMode"`  // initial mode; unset = user-sign-only
	AgentDailyTradeLimit int      `koanf:"agentDailyTradeLimit"` // agent-auto trades per UTC day
}

// bscEnvBindings are the reference's BSC names plus ours.
var bscEnvBindings = []envBinding{
	{"BSC_RPC_URL", "bsc.rpcUrl", envList},
	{"NODEREAL_BSC_RPC_URL", "bsc.noderealRpcUrl", envString},
	{"QUICKNODE_BSC_RPC_URL", "bsc.quicknodeRpcUrl", envString},
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

// URLs lists the RPC URLs in the order they are tried.
func (b BSCConfig) URLs() []string {
	var out []string
	seen := map[string]bool{}
	for _, u := range append([]string{b.NodeRealRPCURL, b.QuickNodeRPCURL}, b.RPCURL...) {
		if u = strings.TrimSpace(u); u != "" && !seen[u] {
			seen[u] = true
			out = append(out, u)
		}
	}
	return out
}

func (b BSCConfig) validate() []error {
	var errs []error
	for _, u := range b.URLs() {
		p, err := url.Parse(u)
		if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
			errs = append(errs, fmt.Errorf("bsc.rpcUrl (BSC_RPC_URL and provider URLs): every URL must be http(s), got one starting %q", truncateStr(u, 12)))
		}
	}
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

func truncateStr(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}
