package keystore

import (
	"crypto/ed25519"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"strings"

	"github.com/ethereum/go-ethereum/crypto"
	"github.com/mr-tron/base58"

	"github.com/agentwallet/agentwallet/domain"
)

// parsedKey is a validated private key in its canonical stored form: the
// 32-byte secp256k1 scalar for EVM, the 64-byte seed‖pubkey for Solana.
type parsedKey struct {
	chain   domain.Chain
	secret  []byte
	address string
}

// ParseKey validates a private key in text form for chain and returns its
// address. Errors are KindUnprocessable with code INVALID_KEY and never
// contain the key.
func ParseKey(chain domain.Chain, text string) (address string, err error) {
	k, err := parseKey(chain, text)
	if err != nil {
		return "", err
	}
	clear(k.secret)
	return k.address, nil
}

func parseKey(chain domain.Chain, text string) (parsedKey, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return parsedKey{}, domain.ErrInvalidKey("private key is empty")
	}
	switch chain {
	case domain.ChainEVM:
		return parseEVMKey(text)
	case domain.ChainSolana:
		return parseSolanaKey(text)
	}
	return parsedKey{}, domain.Errorf(domain.KindInvalid, "unknown chain %q", chain)
}

func parseEVMKey(text string) (parsedKey, error) {
	h := text
	if len(h) >= 2 && h[0] == '0' && (h[1] == 'x' || h[1] == 'X') {
		h = h[2:]
	}
	if len(h) != 64 {
		return parsedKey{}, domain.ErrInvalidKey("invalid EVM private key: must be 64 hex characters, got %d", len(h))
	}
	b, err := hex.DecodeString(h)
	if err != nil {
		return parsedKey{}, domain.ErrInvalidKey("invalid EVM private key: invalid hex characters")
	}
	priv, err := crypto.ToECDSA(b)
	if err != nil {
		clear(b)
		return parsedKey{}, domain.ErrInvalidKey("invalid EVM private key: not a valid secp256k1 scalar")
	}
	return parsedKey{chain: domain.ChainEVM, secret: b, address: crypto.PubkeyToAddress(priv.PublicKey).Hex()}, nil
}

func parseSolanaKey(text string) (parsedKey, error) {
	var b []byte
	if strings.HasPrefix(text, "[") {
		// The solana-keygen file form: a JSON array of byte values.
		var nums []int
		if err := json.Unmarshal([]byte(text), &nums); err != nil {
			return parsedKey{}, domain.ErrInvalidKey("invalid Solana private key: malformed JSON byte array")
		}
		b = make([]byte, len(nums))
		for i, n := range nums {
			if n < 0 || n > 255 {
				clear(b)
				return parsedKey{}, domain.ErrInvalidKey("invalid Solana private key: byte %d out of range", i)
			}
			b[i] = byte(n)
		}
		clear(nums)
	} else {
		var err error
		if b, err = base58.Decode(text); err != nil {
			return parsedKey{}, domain.ErrInvalidKey("invalid Solana private key: not base58")
		}
	}
	defer clear(b)
	var priv ed25519.PrivateKey
	switch len(b) {
	case ed25519.SeedSize:
		priv = ed25519.NewKeyFromSeed(b)
	case ed25519.PrivateKeySize:
		priv = ed25519.NewKeyFromSeed(b[:ed25519.SeedSize])
		// The reference took the address from the second half unchecked; a
		// mismatched half would show an address the key cannot sign for.
		if subtle.ConstantTimeCompare(priv[ed25519.SeedSize:], b[ed25519.SeedSize:]) != 1 {
			clear(priv)
			return parsedKey{}, domain.ErrInvalidKey("invalid Solana private key: public key half does not match the seed")
		}
	default:
		return parsedKey{}, domain.ErrInvalidKey("invalid Solana private key: must be 32 or 64 bytes, got %d", len(b))
	}
	return parsedKey{chain: domain.ChainSolana, secret: priv, address: base58.Encode(priv[ed25519.SeedSize:])}, nil
}

// formatSecret renders a stored secret in the export form.
func formatSecret(chain domain.Chain, secret []byte) string {
	if chain == domain.ChainEVM {
		return "0x" + hex.EncodeToString(secret)
	}
	return base58.Encode(secret)
}
