package ports

import (
	"context"

	"github.com/agentwallet/agentwallet/domain"
)

//go:generate go tool mockgen -typed -destination=../mocks/evmholdings.go -package=mocks . EVMHoldings

// EVMHoldings reads what an address holds on one EVM chain. Providers with a
// token index (Alchemy) list ERC-20s too; plain RPC endpoints only the native
// coin.
type EVMHoldings interface {
	// Holdings returns owner's native balance (wei) and every ERC-20 with a
	// non-zero balance (raw units, contracts in lower-case hex), in one round
	// trip where the provider allows it. An address that never transacted
	// holds zero, not "not found". Errors: KindInvalid for a chain the
	// provider does not serve or a malformed owner; KindUnavailable when the
	// provider refuses (rate limit, bad key, 5xx); KindUpstream for an answer
	// that cannot be parsed; KindTimeout when ctx ends first.
	Holdings(ctx context.Context, chain domain.EVMChain, owner string) (domain.EVMHoldings, error)
}
