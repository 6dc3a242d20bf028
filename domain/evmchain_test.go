package domain_test

import (
	"testing"

	"github.com/agentwallet/agentwallet/domain"
	"github.com/google/go-cmp/cmp"
)

func TestParseWalletNetwork(t *testing.T) {
	t.Parallel()
	cases := []struct {
		in   string
		want domain.WalletNetwork
		ok   bool
	}{
		{"", domain.NetworkMainnet, true},
		{" Mainnet ", domain.NetworkMainnet, true},
		{"TESTNET", domain.NetworkTestnet, true},
		{"devnet", "", false},
		{"main net", "", false},
	}
	for _, tc := range cases {
		got, err := domain.ParseWalletNetwork(tc.in)
		if tc.ok != (err == nil) || got != tc.want {
			t.Errorf("ParseWalletNetwork(%q) = %q, %v", tc.in, got, err)
		}
		if err != nil && domain.KindOf(err) != domain.KindInvalid {
			t.Errorf("ParseWalletNetwork(%q) kind = %v, want invalid", tc.in, domain.KindOf(err))
		}
	}
}

func TestEVMChainsMainnet(t *testing.T) {
	t.Parallel()
	type row struct {
		Slug   string
		ID     uint64
		Symbol string
	}
	var got []row
	for _, c := range domain.EVMChains(domain.NetworkMainnet) {
		got = append(got, row{c.Slug, c.ChainID, c.NativeSymbol})
		if c.Testnet || c.WrappedNative == "" {
			t.Errorf("%s: mainnet chain must have a wrapped native and Testnet=false", c.Slug)
		}
	}
	want := []row{
		{"ethereum", 1, "ETH"}, {"base", 8453, "ETH"}, {"arbitrum", 42161, "ETH"},
		{"optimism", 10, "ETH"}, {"polygon", 137, "POL"}, {"bsc", 56, "BNB"}, {"avalanche", 43114, "AVAX"},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("mainnet chains (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]string{"ethereum", "base", "arbitrum", "optimism", "polygon", "bsc", "avalanche"}, domain.EVMChainSlugs()); d != "" {
		t.Errorf("slugs (-want +got):\n%s", d)
	}
}

func TestEVMChainsTestnetMirrorMainnet(t *testing.T) {
	t.Parallel()
	main, test := domain.EVMChains(domain.NetworkMainnet), domain.EVMChains(domain.NetworkTestnet)
	if len(main) != len(test) {
		t.Fatalf("%d mainnets, %d testnets", len(main), len(test))
	}
	seen := map[uint64]bool{}
	for i, c := range test {
		if c.Slug != main[i].Slug || c.NativeSymbol != main[i].NativeSymbol {
			t.Errorf("testnet %d (%s) does not mirror %s", i, c.Slug, main[i].Slug)
		}
		if !c.Testnet || c.WrappedNative != "" {
			t.Errorf("%s: testnet must be flagged and unpriced", c.Name)
		}
		if c.ChainID == main[i].ChainID || seen[c.ChainID] {
			t.Errorf("%s: chain id %d reused", c.Name, c.ChainID)
		}
		seen[c.ChainID] = true
	}
	if c, ok := domain.EVMChainByID(97); !ok || c.Slug != "bsc" || !c.Testnet {
		t.Errorf("EVMChainByID(97) = %+v, %v", c, ok)
	}
	if _, ok := domain.EVMChainByID(12345); ok {
		t.Error("EVMChainByID(12345) found a chain")
	}
}

func TestEVMChainsReturnsACopy(t *testing.T) {
	t.Parallel()
	a := domain.EVMChains(domain.NetworkMainnet)
	a[0].Slug = "changed"
	if domain.EVMChains(domain.NetworkMainnet)[0].Slug != "ethereum" {
		t.Error("caller could modify the chain table")
	}
}
