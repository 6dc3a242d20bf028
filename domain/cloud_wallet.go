package domain

import "strings"

// WalletSource says where a chain's wallet lives: a key held locally, or a
// wallet managed by Eliza Cloud.
type WalletSource string

// The wallet sources.
const (
	SourceLocal WalletSource = "local"
	SourceCloud WalletSource = "cloud"
)

// ParseWalletSource parses "local" or "cloud" (case-insensitive, trimmed).
func ParseWalletSource(s string) (WalletSource, error) {
	switch src := WalletSource(strings.ToLower(strings.TrimSpace(s))); src {
	case SourceLocal, SourceCloud:
		return src, nil
	}
	return "", Errorf(KindInvalid, "source must be \"local\" or \"cloud\", got %q", Clip(s, 40))
}

// CloudWalletProvider is who holds a cloud wallet's key on the cloud side.
type CloudWalletProvider string

// The providers the cloud reports.
const (
	ProviderPrivy   CloudWalletProvider = "privy"
	ProviderSteward CloudWalletProvider = "steward"
)

// ParseCloudWalletProvider maps the cloud's provider field. The cloud omits
// it for Privy-provisioned wallets, so anything but "steward" is Privy.
func ParseCloudWalletProvider(s string) CloudWalletProvider {
	if strings.EqualFold(strings.TrimSpace(s), string(ProviderSteward)) {
		return ProviderSteward
	}
	return ProviderPrivy
}

// CloudWallet describes a wallet that Eliza Cloud manages for the agent on
// one chain. It holds no key material.
type CloudWallet struct {
	ID       string // the cloud's wallet id (agentWalletId); may be empty
	Chain    Chain
	Address  string
	Provider CloudWalletProvider
}

// NewCloudWallet validates a descriptor: the address must look like an
// address of the chain (0x + 40 hex for EVM, 32..44 base58 characters for
// Solana), because the cloud sends one address field for every chain.
func NewCloudWallet(chain Chain, address string, provider CloudWalletProvider, id string) (CloudWallet, error) {
	address = strings.TrimSpace(address)
	if !looksLikeAddress(chain, address) {
		return CloudWallet{}, Errorf(KindNotFound, "agent has no cloud %s wallet provisioned", chain).WithCode("CLOUD_WALLET_MISSING")
	}
	if provider == "" {
		provider = ProviderPrivy
	}
	return CloudWallet{ID: id, Chain: chain, Address: address, Provider: provider}, nil
}

func looksLikeAddress(chain Chain, s string) bool {
	switch chain {
	case ChainEVM:
		if len(s) != 42 || (s[:2] != "0x" && s[:2] != "0X") {
			return false
		}
		for i := 2; i < len(s); i++ {
			if !strings.ContainsRune("0123456789abcdefABCDEF", rune(s[i])) {
				return false
			}
		}
		return true
	case ChainSolana:
		if len(s) < 32 || len(s) > 44 {
			return false
		}
		const alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
		for i := 0; i < len(s); i++ {
			if !strings.ContainsRune(alphabet, rune(s[i])) {
				return false
			}
		}
		return true
	}
	return false
}

// CloudWalletSet holds at most one cloud wallet per chain: the cache of
// descriptors the daemon keeps between refreshes.
type CloudWalletSet struct {
	evm, solana *CloudWallet
}

// Get returns the chain's cloud wallet, if any.
func (s CloudWalletSet) Get(c Chain) (CloudWallet, bool) {
	var w *CloudWallet
	switch c {
	case ChainEVM:
		w = s.evm
	case ChainSolana:
		w = s.solana
	}
	if w == nil {
		return CloudWallet{}, false
	}
	return *w, true
}

// With returns a copy of s holding w for w's chain.
func (s CloudWalletSet) With(w CloudWallet) CloudWalletSet {
	switch w.Chain {
	case ChainEVM:
		s.evm = &w
	case ChainSolana:
		s.solana = &w
	}
	return s
}

// All returns the wallets in chain display order.
func (s CloudWalletSet) All() []CloudWallet {
	var out []CloudWallet
	for _, c := range Chains {
		if w, ok := s.Get(c); ok {
			out = append(out, w)
		}
	}
	return out
}

// Empty reports whether the set holds no wallet.
func (s CloudWalletSet) Empty() bool { return s.evm == nil && s.solana == nil }
