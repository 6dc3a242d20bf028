package portstest

import (
	"testing"

	"github.com/agentwallet/agentwallet/domain"
	"github.com/agentwallet/agentwallet/ports"
)

// EVMNFTsHarness arranges an NFT provider for RunEVMNFTs.
type EVMNFTsHarness interface {
	NFTs() ports.EVMNFTs
	AddNFT(chain domain.EVMChain, owner string, n domain.NFT)
	SetRefusing(chain domain.EVMChain)
}

// RunEVMNFTs pins the semantics of ports.EVMNFTs.
func RunEVMNFTs(t *testing.T, newHarness func(t *testing.T) EVMNFTsHarness) {
	eth, polygon := mainnet("ethereum"), mainnet("polygon")

	t.Run("owned_nfts_with_chain_and_defaults", func(t *testing.T) {
		h := newHarness(t)
		h.AddNFT(eth, OwnerA, domain.NFT{Contract: TokenX, TokenID: "1234", Name: "Ape #1234", Description: "an ape", ImageURL: "https://img/1234.png", CollectionName: "Apes", TokenType: "ERC721"})
		h.AddNFT(eth, OwnerA, domain.NFT{Contract: TokenY, TokenID: "7", TokenType: "ERC1155"})
		h.AddNFT(polygon, OwnerA, domain.NFT{Contract: TokenY, TokenID: "8"})
		got, err := h.NFTs().NFTs(testCtx(t), eth, OwnerA)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 {
			t.Fatalf("got %d NFTs, want 2 (polygon's stays on polygon): %+v", len(got), got)
		}
		ape := got[0]
		if ape.Chain != "ethereum" || ape.TokenID != "1234" || ape.Name != "Ape #1234" || ape.ImageURL != "https://img/1234.png" || ape.CollectionName != "Apes" || ape.TokenType != "ERC721" {
			t.Errorf("first NFT = %+v", ape)
		}
		if got[1].Name == "" || got[1].TokenType != "ERC1155" {
			t.Errorf("second NFT = %+v, want a non-empty name and ERC1155", got[1])
		}
	})

	t.Run("none_held_is_empty", func(t *testing.T) {
		h := newHarness(t)
		got, err := h.NFTs().NFTs(testCtx(t), eth, OwnerB)
		if err != nil || len(got) != 0 {
			t.Errorf("got %v, %v", got, err)
		}
	})

	t.Run("malformed_owner_is_invalid", func(t *testing.T) {
		h := newHarness(t)
		_, err := h.NFTs().NFTs(testCtx(t), eth, "not-an-address")
		wantErrKind(t, err, domain.KindInvalid)
	})

	t.Run("refusing_upstream_is_unavailable", func(t *testing.T) {
		h := newHarness(t)
		h.SetRefusing(eth)
		_, err := h.NFTs().NFTs(testCtx(t), eth, OwnerA)
		wantErrKind(t, err, domain.KindUnavailable)
	})
}
