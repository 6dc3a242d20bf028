package app

import (
	"context"

	"github.com/agentwallet/agentwallet/domain"
	"github.com/agentwallet/agentwallet/ports"
)

// BalanceSources is what the balances and NFT use cases read from, as
// configured right now. A nil port switches its capability off; a blank
// address switches its side off.
type BalanceSources struct {
	// Version changes whenever the configuration behind these sources does
	// (keys, selections, network), so cached answers never outlive it.
	Version       string
	Network       domain.WalletNetwork
	EVMAddress    string
	SolanaAddress string

	EVMHoldings  ports.EVMHoldings         // nil: no EVM side
	EVMMetadata  ports.TokenMetadataSource // nil: only tokens with stored metadata are shown
	EVMNFTs      ports.EVMNFTs             // nil: no EVM NFTs
	EVMPrices    ports.EVMPrices           // nil: EVM USD values are null
	SolanaAssets ports.SolanaAssets        // nil: no Solana side
	SolanaPrices ports.SolanaPrices        // nil: no fallback for prices Solana's indexer lacks
}

// BalanceSourcer resolves the current BalanceSources on every call, so a
// configuration change takes effect without a restart.
type BalanceSourcer interface {
	BalanceSources(ctx context.Context) (BalanceSources, error)
}

// cacheKey identifies an answer: same configuration, same addresses.
func (s BalanceSources) cacheKey() string {
	return s.Version + "|" + string(s.Network) + "|" + s.EVMAddress + "|" + s.SolanaAddress
}
