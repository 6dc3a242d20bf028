package helius

import (
	"encoding/json"
	"testing"
)

func FuzzParseHoldings(f *testing.F) {
	for _, s := range []string{
		`{"total":1,"items":[{"interface":"FungibleToken","id":"EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v","token_info":{"symbol":"USDC","balance":1234567,"decimals":6,"price_info":{"price_per_token":0.9998,"currency":"USDC"}}}],"nativeBalance":{"lamports":1500000000,"price_per_sol":142.5}}`,
		`{"items":[{"interface":"FungibleAsset","id":"x","token_info":{"balance":1e30,"decimals":300}}]}`,
		`{"items":[{"interface":"FungibleToken","id":"x","token_info":{"balance":-5,"decimals":-1,"price_info":{"price_per_token":"NaN"}}}]}`,
		`{"nativeBalance":{"lamports":-1}}`, `{"nativeBalance":{"lamports":1.5}}`, `{"nativeBalance":null,"items":null}`,
		`{"items":[null]}`, `[]`, `null`, `{"items":[{"interface":"V1_NFT","id":"n"}]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		h, err := parseHoldings(json.RawMessage(body))
		if err != nil {
			return
		}
		if h.Lamports == nil || h.Lamports.Sign() < 0 {
			t.Fatalf("lamports %v", h.Lamports)
		}
		if h.SOLPriceUSD != nil && h.SOLPriceUSD.Sign() < 0 {
			t.Fatalf("negative SOL price")
		}
		for _, tok := range h.Tokens {
			if tok.Raw.Sign() <= 0 || tok.Contract == "" || (tok.DecimalsKnown && tok.Decimals > 77) {
				t.Fatalf("token %+v", tok)
			}
			if tok.PriceUSD != nil && tok.PriceUSD.Sign() < 0 {
				t.Fatalf("negative token price")
			}
		}
	})
}

func FuzzParseNFTs(f *testing.F) {
	for _, s := range []string{
		`{"items":[{"interface":"ProgrammableNFT","id":"m","content":{"metadata":{"name":"Lad"},"files":[{"cdn_uri":"https://cdn"}]},"grouping":[{"group_key":"collection","group_value":"c","collection_metadata":{"name":"Mad Lads"}}]}]}`,
		`{"items":[{"interface":"FungibleToken","id":"f"}]}`, `{"items":[{"id":""}]}`, `{"items":[{"content":{"files":[]}}]}`, `{}`, `7`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		nfts, err := parseNFTs(json.RawMessage(body))
		if err != nil {
			return
		}
		for _, n := range nfts {
			if n.Contract == "" || n.Name == "" || n.Chain != "" {
				t.Fatalf("nft %+v", n)
			}
		}
	})
}
