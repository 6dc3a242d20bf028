package domain

import (
	"net/url"
	"strings"
)

// RPCProvider names who serves a chain family's RPC and data: the config
// API's selectedRpcProviders values.
type RPCProvider string

// The providers.
const (
	ProviderElizaCloud    RPCProvider = "eliza-cloud"
	ProviderAlchemy       RPCProvider = "alchemy"
	ProviderInfura        RPCProvider = "infura"
	ProviderAnkr          RPCProvider = "ankr"
	ProviderNodeReal      RPCProvider = "nodereal"
	ProviderQuickNode     RPCProvider = "quicknode"
	ProviderHeliusBirdeye RPCProvider = "helius-birdeye"
)

// RPCFamily is a selection slot: "evm", "bsc" or "solana".
type RPCFamily string

// The selection slots.
const (
	FamilyEVM    RPCFamily = "evm"
	FamilyBSC    RPCFamily = "bsc"
	FamilySolana RPCFamily = "solana"
)

// RPCFamilies lists the slots in display order.
var RPCFamilies = []RPCFamily{FamilyEVM, FamilyBSC, FamilySolana}

var familyProviders = map[RPCFamily][]RPCProvider{
	FamilyEVM:    {ProviderAlchemy, ProviderInfura, ProviderAnkr, ProviderElizaCloud},
	FamilyBSC:    {ProviderAlchemy, ProviderAnkr, ProviderNodeReal, ProviderQuickNode, ProviderElizaCloud},
	FamilySolana: {ProviderHeliusBirdeye, ProviderElizaCloud},
}

// providerAliases are older spellings still found in stored configs.
var providerAliases = map[string]RPCProvider{
	"elizacloud": ProviderElizaCloud,
	"helius":     ProviderHeliusBirdeye,
}

// ParseRPCProvider parses a provider for family (case-insensitive, trimmed,
// aliases accepted). A provider the family does not offer is KindInvalid.
func ParseRPCProvider(family RPCFamily, s string) (RPCProvider, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	p := RPCProvider(t)
	if a, ok := providerAliases[t]; ok {
		p = a
	}
	for _, allowed := range familyProviders[family] {
		if p == allowed {
			return p, nil
		}
	}
	return "", Errorf(KindInvalid, "selections.%s: unknown provider %q", family, Clip(s, 40))
}

// NormalizeRPCProvider reads a stored value leniently: aliases map to their
// names and anything unknown falls back to eliza-cloud, the default.
func NormalizeRPCProvider(family RPCFamily, s string) RPCProvider {
	p, err := ParseRPCProvider(family, s)
	if err != nil {
		return ProviderElizaCloud
	}
	return p
}

// RPCSelections is the provider chosen per family.
type RPCSelections struct {
	EVM    RPCProvider
	BSC    RPCProvider
	Solana RPCProvider
}

// AllElizaCloud reports whether every family is served by Eliza Cloud,
// which turns the cloud wallet feature on.
func (s RPCSelections) AllElizaCloud() bool {
	return s.EVM == ProviderElizaCloud && s.BSC == ProviderElizaCloud && s.Solana == ProviderElizaCloud
}

// ProviderCredential is a credential name the config API accepts: API keys
// and RPC URLs (which often embed a key, so they are secrets too).
type ProviderCredential string

// The credentials, with the reference's environment names.
const (
	CredAlchemyKey     ProviderCredential = "ALCHEMY_API_KEY"
	CredInfuraKey      ProviderCredential = "INFURA_API_KEY"
	CredAnkrKey        ProviderCredential = "ANKR_API_KEY"
	CredHeliusKey      ProviderCredential = "HELIUS_API_KEY"
	CredBirdeyeKey     ProviderCredential = "BIRDEYE_API_KEY"
	CredEthereumRPC    ProviderCredential = "ETHEREUM_RPC_URL"
	CredBaseRPC        ProviderCredential = "BASE_RPC_URL"
	CredAvalancheRPC   ProviderCredential = "AVALANCHE_RPC_URL"
	CredNodeRealBSCRPC ProviderCredential = "NODEREAL_BSC_RPC_URL"
	CredQuickNodeBSC   ProviderCredential = "QUICKNODE_BSC_RPC_URL"
	CredBSCRPC         ProviderCredential = "BSC_RPC_URL"
	CredSolanaRPC      ProviderCredential = "SOLANA_RPC_URL"
)

// ProviderCredentials lists every credential the config API accepts.
var ProviderCredentials = []ProviderCredential{
	CredAlchemyKey, CredInfuraKey, CredAnkrKey, CredHeliusKey, CredBirdeyeKey,
	CredEthereumRPC, CredBaseRPC, CredAvalancheRPC, CredNodeRealBSCRPC, CredQuickNodeBSC, CredBSCRPC, CredSolanaRPC,
}

// ParseProviderCredential recognises a credential name (exact spelling).
func ParseProviderCredential(s string) (ProviderCredential, bool) {
	for _, c := range ProviderCredentials {
		if string(c) == s {
			return c, true
		}
	}
	return "", false
}

// InferRPCSelections picks providers from which credentials are set, as the
// reference does when nothing is stored: evm alchemy > infura > ankr >
// eliza-cloud; bsc nodereal > quicknode > alchemy > ankr > eliza-cloud;
// solana helius-birdeye when a Helius or Birdeye key is set.
func InferRPCSelections(set func(ProviderCredential) bool) RPCSelections {
	pick := func(order []ProviderCredential, providers []RPCProvider) RPCProvider {
		for i, c := range order {
			if set(c) {
				return providers[i]
			}
		}
		return ProviderElizaCloud
	}
	s := RPCSelections{
		EVM: pick([]ProviderCredential{CredAlchemyKey, CredInfuraKey, CredAnkrKey}, []RPCProvider{ProviderAlchemy, ProviderInfura, ProviderAnkr}),
		BSC: pick([]ProviderCredential{CredNodeRealBSCRPC, CredQuickNodeBSC, CredAlchemyKey, CredAnkrKey},
			[]RPCProvider{ProviderNodeReal, ProviderQuickNode, ProviderAlchemy, ProviderAnkr}),
		Solana: ProviderElizaCloud,
	}
	if set(CredHeliusKey) || set(CredBirdeyeKey) {
		s.Solana = ProviderHeliusBirdeye
	}
	return s
}

// IsURL reports whether the credential is an RPC URL rather than an API key.
func (c ProviderCredential) IsURL() bool { return strings.HasSuffix(string(c), "_URL") }

// CheckRPCURL refuses an RPC URL that is not absolute http(s) with a host.
func CheckRPCURL(c ProviderCredential, s string) error {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return Errorf(KindInvalid, "%s must be an http(s) URL", c)
	}
	return nil
}
