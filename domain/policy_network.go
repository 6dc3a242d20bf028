package domain

import (
	"math/big"
	"strconv"
	"strings"
)

// EVMNetwork returns the CAIP-2 id of an EVM chain ("eip155:56" for BSC), the
// form policies name chains in.
func EVMNetwork(chainID uint64) string { return "eip155:" + strconv.FormatUint(chainID, 10) }

// networkChain tells the address family of a CAIP-2 network: eip155:<n> with
// n > 0 is EVM, solana:<ref> is Solana. ok is false for anything else.
func networkChain(network string) (Chain, bool) {
	ns, ref, found := strings.Cut(network, ":")
	if !found || ref == "" {
		return "", false
	}
	switch ns {
	case "eip155":
		n, err := strconv.ParseUint(ref, 10, 64)
		return ChainEVM, err == nil && n > 0
	case "solana":
		return ChainSolana, true
	}
	return "", false
}

// policyAddressChain tells whether s is an EVM address (0x + 40 hex digits)
// or a Solana address (base58 of 32 bytes).
func policyAddressChain(s string) (Chain, bool) {
	if isPolicyEVMAddress(s) {
		return ChainEVM, true
	}
	if isPolicySolanaAddress(s) {
		return ChainSolana, true
	}
	return "", false
}

// normalizePolicyAddress makes addresses of one family comparable: EVM
// addresses ignore case (checksums are only a display form); Solana's base58
// is case-sensitive.
func normalizePolicyAddress(s string, c Chain) string {
	if c == ChainEVM {
		return strings.ToLower(s)
	}
	return s
}

func isPolicyEVMAddress(s string) bool {
	if len(s) != 42 || (s[:2] != "0x" && s[:2] != "0X") {
		return false
	}
	for i := 2; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

const policyBase58Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"

// isPolicySolanaAddress reports whether s is base58 that decodes to exactly 32
// bytes, the size of an ed25519 public key.
func isPolicySolanaAddress(s string) bool {
	if len(s) < 32 || len(s) > 44 {
		return false
	}
	zeros := 0
	for zeros < len(s) && s[zeros] == '1' {
		zeros++
	}
	n := new(big.Int)
	base := big.NewInt(58)
	for i := 0; i < len(s); i++ {
		d := strings.IndexByte(policyBase58Alphabet, s[i])
		if d < 0 {
			return false
		}
		n.Mul(n, base).Add(n, big.NewInt(int64(d)))
	}
	return zeros+len(n.Bytes()) == 32
}
