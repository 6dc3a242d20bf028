package app

import (
	"context"
	"strings"

	"github.com/agentwallet/agentwallet/domain"
)

// ImportInput is a request to import an existing private key.
type ImportInput struct {
	PrivateKey string
	Chain      string // evm or solana; detected from the key when empty
}

// Import stores a user-supplied key. A bad key leaves the stored key as it
// was.
func (w *Wallets) Import(ctx context.Context, in ImportInput) (domain.Wallet, error) {
	if strings.TrimSpace(in.PrivateKey) == "" {
		return domain.Wallet{}, domain.Errorf(domain.KindInvalid, "privateKey is required")
	}
	chain := domain.DetectKeyChain(in.PrivateKey)
	if strings.TrimSpace(in.Chain) != "" {
		var err error
		if chain, err = domain.ParseChain(in.Chain); err != nil {
			return domain.Wallet{}, err
		}
	}
	wl, err := w.keys.Import(ctx, chain, in.PrivateKey)
	if err != nil {
		return domain.Wallet{}, err
	}
	w.log.InfoContext(ctx, "wallet key imported", "chain", chain, "address", wl.Address)
	return wl, nil
}
