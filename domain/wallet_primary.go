package domain

// PrimarySources records, per chain, which source the operator wants as the
// primary wallet. The zero value is local for both chains.
type PrimarySources struct {
	EVM, Solana WalletSource // empty means local
}

// For returns the chosen source of chain c.
func (p PrimarySources) For(c Chain) WalletSource {
	var s WalletSource
	switch c {
	case ChainEVM:
		s = p.EVM
	case ChainSolana:
		s = p.Solana
	}
	if s == "" {
		return SourceLocal
	}
	return s
}

// With returns a copy of p with chain c set to s.
func (p PrimarySources) With(c Chain, s WalletSource) PrimarySources {
	switch c {
	case ChainEVM:
		p.EVM = s
	case ChainSolana:
		p.Solana = s
	}
	return p
}

// Choose sets chain c's primary to s. Choosing cloud for a chain that has no
// cloud wallet is a conflict: it would leave the chain without an address.
func (p PrimarySources) Choose(c Chain, s WalletSource, cloud CloudWalletSet) (PrimarySources, error) {
	if s == SourceCloud {
		if _, ok := cloud.Get(c); !ok {
			return p, Errorf(KindConflict, "no cloud %s wallet; run refresh-cloud first", c).WithCode("CLOUD_WALLET_MISSING")
		}
	}
	return p.With(c, s), nil
}

// AfterCloudBound makes every chain that has a cloud wallet use it, as a
// successful login or refresh does.
func (p PrimarySources) AfterCloudBound(cloud CloudWalletSet) PrimarySources {
	for _, w := range cloud.All() {
		p = p.With(w.Chain, SourceCloud)
	}
	return p
}

// AfterDisconnect returns every chain to local: without a cloud login the
// cloud wallets cannot be used and must not be shown as the agent's.
func (p PrimarySources) AfterDisconnect() PrimarySources { return PrimarySources{} }

// WalletBinding is the wallet a chain is bound to: where it lives and its
// address (empty when the chain has no wallet at all).
type WalletBinding struct {
	Source  WalletSource
	Address string
}

// WalletBindings is the binding of every chain. Two values compare equal
// exactly when no signer needs rebinding.
type WalletBindings struct {
	EVM, Solana WalletBinding
}

// For returns chain c's binding.
func (b WalletBindings) For(c Chain) WalletBinding {
	if c == ChainSolana {
		return b.Solana
	}
	return b.EVM
}

// Bind resolves which wallet each chain uses: the cloud wallet when cloud is
// chosen and one is cached, otherwise the local key's address (possibly
// empty). local maps a chain to its local address.
func (p PrimarySources) Bind(local map[Chain]string, cloud CloudWalletSet) WalletBindings {
	bind := func(c Chain) WalletBinding {
		if p.For(c) == SourceCloud {
			if w, ok := cloud.Get(c); ok {
				return WalletBinding{Source: SourceCloud, Address: w.Address}
			}
		}
		return WalletBinding{Source: SourceLocal, Address: local[c]}
	}
	return WalletBindings{EVM: bind(ChainEVM), Solana: bind(ChainSolana)}
}

// WalletEntry is one wallet in the listing of GET /api/wallet/config.
type WalletEntry struct {
	Source   WalletSource
	Chain    Chain
	Address  string
	Provider string // "local", "privy" or "steward"
	Primary  bool
}

// List returns every wallet the agent has, local before cloud within each
// chain, marking the bound one primary. Chains with no local key have no
// local entry.
func (p PrimarySources) List(local map[Chain]string, cloud CloudWalletSet) []WalletEntry {
	bound := p.Bind(local, cloud)
	var out []WalletEntry
	for _, c := range Chains {
		b := bound.For(c)
		if addr := local[c]; addr != "" {
			out = append(out, WalletEntry{Source: SourceLocal, Chain: c, Address: addr, Provider: "local", Primary: b.Source == SourceLocal})
		}
		if w, ok := cloud.Get(c); ok {
			out = append(out, WalletEntry{Source: SourceCloud, Chain: c, Address: w.Address, Provider: string(w.Provider), Primary: b.Source == SourceCloud})
		}
	}
	return out
}
