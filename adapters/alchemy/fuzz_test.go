package alchemy

import (
	"encoding/json"
	"testing"
)

// The parsers read whatever an upstream (or a man in the middle) sends: they
// must never panic, and what they accept must be sane.

func FuzzParseBatch(f *testing.F) {
	for _, s := range []string{
		`[{"jsonrpc":"2.0","id":2,"result":{}},{"jsonrpc":"2.0","id":1,"result":"0x1"}]`,
		`[{"id":1,"error":{"code":429,"message":"slow down"}},{"id":2,"result":null}]`,
		`[{"id":1},{"id":1}]`, `[{"id":"1"}]`, `[{"id":3}]`, `[]`, `{"error":{"code":-32600}}`, `null`, `[`, `[{"id":1e400}]`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		results, errs, err := parseBatch("fuzz", body, 2)
		if err == nil && (len(results) != 2 || len(errs) != 2) {
			t.Fatalf("accepted with %d results, %d errs", len(results), len(errs))
		}
	})
}

func FuzzParseHoldings(f *testing.F) {
	for _, s := range [][2]string{
		{`"0x1bc16d674ec80000"`, `{"address":"0x1","tokenBalances":[{"contractAddress":"0xaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","tokenBalance":"0x00000000000000000000000000000000000000000000000000000000000f4240","error":null}]}`},
		{`"0x"`, `{"tokenBalances":[{"contractAddress":"0xaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","tokenBalance":"0x"}]}`},
		{`"0x` + string(make([]byte, 0)) + `ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"`, `{}`},
		{`"1234"`, `{"tokenBalances":null}`},
		{`null`, `{"tokenBalances":[{"contractAddress":"nope","tokenBalance":"0xzz"}]}`},
		{`"0x-1"`, `[]`},
		{`"0x+1"`, `{"tokenBalances":[{"contractAddress":"0xaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","tokenBalance":"0x-5"}]}`},
		{`"0x-1"`, `{}`},
	} {
		f.Add([]byte(s[0]), []byte(s[1]))
	}
	f.Fuzz(func(t *testing.T, balance, tokens []byte) {
		h, err := parseHoldings("fuzz", json.RawMessage(balance), json.RawMessage(tokens))
		if err != nil {
			return
		}
		if h.Native == nil || h.Native.Sign() < 0 || h.Native.BitLen() > 256 {
			t.Fatalf("native %v", h.Native)
		}
		for _, tok := range h.Tokens {
			if tok.Raw.Sign() <= 0 || tok.Raw.BitLen() > 256 || len(tok.Contract) != 42 {
				t.Fatalf("token %+v", tok)
			}
		}
	})
}

func FuzzParseTokenMetadata(f *testing.F) {
	for _, s := range []string{
		`{"name":"USD Coin","symbol":"USDC","decimals":6,"logo":"https://x"}`,
		`{"name":null,"symbol":null,"decimals":null,"logo":null}`,
		`{"decimals":255}`, `{"decimals":-1}`, `{"decimals":1.5}`, `{"decimals":"6"}`, `{"decimals":1e3}`, `null`, `[]`, `"x"`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		m, ok, err := parseTokenMetadata(body)
		if err != nil || !ok {
			return
		}
		if m.DecimalsKnown && m.Decimals > 77 {
			t.Fatalf("decimals %d accepted", m.Decimals)
		}
		if !m.DecimalsKnown && m.Decimals != 0 {
			t.Fatalf("unknown decimals carry %d", m.Decimals)
		}
	})
}

func FuzzParseNFTs(f *testing.F) {
	for _, s := range []string{
		`{"ownedNfts":[{"contract":{"address":"0xbc4ca0eda7647a8ab7c2061c2e118a18a936f13d","name":"BAYC","openSeaMetadata":{"collectionName":"Bored Ape Yacht Club"}},"tokenId":"1234","tokenType":"ERC721","name":"","image":{"thumbnailUrl":"https://t"}}],"totalCount":1,"pageKey":null}`,
		`{"ownedNfts":[{"contract":{"address":"bad"}}]}`, `{"ownedNfts":null}`, `{}`, `[]`, `{"ownedNfts":[null]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		nfts, err := parseNFTs("ethereum", body)
		if err != nil {
			return
		}
		for _, n := range nfts {
			if n.Chain != "ethereum" || n.Name == "" || n.TokenType == "" || len(n.Contract) != 42 {
				t.Fatalf("nft %+v", n)
			}
		}
	})
}

func FuzzParsePrices(f *testing.F) {
	for _, s := range []string{
		`{"data":[{"network":"eth-mainnet","address":"0xa","prices":[{"currency":"usd","value":"3200.1234567890","lastUpdatedAt":"2026-01-01T00:00:00Z"}],"error":null}]}`,
		`{"data":[{"symbol":"ETH","prices":[],"error":"Token not found"}]}`,
		`{"data":[{"prices":[{"currency":"usd","value":"NaN"}]}]}`, `{"data":[{"prices":[{"currency":"usd","value":"-1"}]}]}`,
		`{"data":null}`, `{"data":[null]}`, `[]`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		entries, err := parsePrices(body)
		if err != nil {
			return
		}
		for _, e := range entries {
			if e.usd.Sign() < 0 {
				t.Fatalf("negative price %s accepted", e.usd)
			}
		}
	})
}
