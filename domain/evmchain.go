package domain

import "strings"

// WalletNetwork selects mainnets or their testnets for every chain the wallet
// reads. It is the `walletNetwork` of the config API.
type WalletNetwork string

// The wallet networks.
const (
	NetworkMainnet WalletNetwork = "mainnet"
	NetworkTestnet WalletNetwork = "testnet"
)

// ParseWalletNetwork parses "mainnet" or "testnet" (case-insensitive,
// trimmed); a blank string means mainnet, as in the reference.
func ParseWalletNetwork(s string) (WalletNetwork, error) {
	switch n := WalletNetwork(strings.ToLower(strings.TrimSpace(s))); n {
	case "":
		return NetworkMainnet, nil
	case NetworkMainnet, NetworkTestnet:
		return n, nil
	}
	return "", Errorf(KindInvalid, "walletNetwork must be \"mainnet\" or \"testnet\", got %q", Clip(s, 40))
}

// EVMChain describes one EVM network whose balances and NFTs the wallet
// reads. Vendor names (RPC subdomains, price slugs) live in the adapters,
// keyed by ChainID.
type EVMChain struct {
	Slug          string // lower-case id shown by the API ("ethereum"); a testnet keeps its mainnet's slug
	Name          string // display name ("Ethereum")
	ChainID       uint64
	NativeSymbol  string
	Testnet       bool
	WrappedNative string // ERC-20 wrapping the native coin, used to price it; empty on testnets
}

// NativeDecimals is the decimals of every supported chain's native coin.
const NativeDecimals = 18

var evmMainnets = []EVMChain{
	{Slug: "ethereum", Name: "Ethereum", ChainID: 1, NativeSymbol: "ETH", WrappedNative: "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2"},
	{Slug: "base", Name: "Base", ChainID: 8453, NativeSymbol: "ETH", WrappedNative: "0x4200000000000000000000000000000000000006"},
	{Slug: "arbitrum", Name: "Arbitrum", ChainID: 42161, NativeSymbol: "ETH", WrappedNative: "0x82aF49447D8a07e3bd95BD0d56f35241523fBab1"},
	{Slug: "optimism", Name: "Optimism", ChainID: 10, NativeSymbol: "ETH", WrappedNative: "0x4200000000000000000000000000000000000006"},
	{Slug: "polygon", Name: "Polygon", ChainID: 137, NativeSymbol: "POL", WrappedNative: "0x0d500B1d8E8eF31E21C99d1Db9A6444d3ADf1270"},
	{Slug: "bsc", Name: "BSC", ChainID: 56, NativeSymbol: "BNB", WrappedNative: "0xbb4CdB9CBd36B01bD1cBaEBF2De08d9173bc095c"},
	{Slug: "avalanche", Name: "Avalanche", ChainID: 43114, NativeSymbol: "AVAX", WrappedNative: "0xB31f66AA3C1e785363F0875A1B74E27b85FD66c7"},
}

// Testnet coins have no market price, so testnets carry no WrappedNative.
var evmTestnets = []EVMChain{
	{Slug: "ethereum", Name: "Ethereum Sepolia", ChainID: 11155111, NativeSymbol: "ETH", Testnet: true},
	{Slug: "base", Name: "Base Sepolia", ChainID: 84532, NativeSymbol: "ETH", Testnet: true},
	{Slug: "arbitrum", Name: "Arbitrum Sepolia", ChainID: 421614, NativeSymbol: "ETH", Testnet: true},
	{Slug: "optimism", Name: "Optimism Sepolia", ChainID: 11155420, NativeSymbol: "ETH", Testnet: true},
	{Slug: "polygon", Name: "Polygon Amoy", ChainID: 80002, NativeSymbol: "POL", Testnet: true},
	{Slug: "bsc", Name: "BSC Testnet", ChainID: 97, NativeSymbol: "BNB", Testnet: true},
	{Slug: "avalanche", Name: "Avalanche Fuji", ChainID: 43113, NativeSymbol: "AVAX", Testnet: true},
}

// EVMChains lists the EVM chains read on network, in display order. The
// caller gets its own copy.
func EVMChains(n WalletNetwork) []EVMChain {
	if n == NetworkTestnet {
		return append([]EVMChain(nil), evmTestnets...)
	}
	return append([]EVMChain(nil), evmMainnets...)
}

// EVMChainByID finds a supported chain, mainnet or testnet, by chain id.
func EVMChainByID(id uint64) (EVMChain, bool) {
	for _, list := range [][]EVMChain{evmMainnets, evmTestnets} {
		for _, c := range list {
			if c.ChainID == id {
				return c, true
			}
		}
	}
	return EVMChain{}, false
}

// EVMChainSlugs lists the lower-case ids of the chains read on every network
// ("ethereum", "base", ...), in display order: the config API's evmChains.
func EVMChainSlugs() []string {
	out := make([]string, len(evmMainnets))
	for i, c := range evmMainnets {
		out[i] = c.Slug
	}
	return out
}
