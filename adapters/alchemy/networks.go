package alchemy

// networks maps chain ids to Alchemy's network names: the node subdomain and
// the Prices API's network field.
var networks = map[uint64]string{
	1:        "eth-mainnet",
	8453:     "base-mainnet",
	42161:    "arb-mainnet",
	10:       "opt-mainnet",
	137:      "polygon-mainnet",
	56:       "bnb-mainnet",
	43114:    "avax-mainnet",
	11155111: "eth-sepolia",
	84532:    "base-sepolia",
	421614:   "arb-sepolia",
	11155420: "opt-sepolia",
	80002:    "polygon-amoy",
	97:       "bnb-testnet",
	43113:    "avax-fuji",
}

// Network returns Alchemy's network name for a chain id ("eth-mainnet").
func Network(chainID uint64) (string, bool) {
	n, ok := networks[chainID]
	return n, ok
}

// chainIDOf is the inverse of Network.
func chainIDOf(network string) (uint64, bool) {
	for id, n := range networks {
		if n == network {
			return id, true
		}
	}
	return 0, false
}
