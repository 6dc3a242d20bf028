package nativerpc

import "net/url"

// Network names per chain id in Infura's and Ankr's URL schemes.
var (
	infuraNetworks = map[uint64]string{
		1: "mainnet", 8453: "base-mainnet", 42161: "arbitrum-mainnet", 10: "optimism-mainnet",
		137: "polygon-mainnet", 56: "bsc-mainnet", 43114: "avalanche-mainnet",
		11155111: "sepolia", 84532: "base-sepolia", 421614: "arbitrum-sepolia", 11155420: "optimism-sepolia",
		80002: "polygon-amoy", 97: "bsc-testnet", 43113: "avalanche-fuji",
	}
	ankrChains = map[uint64]string{
		1: "eth", 8453: "base", 42161: "arbitrum", 10: "optimism", 137: "polygon", 56: "bsc", 43114: "avalanche",
		11155111: "eth_sepolia", 84532: "base_sepolia", 421614: "arbitrum_sepolia", 11155420: "optimism_sepolia",
		80002: "polygon_amoy", 97: "bsc_testnet_chapel", 43113: "avalanche_fuji",
	}
)

// InfuraURLs returns https://{network}.infura.io/v3/{key} for every chain
// id Infura serves.
func InfuraURLs(key string) map[uint64]string {
	out := make(map[uint64]string, len(infuraNetworks))
	key = url.PathEscape(key) // one path segment, whatever the key holds
	for id, n := range infuraNetworks {
		out[id] = "https://" + n + ".infura.io/v3/" + key
	}
	return out
}

// AnkrURLs returns https://rpc.ankr.com/{chain}/{key} for every chain id
// Ankr serves.
func AnkrURLs(key string) map[uint64]string {
	out := make(map[uint64]string, len(ankrChains))
	key = url.PathEscape(key)
	for id, n := range ankrChains {
		out[id] = "https://rpc.ankr.com/" + n + "/" + key
	}
	return out
}
