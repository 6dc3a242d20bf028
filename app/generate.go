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

// stewardWallets creates wallets through Steward (*Steward); nil in Wallets
// when Steward is not configured.
type stewardWallets interface {
	GenerateWallets(ctx context.Context, chains []domain.Chain) ([]domain.Wallet, error)
	StewardAddresses(ctx context.Context) (evm, solana string, err error)
}

// Generate creates keys for the requested chains, through Steward when the
// source says so (or is omitted while Steward is configured). It checks
// every chain before creating any, so a refusal for one chain creates
// nothing.
func (w *Wallets) Generate(ctx context.Context, in GenerateInput) (GenerateResult, error) {
	chains, err := domain.ParseChainSelection(in.Chain)
	if err != nil {
		return GenerateResult{}, err
	}
	switch source := strings.ToLower(strings.TrimSpace(in.Source)); {
	case source == "local":
	case source == "steward" || source == "" && w.steward != nil:
		if w.steward == nil {
			return GenerateResult{}, ErrStewardNotConfigured
		}
		ws, err := w.steward.GenerateWallets(ctx, chains)
		if err != nil {
			return GenerateResult{}, err
		}
		return GenerateResult{Wallets: ws, Source: "steward"}, nil
	case source == "":
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
