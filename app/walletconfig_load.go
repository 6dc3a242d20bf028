package app

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"sort"
	"strings"

	"github.com/agentwallet/agentwallet/domain"
)

// effective is the configuration after stored settings are applied.
type effective struct {
	ProviderSettings
}

// load merges stored settings over the base configuration.
func (s *WalletConfigService) load(ctx context.Context) (effective, error) {
	stored, err := s.settings.AllSettings(ctx)
	if err != nil {
		return effective{}, err
	}
	e := effective{ProviderSettings: ProviderSettings{Network: s.base.Network, Credentials: map[domain.ProviderCredential]string{}}}
	for c, v := range s.base.Credentials {
		if v = strings.TrimSpace(v); v != "" { // as the environment's values are
			e.Credentials[c] = v
		}
	}
	for _, c := range domain.ProviderCredentials {
		raw, ok := stored[settingCredential+string(c)]
		if !ok {
			continue
		}
		v, err := s.open(c, raw)
		if err != nil {
			return effective{}, err
		}
		if v == "" {
			delete(e.Credentials, c)
		} else {
			e.Credentials[c] = v
		}
	}
	if n, ok := stored[settingNetwork]; ok {
		if net, err := domain.ParseWalletNetwork(n); err == nil {
			e.Network = net
		}
	}
	e.Selections = domain.InferRPCSelections(e.Set)
	for _, f := range domain.RPCFamilies {
		v, ok := stored[settingSelection+string(f)]
		if !ok {
			continue
		}
		p := domain.NormalizeRPCProvider(f, v)
		switch f {
		case domain.FamilyEVM:
			e.Selections.EVM = p
		case domain.FamilyBSC:
			e.Selections.BSC = p
		case domain.FamilySolana:
			e.Selections.Solana = p
		}
	}
	return e, nil
}

// Credential returns the effective value of c ("" when unset), for other
// use cases that need a provider URL or key (BSC RPC, Solana RPC).
func (s *WalletConfigService) Credential(ctx context.Context, c domain.ProviderCredential) (string, error) {
	e, err := s.load(ctx)
	if err != nil {
		return "", err
	}
	return e.Credentials[c], nil
}

// Network returns the effective wallet network (PUT /api/wallet/config can
// change it at run time), for use cases that pick chains or endpoints by it.
func (s *WalletConfigService) Network(ctx context.Context) (domain.WalletNetwork, error) {
	e, err := s.load(ctx)
	if err != nil {
		return "", err
	}
	return e.Network, nil
}

// version fingerprints the effective configuration; a hash, so no
// credential shows in cache keys.
func (e effective) version() string {
	h := sha256.New()
	h.Write([]byte(string(e.Network) + "|" + string(e.Selections.EVM) + "|" + string(e.Selections.BSC) + "|" + string(e.Selections.Solana)))
	names := make([]string, 0, len(e.Credentials))
	for c := range e.Credentials {
		names = append(names, string(c))
	}
	sort.Strings(names)
	for _, n := range names {
		h.Write([]byte("|" + n + "=" + e.Credentials[domain.ProviderCredential(n)]))
	}
	return hex.EncodeToString(h.Sum(nil)[:12])
}

func (s *WalletConfigService) seal(c domain.ProviderCredential, v string) (string, error) {
	sealed, err := s.sealer.Seal(sealPurposePrefix+string(c), []byte(v))
	if err != nil {
		return "", err
	}
	return base64.StdEncoding.EncodeToString(sealed), nil
}

func (s *WalletConfigService) open(c domain.ProviderCredential, stored string) (string, error) {
	raw, err := base64.StdEncoding.DecodeString(stored)
	if err != nil {
		return "", domain.Errorf(domain.KindInternal, "stored credential %s is corrupt", c).Wrap(err)
	}
	v, err := s.sealer.Open(sealPurposePrefix+string(c), raw)
	if err != nil {
		return "", err
	}
	return string(v), nil
}
