package ports

import (
	"context"
	"math/big"

	"github.com/agentwallet/agentwallet/domain"
)

//go:generate go tool mockgen -typed -destination=../mocks/evm.go -package=mocks . EVMNode,ERC20,SwapRouter,EVMTxSender

// Errors every method below may return besides its own: KindUnavailable
// (code BSC_RPC_NOT_CONFIGURED when no RPC URL is set, BSC_CHAIN_MISMATCH
// when every endpoint serves another chain id, else no endpoint answered)
// and KindTimeout.

// EVMNode reads the chain itself through the configured RPC endpoints, in
// order, until one answers.
type EVMNode interface {
	// Status reports the endpoint that answered and its chain id; an
	// endpoint on the wrong chain is skipped, so a chain id here always
	// matches the configured one.
	Status(ctx context.Context) (domain.RPCStatus, error)
	// NativeBalance returns owner's native balance in wei at the latest block.
	NativeBalance(ctx context.Context, owner string) (*big.Int, error)
	// HasCode reports whether a contract is deployed at addr.
	HasCode(ctx context.Context, addr string) (bool, error)
}

// ERC20 reads ERC-20 tokens and encodes their calls.
type ERC20 interface {
	// TokenInfo returns symbol and decimals, cached forever. No contract at
	// token, or one that does not answer decimals(), gives KindUnprocessable
	// with code INVALID_TOKEN. A missing symbol falls back to "TKN-" plus the
	// address's last four hex digits.
	TokenInfo(ctx context.Context, token string) (domain.TokenInfo, error)
	// TokenBalance returns owner's balance of token in base units.
	TokenBalance(ctx context.Context, token, owner string) (*big.Int, error)
	// Allowance returns what spender may move of owner's token.
	Allowance(ctx context.Context, token, owner, spender string) (*big.Int, error)
	// ApproveCall encodes token.approve(spender, amount). It does no I/O and
	// fails only with KindInvalid for a malformed address.
	ApproveCall(token, spender string, amount *big.Int) (domain.EVMCall, error)
	// TransferCall encodes token.transfer(to, amount), same rules.
	TransferCall(token, to string, amount *big.Int) (domain.EVMCall, error)
}

// SwapRouter quotes and encodes swaps on a Uniswap-V2-style router
// (PancakeSwap V2 on BSC).
type SwapRouter interface {
	// RouterAddress returns the configured router, checksummed.
	RouterAddress() string
	// WrappedNative returns the wrapped native token (WBNB): the configured
	// one, else the router's WETH(), read once.
	WrappedNative(ctx context.Context) (string, error)
	// AmountsOut runs getAmountsOut(amountIn, path) and returns one amount per
	// path element. A pair without liquidity (the router reverts) gives
	// KindUnprocessable with code NO_LIQUIDITY.
	AmountsOut(ctx context.Context, amountIn *big.Int, path []string) ([]*big.Int, error)
	// SwapCall encodes the fee-on-transfer-safe exact-input swap for p: a buy
	// pays AmountIn as value, a sell pays none. No I/O; KindInvalid for a
	// malformed path or recipient.
	SwapCall(p domain.SwapParams) (domain.EVMCall, error)
}

// SignEVMTxFunc signs a complete transaction; ports.Signer.SignEVMTx fits.
type SignEVMTxFunc func(ctx context.Context, tx domain.EVMTx) (domain.SignedTx, error)

// EVMTxSender broadcasts transactions and follows them.
type EVMTxSender interface {
	// Submit estimates gas (padded, at least req.MinGas), prices it, assigns
	// req.From's next nonce (consecutive under concurrency), signs with sign
	// and broadcasts. A node answer of "nonce too low" resyncs the nonce and
	// retries once. A call that would revert gives KindUnprocessable (code
	// EXECUTION_REVERTED), too little native coin KindInsufficientFunds;
	// errors of sign are returned unchanged.
	Submit(ctx context.Context, req domain.EVMTxRequest, sign SignEVMTxFunc) (domain.SentTx, error)
	// TxState reports a transaction's status: pending while known but not
	// mined, success or reverted by receipt, not_found when the node has
	// never seen it. A malformed hash gives KindInvalid.
	TxState(ctx context.Context, hash string) (domain.TxState, error)
}
