package ports

import (
	"context"

	"github.com/agentwallet/agentwallet/domain"
)

//go:generate go tool mockgen -typed -destination=../mocks/nfts.go -package=mocks . EVMNFTs

// EVMNFTs lists the NFTs an address holds on one EVM chain.
type EVMNFTs interface {
	// NFTs returns the first page of owner's NFTs on chain (each with Chain
	// set to chain.Slug), newest provider order kept. None held is an empty
	// list, not an error. Errors: KindInvalid for an unserved chain or a
	// malformed owner; KindUnavailable when the provider refuses;
	// KindUpstream for an unparseable answer; KindTimeout when ctx ends first.
	NFTs(ctx context.Context, chain domain.EVMChain, owner string) ([]domain.NFT, error)
}
