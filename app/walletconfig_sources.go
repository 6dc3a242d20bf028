package app

import (
	"context"

	"github.com/agentwallet/agentwallet/domain"
)

// BalanceSources builds (or reuses) the providers for the effective
// configuration and adds the wallet's addresses.
func (s *WalletConfigService) BalanceSources(ctx context.Context) (BalanceSources, error) {
	e, err := s.load(ctx)
	if err != nil {
		return BalanceSources{}, err
	}
	version := e.version()
	s.mu.Lock()
	if s.version != version {
		built, err := s.build(e.ProviderSettings)
		if err != nil {
			s.mu.Unlock()
			return BalanceSources{}, err
		}
		s.version, s.built = version, built
	}
	src := s.built
	s.mu.Unlock()
	src.Version, src.Network = version, e.Network
	w, err := s.wallets(ctx)
	if err != nil {
		return BalanceSources{}, err
	}
	src.EVMAddress, src.SolanaAddress = addrOrEmpty(w.primary.EVM), addrOrEmpty(w.primary.Solana)
	return src, nil
}

// walletsNow is the local keys' addresses and, with the cloud wallet
// feature on, the cloud view whose primaries replace them.
type walletsNow struct {
	local   Addresses
	primary Addresses
	cloud   WalletView
}

func (s *WalletConfigService) wallets(ctx context.Context) (walletsNow, error) {
	ws, err := s.keys.Wallets(ctx)
	if err != nil {
		return walletsNow{}, err
	}
	var st walletsNow
	for _, w := range ws {
		addr := w.Address
		switch w.Chain {
		case domain.ChainEVM:
			st.local.EVM = &addr
		case domain.ChainSolana:
			st.local.Solana = &addr
		}
	}
	st.primary = st.local
	if s.cloud != nil {
		if st.cloud, err = s.cloud.WalletView(ctx); err != nil {
			return walletsNow{}, err
		}
		if st.cloud.Enabled {
			st.primary = Addresses{EVM: st.cloud.EVMAddress, Solana: st.cloud.SolanaAddress}
		}
	}
	return st, nil
}

func addrOrEmpty(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
