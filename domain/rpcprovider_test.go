package domain_test

import (
	"testing"

	"github.com/agentwallet/agentwallet/domain"
)

func TestParseRPCProvider(t *testing.T) {
	t.Parallel()
	cases := []struct {
		family domain.RPCFamily
		in     string
		want   domain.RPCProvider
		ok     bool
	}{
		{domain.FamilyEVM, "alchemy", domain.ProviderAlchemy, true},
		{domain.FamilyEVM, " Eliza-Cloud ", domain.ProviderElizaCloud, true},
		{domain.FamilyEVM, "elizacloud", domain.ProviderElizaCloud, true},
		{domain.FamilySolana, "helius", domain.ProviderHeliusBirdeye, true},
		{domain.FamilyBSC, "nodereal", domain.ProviderNodeReal, true},
		{domain.FamilyEVM, "nodereal", "", false},
		{domain.FamilySolana, "alchemy", "", false},
		{domain.FamilyEVM, "", "", false},
	}
	for _, tc := range cases {
		got, err := domain.ParseRPCProvider(tc.family, tc.in)
		if got != tc.want || (err == nil) != tc.ok {
			t.Errorf("ParseRPCProvider(%s, %q) = %q, %v", tc.family, tc.in, got, err)
		}
		if err != nil && domain.KindOf(err) != domain.KindInvalid {
			t.Errorf("kind = %v", domain.KindOf(err))
		}
	}
	if got := domain.NormalizeRPCProvider(domain.FamilyEVM, "bogus"); got != domain.ProviderElizaCloud {
		t.Errorf("unknown stored provider = %q, want eliza-cloud", got)
	}
}

func TestInferRPCSelections(t *testing.T) {
	t.Parallel()
	set := func(names ...domain.ProviderCredential) func(domain.ProviderCredential) bool {
		return func(c domain.ProviderCredential) bool {
			for _, n := range names {
				if n == c {
					return true
				}
			}
			return false
		}
	}
	cases := []struct {
		name string
		set  []domain.ProviderCredential
		want domain.RPCSelections
	}{
		{"nothing_is_cloud", nil, domain.RPCSelections{EVM: "eliza-cloud", BSC: "eliza-cloud", Solana: "eliza-cloud"}},
		{"alchemy_wins_evm_and_bsc", []domain.ProviderCredential{domain.CredAnkrKey, domain.CredAlchemyKey}, domain.RPCSelections{EVM: "alchemy", BSC: "alchemy", Solana: "eliza-cloud"}},
		{"nodereal_wins_bsc", []domain.ProviderCredential{domain.CredAlchemyKey, domain.CredNodeRealBSCRPC}, domain.RPCSelections{EVM: "alchemy", BSC: "nodereal", Solana: "eliza-cloud"}},
		{"birdeye_alone_selects_helius_birdeye", []domain.ProviderCredential{domain.CredBirdeyeKey}, domain.RPCSelections{EVM: "eliza-cloud", BSC: "eliza-cloud", Solana: "helius-birdeye"}},
	}
	for _, tc := range cases {
		if got := domain.InferRPCSelections(set(tc.set...)); got != tc.want {
			t.Errorf("%s: got %+v, want %+v", tc.name, got, tc.want)
		}
	}
	if !(domain.RPCSelections{EVM: "eliza-cloud", BSC: "eliza-cloud", Solana: "eliza-cloud"}).AllElizaCloud() {
		t.Error("AllElizaCloud false for all cloud")
	}
}

// FuzzConfigParsers feeds client-supplied config values to their parsers:
// no panics, refusals are KindInvalid, and accepted values are canonical.
func FuzzConfigParsers(f *testing.F) {
	for _, s := range []string{"alchemy", " ELIZACLOUD ", "helius", "testnet", "", "\x00", "mainnet\n", "ALCHEMY_API_KEY", "é"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, fam := range domain.RPCFamilies {
			p, err := domain.ParseRPCProvider(fam, s)
			if err != nil {
				if domain.KindOf(err) != domain.KindInvalid {
					t.Fatalf("kind %v", domain.KindOf(err))
				}
				continue
			}
			if again, err := domain.ParseRPCProvider(fam, string(p)); err != nil || again != p {
				t.Fatalf("%q -> %q not canonical", s, p)
			}
		}
		if n, err := domain.ParseWalletNetwork(s); err == nil && n != domain.NetworkMainnet && n != domain.NetworkTestnet {
			t.Fatalf("network %q accepted", n)
		} else if err != nil && domain.KindOf(err) != domain.KindInvalid {
			t.Fatalf("kind %v", domain.KindOf(err))
		}
		if c, ok := domain.ParseProviderCredential(s); ok && string(c) != s {
			t.Fatalf("credential %q -> %q", s, c)
		}
	})
}

func TestCheckRPCURL(t *testing.T) {
	t.Parallel()
	for _, ok := range []string{"https://bsc.example/rpc", "http://127.0.0.1:8545"} {
		if err := domain.CheckRPCURL(domain.CredBSCRPC, ok); err != nil {
			t.Errorf("%q refused: %v", ok, err)
		}
	}
	for _, bad := range []string{"ftp://x", "bsc.example", "https://", "://"} {
		if err := domain.CheckRPCURL(domain.CredBSCRPC, bad); domain.KindOf(err) != domain.KindInvalid {
			t.Errorf("%q accepted", bad)
		}
	}
	if !domain.CredSolanaRPC.IsURL() || domain.CredHeliusKey.IsURL() {
		t.Error("IsURL wrong")
	}
}
