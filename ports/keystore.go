package ports

import (
	"context"

	"github.com/agentwallet/agentwallet/domain"
)

//go:generate go tool mockgen -typed -destination=../mocks/keystore.go -package=mocks . KeyStore,Signer,Sealer

// KeyStore holds the agent's private keys, encrypted at rest. Keys go in
// through Generate and Import and come out only through Export.
type KeyStore interface {
	// Generate creates and stores a fresh key for chain. If a key of that
	// chain exists and replace is false it returns KindConflict (code
	// KEY_EXISTS) and changes nothing.
	Generate(ctx context.Context, chain domain.Chain, replace bool) (domain.Wallet, error)
	// Import parses secret as a private key of chain and stores it, replacing
	// any key of that chain. An unusable key gives KindUnprocessable (code
	// INVALID_KEY) and leaves the stored key untouched.
	Import(ctx context.Context, chain domain.Chain, secret string) (domain.Wallet, error)
	// Wallets lists the stored keys' public faces without decrypting them;
	// no keys gives an empty list.
	Wallets(ctx context.Context) ([]domain.Wallet, error)
	// Export decrypts every stored key. A record that fails authentication
	// gives KindInternal.
	Export(ctx context.Context) ([]domain.ExportedKey, error)
}

// Signer signs with a stored key without ever handing the key out.
type Signer interface {
	// SignEVMTx signs tx with the EVM key. No EVM key gives KindNotFound; a
	// malformed tx (bad To, nil ChainID) gives KindInvalid.
	SignEVMTx(ctx context.Context, tx domain.EVMTx) (domain.SignedTx, error)
	// SignSolana signs message (a serialized Solana transaction message)
	// with the Solana key and returns the 64-byte signature. No Solana key
	// gives KindNotFound.
	SignSolana(ctx context.Context, message []byte) ([]byte, error)
}

// Sealer encrypts small secrets (provider API keys, the cloud API key) under
// the keystore's master key, bound to a purpose.
type Sealer interface {
	// Seal encrypts plaintext for purpose. It fails only with KindInternal.
	Seal(purpose string, plaintext []byte) ([]byte, error)
	// Open decrypts what Seal produced for the same purpose; tampering or a
	// different purpose gives KindInternal.
	Open(purpose string, sealed []byte) ([]byte, error)
}
