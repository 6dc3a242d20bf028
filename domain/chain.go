package domain

import "strings"

// Chain is the family of a wallet key: EVM (secp256k1) or Solana (ed25519).
type Chain string

// The chains a wallet key can belong to.
const (
	ChainEVM    Chain = "evm"
	ChainSolana Chain = "solana"
)

// Chains lists every chain in display order.
var Chains = []Chain{ChainEVM, ChainSolana}

// ParseChain parses "evm" or "solana" (case-insensitive, trimmed).
func ParseChain(s string) (Chain, error) {
	switch c := Chain(strings.ToLower(strings.TrimSpace(s))); c {
	case ChainEVM, ChainSolana:
		return c, nil
	}
	return "", Errorf(KindInvalid, "chain must be \"evm\" or \"solana\", got %q", Clip(s, 40))
}

// ParseChainSelection parses the generate request's chain: "evm", "solana" or
// "both"; an empty string means both.
func ParseChainSelection(s string) ([]Chain, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "both":
		return []Chain{ChainEVM, ChainSolana}, nil
	case "evm":
		return []Chain{ChainEVM}, nil
	case "solana":
		return []Chain{ChainSolana}, nil
	}
	return nil, Errorf(KindInvalid, "chain must be \"evm\", \"solana\" or \"both\", got %q", Clip(s, 40))
}
