package alchemy

import (
	"os"
	"testing"
)

// TestParseSampleNFTAnswer parses a getNFTsForOwner v3 answer shaped like
// the documented one, nulls and unused fields included.
func TestParseSampleNFTAnswer(t *testing.T) {
	raw, err := os.ReadFile("testdata/getNFTsForOwner_sample.json")
	if err != nil {
		t.Fatal(err)
	}
	nfts, err := parseNFTs("ethereum", raw)
	if err != nil {
		t.Fatal(err)
	}
	if len(nfts) != 1 {
		t.Fatalf("nfts = %+v", nfts)
	}
	n := nfts[0]
	want := "0xBC4CA0EdA7647A8aB7C2061c2E118A18a936f13D"
	if n.Contract != want || n.TokenID != "1234" || n.Name != "BoredApeYachtClub #1234" ||
		n.ImageURL != "https://example.invalid/thumb/1234.png" || n.CollectionName != "Bored Ape Yacht Club" || n.TokenType != "ERC721" {
		t.Errorf("nft = %+v", n)
	}
}
