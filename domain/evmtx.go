package domain

import "math/big"

// EVMTx is an unsigned EVM transaction in chain-neutral form. A nil GasFeeCap
// means a legacy (type 0) transaction priced by GasPrice; otherwise it is an
// EIP-1559 transaction priced by GasFeeCap and GasTipCap.
type EVMTx struct {
	ChainID   *big.Int
	Nonce     uint64
	To        string // checksummed address; empty for contract creation
	Value     *big.Int
	Data      []byte
	Gas       uint64
	GasPrice  *big.Int
	GasFeeCap *big.Int
	GasTipCap *big.Int
}

// SignedTx is a signed transaction ready to broadcast.
type SignedTx struct {
	Raw  []byte // RLP / typed envelope bytes
	Hash string // 0x-prefixed transaction hash
	From string // checksummed sender
}
