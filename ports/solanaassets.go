package ports

import (
	"context"

	"github.com/agentwallet/agentwallet/domain"
)

//go:generate go tool mockgen -typed -destination=../mocks/solanaassets.go -package=mocks . SolanaAssets

// SolanaAssets reads a Solana address's SOL, SPL tokens and NFTs from an
// indexer (Helius DAS).
type SolanaAssets interface {
	// SolanaHoldings returns lamports, the SOL price if the indexer has one,
	// and fungible tokens with metadata and per-token prices where known, in
	// one request. Errors: KindInvalid for a malformed owner; KindUnavailable
	// when the provider refuses; KindUpstream for an unparseable answer;
	// KindTimeout when ctx ends first.
	SolanaHoldings(ctx context.Context, owner string) (domain.SolanaHoldings, error)
	// SolanaNFTs returns the first page of owner's NFTs (Contract = mint).
	// None held is an empty list. Errors as SolanaHoldings.
	SolanaNFTs(ctx context.Context, owner string) ([]domain.NFT, error)
}
