package helius

import (
	"encoding/json"
	"os"
	"testing"
)

// TestParseSampleAnswer parses a getAssetsByOwner answer shaped like the
// documented ones, with every field Helius sends (most of them unused).
func TestParseSampleAnswer(t *testing.T) {
	raw, err := os.ReadFile("testdata/getAssetsByOwner_sample.json")
	if err != nil {
		t.Fatal(err)
	}
	var r rpcResponse
	if err := json.Unmarshal(raw, &r); err != nil {
		t.Fatal(err)
	}
	h, err := parseHoldings(r.Result)
	if err != nil {
		t.Fatal(err)
	}
	if h.Lamports.String() != "2500000001" || h.SOLPriceUSD == nil || h.SOLPriceUSD.String() != "142.36" {
		t.Errorf("native = %v at %v", h.Lamports, h.SOLPriceUSD)
	}
	if len(h.Tokens) != 2 {
		t.Fatalf("tokens = %+v", h.Tokens)
	}
	usdc, bonk := h.Tokens[0], h.Tokens[1]
	if usdc.Amount() != "25" || usdc.PriceUSD.String() != "0.999874" || usdc.LogoURL != "https://example.invalid/usdc.png" {
		t.Errorf("USDC = %+v (%s)", usdc, usdc.Amount())
	}
	if bonk.Amount() != "123456789012345.6789" || bonk.PriceUSD != nil || bonk.LogoURL != "https://cdn.example.invalid/bonk.png" {
		t.Errorf("Bonk = %+v (%s): the balance must survive beyond 2^53", bonk, bonk.Amount())
	}
	nfts, err := parseNFTs(r.Result)
	if err != nil {
		t.Fatal(err)
	}
	if len(nfts) != 1 || nfts[0].Name != "Mad Lads #8420" || nfts[0].CollectionName != "J1S9H3QjnRtBbbuD4HjPV6RpRhwuk4zKbxsnCHuTgh9w" {
		t.Errorf("nfts = %+v", nfts)
	}
}
