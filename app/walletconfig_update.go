package app

import (
	"context"
	"strings"

	"github.com/agentwallet/agentwallet/domain"
)

// WalletConfigUpdate is PUT /api/wallet/config. Credentials not named are
// left alone; an empty string clears one.
type WalletConfigUpdate struct {
	Selections    map[string]string // family ("evm", "bsc", "solana") -> provider
	WalletNetwork *string
	Credentials   map[string]string // e.g. "ALCHEMY_API_KEY" -> value
}

var errEmptyConfigUpdate = domain.Errorf(domain.KindInvalid, "Invalid wallet config update: give selections, walletNetwork or credentials")

// Update validates u as a whole, then stores it in one transaction:
// credentials sealed, a Helius key also setting SOLANA_RPC_URL (clearing it
// clears that URL unless the request names one), and all-eliza-cloud
// selections turning the cloud wallet on. Errors: KindInvalid naming the bad
// field; store failures.
func (s *WalletConfigService) Update(ctx context.Context, u WalletConfigUpdate) error {
	if len(u.Selections) == 0 && u.WalletNetwork == nil && len(u.Credentials) == 0 {
		return errEmptyConfigUpdate
	}
	changes := map[string]*string{}
	set := func(k, v string) { changes[k] = &v }

	selections := map[domain.RPCFamily]domain.RPCProvider{}
	for family, provider := range u.Selections {
		f := domain.RPCFamily(family)
		if !isFamily(f) {
			return domain.Errorf(domain.KindInvalid, "selections.%s: unknown chain family (use evm, bsc or solana)", domain.Clip(family, 40))
		}
		p, err := domain.ParseRPCProvider(f, provider)
		if err != nil {
			return err
		}
		selections[f] = p
		set(settingSelection+family, string(p))
	}
	if u.WalletNetwork != nil {
		n, err := domain.ParseWalletNetwork(*u.WalletNetwork)
		if err != nil || strings.TrimSpace(*u.WalletNetwork) == "" {
			return domain.Errorf(domain.KindInvalid, "walletNetwork must be \"mainnet\" or \"testnet\"")
		}
		set(settingNetwork, string(n))
	}
	creds := map[domain.ProviderCredential]string{}
	for name, value := range u.Credentials {
		c, ok := domain.ParseProviderCredential(name)
		if !ok {
			return domain.Errorf(domain.KindInvalid, "%s: unknown credential", domain.Clip(name, 40))
		}
		v := strings.TrimSpace(value)
		if v != "" && c.IsURL() {
			if err := domain.CheckRPCURL(c, v); err != nil {
				return err
			}
		}
		creds[c] = v
	}
	if key, ok := creds[domain.CredHeliusKey]; ok {
		if _, explicit := creds[domain.CredSolanaRPC]; !explicit {
			switch {
			case key != "" && s.base.HeliusRPCURL != nil:
				creds[domain.CredSolanaRPC] = s.base.HeliusRPCURL(key)
			case key == "":
				creds[domain.CredSolanaRPC] = ""
			}
		}
	}
	for c, v := range creds {
		sealed, err := s.seal(c, v)
		if err != nil {
			return err
		}
		set(settingCredential+string(c), sealed)
	}

	s.updateMu.Lock()
	defer s.updateMu.Unlock()
	if len(selections) > 0 {
		cur, err := s.load(ctx)
		if err != nil {
			return err
		}
		next := cur.Selections
		for f, p := range selections {
			switch f {
			case domain.FamilyEVM:
				next.EVM = p
			case domain.FamilyBSC:
				next.BSC = p
			case domain.FamilySolana:
				next.Solana = p
			}
		}
		if next.AllElizaCloud() {
			set(SettingCloudWalletEnabled, "1")
		}
	}
	return s.settings.UpdateSettings(ctx, changes)
}

func isFamily(f domain.RPCFamily) bool {
	for _, known := range domain.RPCFamilies {
		if f == known {
			return true
		}
	}
	return false
}
