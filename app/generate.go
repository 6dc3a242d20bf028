package app

import (
	"context"
	"strings"

	"github.com/agentwallet/agentwallet/domain"
)

// GenerateInput is a request to create new wallet keys.
type GenerateInput struct {
	Chain   string // evm, solana or both (default both)
	Source  string // local or steward (default: steward when configured, else local)
	Replace bool   // overwrite an existing key of the chain
}

// GenerateResult lists the wallets created.
type GenerateResult struct {
	Wallets []domain.Wallet
	Source  string
}

// ErrStewardNotConfigured is returned when a request needs Steward and none
// is configured.
var ErrStewardNotConfigured = domain.Errorf(domain.KindUnavailable,
	"Steward is not configured: set STEWARD_API_URL, or generate with \"source\": \"local\"").WithCode("STEWARD_NOT_CONFIGURED")

// Generate creates keys for the requested chains. It checks every chain
// before creating any, so a refusal for one chain creates nothing.
func (w *Wallets) Generate(ctx context.Context, in GenerateInput) (GenerateResult, error) {
	chains, err := domain.ParseChainSelection(in.Chain)
	if err != nil {
		return GenerateResult{}, err
	}
	switch strings.ToLower(strings.TrimSpace(in.Source)) {
	case "", "local":
	case "steward":
		return GenerateResult{}, ErrStewardNotConfigured
	default:
		return GenerateResult{}, domain.Errorf(domain.KindInvalid, "source must be \"local\" or \"steward\", got %q", in.Source)
	}
	if !in.Replace {
		existing, err := w.keys.Wallets(ctx)
		if err != nil {
			return GenerateResult{}, err
		}
		for _, e := range existing {
			for _, c := range chains {
				if e.Chain == c {
					return GenerateResult{}, domain.ErrKeyExists(c)
				}
			}
		}
	}
	out := GenerateResult{Source: "local"}
	for _, c := range chains {
		wl, err := w.keys.Generate(ctx, c, in.Replace)
		if err != nil {
			return GenerateResult{}, err
		}
		w.log.InfoContext(ctx, "wallet key generated", "chain", c, "address", wl.Address, "replaced", in.Replace)
		out.Wallets = append(out.Wallets, wl)
	}
	return out, nil
}
