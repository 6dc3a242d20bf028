package domain

import (
	"strings"
	"time"
)

// Wallet is a stored key's public face: its chain and address. It never
// carries key material.
type Wallet struct {
	Chain     Chain
	Address   string // EIP-55 checksummed for EVM, base58 for Solana
	CreatedAt time.Time
}

// ExportedKey is a private key leaving the keystore through the guarded
// export use case, the only path by which a key is ever shown.
type ExportedKey struct {
	Chain      Chain
	Address    string
	PrivateKey string // 0x-hex for EVM, base58 of seed‖pubkey for Solana
}

// DetectKeyChain guesses the chain of a private key in text form, as the
// reference does: a key that starts with 0x, or is exactly 64 hex digits, is
// EVM; anything else is Solana.
func DetectKeyChain(key string) Chain {
	k := strings.TrimSpace(key)
	if strings.HasPrefix(k, "0x") || strings.HasPrefix(k, "0X") || (len(k) == 64 && isHex(k)) {
		return ChainEVM
	}
	return ChainSolana
}

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// ErrInvalidKey builds the error for a private key that cannot be used.
func ErrInvalidKey(format string, args ...any) *Error {
	return Errorf(KindUnprocessable, format, args...).WithCode("INVALID_KEY")
}

// ErrKeyExists builds the refusal to overwrite an existing key of chain.
func ErrKeyExists(chain Chain) *Error {
	return Errorf(KindConflict, "a key for chain %s already exists; send \"replace\": true to overwrite it (its funds become unreachable unless you exported it)", chain).WithCode("KEY_EXISTS")
}
