package app

import (
	"context"

	"github.com/agentwallet/agentwallet/domain"
)

// Addresses are the agent's current addresses; nil where no key exists.
type Addresses struct {
	EVM    *string
	Solana *string
}

// Addresses returns the agent's EVM and Solana addresses without decrypting
// any key.
func (w *Wallets) Addresses(ctx context.Context) (Addresses, error) {
	ws, err := w.keys.Wallets(ctx)
	if err != nil {
		return Addresses{}, err
	}
	var out Addresses
	for _, wl := range ws {
		addr := wl.Address
		switch wl.Chain {
		case domain.ChainEVM:
			out.EVM = &addr
		case domain.ChainSolana:
			out.Solana = &addr
		}
	}
	if w.steward != nil {
		// Steward's wallets come first, as in the reference: once generated
		// through Steward, the agent's identity is the one Steward signs for.
		evm, sol, err := w.steward.StewardAddresses(ctx)
		if err != nil {
			return Addresses{}, err
		}
		if evm != "" {
			out.EVM = &evm
		}
		if sol != "" {
			out.Solana = &sol
		}
	}
	if w.primary != nil {
		return w.primary(ctx, out)
	}
	return out, nil
}

// followPrimary makes Addresses report each chain's primary wallet (local or
// cloud) as resolve decides.
func (w *Wallets) followPrimary(resolve func(ctx context.Context, local Addresses) (Addresses, error)) {
	w.primary = resolve
}
