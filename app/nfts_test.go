package app_test

import (
	"testing"

	"github.com/agentwallet/agentwallet/adapters/alchemy/alchemyfake"
	"github.com/agentwallet/agentwallet/app"
	"github.com/agentwallet/agentwallet/domain"
)

func TestNFTsFlatEVMListAndSolana(t *testing.T) {
	f := newFixture(t)
	f.alchemy.AddNFT("eth-mainnet", evmOwner, alchemyfake.NFT{Contract: "0xbc4ca0eda7647a8ab7c2061c2e118a18a936f13d", TokenID: "1234", Name: "Bored Ape #1234", CachedURL: "https://img/1234", TokenType: "ERC721"})
	f.alchemy.AddNFT("polygon-mainnet", evmOwner, alchemyfake.NFT{Contract: "0x2953399124f0cbb46d2cbacd8a89cf0599974963", TokenID: "9", TokenType: "ERC1155", ContractName: "OpenSea Shared"})
	f.alchemy.SetFault("opt-mainnet", alchemyfake.FaultServer)
	s := app.NewNFTsService(f.sources, f.clock, app.BalancesOptions{})
	got, err := s.NFTs(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if !got.EVMEnabled || len(got.EVM) != 2 {
		t.Fatalf("EVM = %+v", got.EVM)
	}
	if a := got.EVM[0]; a.Chain != "ethereum" || a.Contract != "0xBC4CA0EdA7647A8aB7C2061c2E118A18a936f13D" || a.Name != "Bored Ape #1234" || a.ImageURL != "https://img/1234" {
		t.Errorf("first = %+v", a)
	}
	if p := got.EVM[1]; p.Chain != "polygon" || p.Name != "OpenSea Shared #9" || p.TokenType != "ERC1155" {
		t.Errorf("second = %+v", p)
	}
	if domain.KindOf(got.Errors["optimism"]) != domain.KindUnavailable || len(got.Errors) != 1 {
		t.Errorf("errors = %v, want optimism only", got.Errors)
	}
	if !got.SolanaEnabled || len(got.Solana) != 1 || got.Solana[0].CollectionName != "Mad Lads" {
		t.Errorf("Solana = %+v", got.Solana)
	}
}

func TestNFTsCachedWithinTTL(t *testing.T) {
	f := newFixture(t)
	s := app.NewNFTsService(f.sources, f.clock, app.BalancesOptions{})
	if _, err := s.NFTs(t.Context()); err != nil {
		t.Fatal(err)
	}
	f.resetCounters()
	if _, err := s.NFTs(t.Context()); err != nil {
		t.Fatal(err)
	}
	if n := f.upstreamRequests(); n != 0 {
		t.Errorf("second call within the TTL made %d requests", n)
	}
}

func TestNFTsWithoutProvidersAreDisabled(t *testing.T) {
	f := newFixture(t)
	f.sources.set(func(s *app.BalanceSources) { *s = app.BalanceSources{} })
	got, err := app.NewNFTsService(f.sources, f.clock, app.BalancesOptions{}).NFTs(t.Context())
	if err != nil || got.EVMEnabled || got.SolanaEnabled || got.EVM != nil || got.Solana != nil {
		t.Errorf("got %+v, %v", got, err)
	}
}
