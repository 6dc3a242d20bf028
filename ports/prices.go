package ports

import (
	"context"

	"github.com/agentwallet/agentwallet/domain"
)

//go:generate go tool mockgen -typed -destination=../mocks/prices.go -package=mocks . EVMPrices,SolanaPrices

// EVMPrices gives USD prices for EVM tokens, across chains in one request.
type EVMPrices interface {
	// TokenPricesUSD prices tokens on any mix of chains in one request. Tokens
	// without a price are absent from the result. Errors: KindUnavailable when
	// the provider refuses; KindUpstream for an unparseable answer;
	// KindTimeout when ctx ends first.
	TokenPricesUSD(ctx context.Context, tokens []domain.TokenRef) (map[domain.TokenRef]domain.Decimal, error)
	// SymbolPricesUSD prices assets by ticker ("ETH", "BNB"), keyed by the
	// symbol as passed; unknown symbols are absent. Errors as TokenPricesUSD.
	SymbolPricesUSD(ctx context.Context, symbols []string) (map[string]domain.Decimal, error)
}

// SolanaPrices gives USD prices for Solana mints.
type SolanaPrices interface {
	// SolanaPricesUSD prices mints (base58; wrapped SOL prices SOL) in as few
	// requests as the provider allows. Mints without a price are absent.
	// Errors: KindUnavailable when the provider refuses; KindUpstream for an
	// unparseable answer; KindTimeout when ctx ends first.
	SolanaPricesUSD(ctx context.Context, mints []string) (map[string]domain.Decimal, error)
}
