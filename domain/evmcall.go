package domain

import (
	"math/big"
	"time"
)

// EVMCall is what a transaction does: target, calldata and value. It is the
// unsigned tx the API hands to a user who signs elsewhere.
type EVMCall struct {
	To    string // checksummed contract or recipient
	Data  []byte // empty for a plain native transfer
	Value *big.Int
}

// EVMTxRequest asks the chain adapter to send a call from a wallet: it picks
// the nonce, gas and fees.
type EVMTxRequest struct {
	From   string // checksummed sender; the signer must hold its key
	Call   EVMCall
	MinGas uint64 // floor for the padded gas limit (swaps want headroom); 0 for none
}

// SentTx is a broadcast transaction.
type SentTx struct {
	Hash     string
	Nonce    uint64
	GasLimit uint64
	GasPrice *big.Int
	Value    *big.Int
}

// RPCStatus says which RPC endpoint answered and what chain it serves.
type RPCStatus struct {
	Host    string // host of the endpoint that answered, never the full URL (it may hold a key)
	ChainID uint64
}

// TokenInfo is an ERC-20's immutable metadata as read on chain.
type TokenInfo struct {
	Address  string // checksummed
	Symbol   string
	Decimals uint8
}

// SwapParams describes one exact-input swap through the router.
type SwapParams struct {
	Side      TradeSide
	AmountIn  *big.Int // native wei for a buy, token units for a sell
	MinOut    *big.Int
	Path      []string // [WBNB, token] for a buy, [token, WBNB] for a sell
	Recipient string
	Deadline  time.Time
}
