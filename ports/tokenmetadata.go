package ports

import (
	"context"

	"github.com/agentwallet/agentwallet/domain"
)

//go:generate go tool mockgen -typed -destination=../mocks/tokenmetadata.go -package=mocks . TokenMetadataSource,TokenMetadataStore

// TokenMetadataSource looks up ERC-20 metadata (symbol, name, decimals, logo)
// at a provider. Metadata never changes, so callers keep what it returns in a
// TokenMetadataStore.
type TokenMetadataSource interface {
	// TokenMetadata looks up contracts (lower-case hex) on chain in as few
	// requests as the provider allows. The result is keyed by the contract as
	// passed; a contract the provider does not know is simply absent. With
	// an error the map may still hold the contracts that were answered;
	// the others are unknown for now, not "not a token".
	// Errors (for the whole lookup): KindInvalid for an unserved chain;
	// KindUnavailable when the provider refuses; KindUpstream for an
	// unparseable answer; KindTimeout when ctx ends first.
	TokenMetadata(ctx context.Context, chain domain.EVMChain, contracts []string) (map[string]domain.TokenMetadata, error)
}

// TokenMetadataStore keeps token metadata for good, per chain id and
// contract (lower-case hex).
type TokenMetadataStore interface {
	// LoadTokenMetadata returns the stored entries among contracts, keyed by
	// the contract as passed; contracts never saved are absent (no error).
	// Errors: KindUnavailable when the store cannot be read.
	LoadTokenMetadata(ctx context.Context, chainID uint64, contracts []string) (map[string]domain.TokenMetadata, error)
	// SaveTokenMetadata stores entries keyed by their lower-cased Contract,
	// replacing earlier ones. Errors: KindUnavailable when the store cannot
	// be written.
	SaveTokenMetadata(ctx context.Context, chainID uint64, entries []domain.TokenMetadata) error
}
