package transport_test

import (
	"fmt"
	"math/big"
	"net/http"
	"testing"
	"time"

	"github.com/agentwallet/agentwallet/adapters/alchemy"
	"github.com/agentwallet/agentwallet/adapters/alchemy/alchemyfake"
	"github.com/agentwallet/agentwallet/adapters/helius/heliusfake"
	"github.com/agentwallet/agentwallet/adapters/nativerpc/nativerpcfake"
	"github.com/agentwallet/agentwallet/app"
	"github.com/agentwallet/agentwallet/domain"
)

const balUSDC = "EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v"

// fund gives the wallet on every mainnet chain 1.5 native coins priced at
// 3000, a 6-decimal token (1234567 raw, $1) and an unpriced 18-decimal one;
// on Solana 0.5 SOL (priced by Birdeye at 100) and 1.234567 USDC.
func (e *balEnv) fund() {
	six, eighteen, usdt, odd := 6, 18, "USDT", "ODD"
	for _, c := range domain.EVMChains(domain.NetworkMainnet) {
		n, _ := alchemy.Network(c.ChainID)
		e.alchemy.SetNative(n, balEVMAddr, big.NewInt(1_500_000_000_000_000_000))
		tok6, tok18 := fmt.Sprintf("0x%036x0001", c.ChainID), fmt.Sprintf("0x%036x0002", c.ChainID)
		e.alchemy.SetToken(n, balEVMAddr, tok6, big.NewInt(1234567))
		e.alchemy.SetTokenMetadata(n, tok6, alchemyfake.TokenMetadata{Symbol: &usdt, Name: &usdt, Decimals: &six})
		e.alchemy.SetToken(n, balEVMAddr, tok18, big.NewInt(3))
		e.alchemy.SetTokenMetadata(n, tok18, alchemyfake.TokenMetadata{Symbol: &odd, Name: &odd, Decimals: &eighteen})
		e.alchemy.SetPrice(n, tok6, "1")
		e.alchemy.SetPrice(n, c.WrappedNative, "3000")
		e.alchemy.AddNFT(n, balEVMAddr, alchemyfake.NFT{Contract: tok18, TokenID: "7", Name: "Thing #7", CachedURL: "https://img/7", TokenType: "ERC721"})
	}
	e.helius.SetLamports(e.solAddr, big.NewInt(500_000_000))
	e.helius.AddFungible(e.solAddr, heliusfake.Fungible{Mint: balUSDC, Symbol: "USDC", Name: "USD Coin", Decimals: 6, Balance: big.NewInt(1234567), PricePerToken: "1"})
	e.helius.AddNFT(e.solAddr, heliusfake.NFT{Mint: "DezXAZ8z7PnrnRJjz3wXBoRgixCa6xjnB7YaB1pPB263", Name: "Mad Lad #1", CollectionMint: balUSDC, CollectionName: "Mad Lads"})
	e.birdeye.SetPrice(domain.WrappedSOLMint, "100")
}

func TestBalancesWithoutKeysIsNullBoth(t *testing.T) {
	e := newBalEnv(t, false, nil)
	_, raw := e.mustGet("/api/wallet/balances")
	if raw != `{"evm":null,"solana":null}` {
		t.Errorf("body = %s", raw)
	}
	if e.upstreamRequests() != 0 {
		t.Errorf("%d upstream requests without keys", e.upstreamRequests())
	}
}

func TestBalancesShapeExactAmountsAndOneChainRateLimited(t *testing.T) {
	e := newBalEnv(t, true, nil)
	e.fund()
	e.alchemy.SetFault("base-mainnet", alchemyfake.FaultRateLimit)
	body, raw := e.mustGet("/api/wallet/balances")

	evm := body["evm"].(map[string]any)
	if evm["address"] != balEVMAddr {
		t.Errorf("evm.address = %v", evm["address"])
	}
	chains := evm["chains"].([]any)
	if len(chains) != 7 {
		t.Fatalf("%d chains: %s", len(chains), raw)
	}
	for _, c := range chains {
		row := c.(map[string]any)
		if row["chain"] == "base" {
			if msg, _ := row["error"].(string); msg == "" || row["nativeBalance"] != "0" || len(row["tokens"].([]any)) != 0 {
				t.Errorf("base row = %v, want an error, nativeBalance 0, no tokens", row)
			}
			continue
		}
		if row["error"] != nil {
			t.Errorf("%v failed: %v", row["chain"], row["error"])
		}
	}
	eth := chains[0].(map[string]any)
	if eth["chain"] != "ethereum" || eth["chainId"] != float64(1) || eth["nativeBalance"] != "1.5" || eth["nativeSymbol"] != "ETH" || eth["nativeValueUsd"] != "4500.00" {
		t.Errorf("ethereum row = %v", eth)
	}
	tokens := eth["tokens"].([]any)
	if len(tokens) != 2 {
		t.Fatalf("ethereum tokens = %v", tokens)
	}
	usdt := tokens[0].(map[string]any)
	if usdt["balance"] != "1.234567" || usdt["decimals"] != float64(6) || usdt["valueUsd"] != "1.23" || usdt["symbol"] != "USDT" {
		t.Errorf("6-decimal token = %v", usdt)
	}
	if odd := tokens[1].(map[string]any); odd["balance"] != "0.000000000000000003" || odd["valueUsd"] != nil {
		t.Errorf("unpriced token = %v, want exact balance and null value", odd)
	}
	for _, k := range []string{"symbol", "name", "contractAddress", "balance", "decimals", "valueUsd", "logoUrl"} {
		if _, ok := usdt[k]; !ok {
			t.Errorf("token lacks %q", k)
		}
	}

	sol := body["solana"].(map[string]any)
	if sol["address"] != e.solAddr || sol["solBalance"] != "0.5" || sol["solValueUsd"] != "50.00" || sol["error"] != nil {
		t.Errorf("solana = %v", sol)
	}
	usdc := sol["tokens"].([]any)[0].(map[string]any)
	if usdc["mint"] != balUSDC || usdc["balance"] != "1.234567" || usdc["valueUsd"] != "1.23" {
		t.Errorf("USDC = %v", usdc)
	}
	assertNoSecrets(t, raw)
}

// TestBalancesRequestCountsOverHTTP is the budget, end to end: 7 EVM
// chains and Solana configured; cold at most 3 per chain + 1 price + 3
// Solana; 0 within the TTL; after it at most 1 per chain + 1 price + 2.
func TestBalancesRequestCountsOverHTTP(t *testing.T) {
	e := newBalEnv(t, true, nil)
	e.fund()
	budget := func(phase string, perChain, prices, solana int) {
		t.Helper()
		for _, c := range domain.EVMChains(domain.NetworkMainnet) {
			n, _ := alchemy.Network(c.ChainID)
			if got := e.alchemy.Requests(n); got > perChain {
				t.Errorf("%s: %s %d requests > %d", phase, c.Slug, got, perChain)
			}
		}
		if got := e.alchemy.Requests(alchemyfake.ScopePrices); got != prices {
			t.Errorf("%s: %d price requests, want %d", phase, got, prices)
		}
		if got := e.helius.Requests() + e.birdeye.Requests(""); got > solana {
			t.Errorf("%s: Solana %d requests > %d", phase, got, solana)
		}
		t.Logf("%s: %d upstream requests", phase, e.upstreamRequests())
	}
	e.mustGet("/api/wallet/balances")
	budget("cold", 3, 1, 3)

	e.resetCounters()
	e.clock.advance(5 * time.Second)
	e.mustGet("/api/wallet/balances")
	if n := e.upstreamRequests(); n != 0 {
		t.Errorf("within TTL: %d requests, want 0", n)
	}

	e.clock.advance(11 * time.Second)
	e.mustGet("/api/wallet/balances")
	budget("after TTL", 1, 1, 2)
}

func TestNFTsShape(t *testing.T) {
	e := newBalEnv(t, true, nil)
	e.fund()
	e.alchemy.SetFault("bnb-mainnet", alchemyfake.FaultServer)
	body, raw := e.mustGet("/api/wallet/nfts")
	list := body["evm"].([]any)
	if len(list) != 6 {
		t.Fatalf("evm NFTs = %d, want one per chain but the failing one: %s", len(list), raw)
	}
	first := list[0].(map[string]any)
	if first["chain"] != "ethereum" || first["tokenId"] != "7" || first["name"] != "Thing #7" || first["imageUrl"] != "https://img/7" {
		t.Errorf("first NFT = %v", first)
	}
	if errs := body["errors"].(map[string]any); errs["bsc"] == nil {
		t.Errorf("errors = %v, want bsc", errs)
	}
	sol := body["solana"].(map[string]any)["nfts"].([]any)
	if len(sol) != 1 || sol[0].(map[string]any)["collectionName"] != "Mad Lads" || sol[0].(map[string]any)["mint"] == nil {
		t.Errorf("solana NFTs = %v", sol)
	}
}

func TestNFTsWithoutKeysIsNullBoth(t *testing.T) {
	e := newBalEnv(t, false, nil)
	if _, raw := e.mustGet("/api/wallet/nfts"); raw != `{"evm":null,"solana":null}` {
		t.Errorf("body = %s", raw)
	}
}

func TestBalancesNeedAuth(t *testing.T) {
	e := newBalEnv(t, false, nil)
	for _, path := range []string{"/api/wallet/balances", "/api/wallet/nfts", "/api/wallet/config"} {
		r := newUnauthenticated(path)
		rec := serveBal(e, r)
		if rec != http.StatusUnauthorized {
			t.Errorf("%s without token = %d", path, rec)
		}
	}
}

// BenchmarkBalancesEndpoint50ms serves GET /api/wallet/balances with every
// fake adding 50 ms per request, answer reuse off and token metadata
// stored: expect about one round trip (the price requests overlap the
// balance reads), not one per chain.
func BenchmarkBalancesEndpoint50ms(b *testing.B) {
	e := newBalEnv(b, true, func(c *app.Config) { c.Balances.TTL = 0 })
	e.fund()
	e.mustGet("/api/wallet/balances") // stores token metadata
	e.alchemy.SetLatency(50 * time.Millisecond)
	e.helius.SetLatency(50 * time.Millisecond)
	e.birdeye.SetLatency(50 * time.Millisecond)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		e.mustGet("/api/wallet/balances")
	}
}

// Without Alchemy, a custom RPC URL still gives that chain's native balance;
// chains without a URL say so in their error.
func TestBalancesCustomRPCNativeOnly(t *testing.T) {
	node := nativerpcfake.New().Start()
	t.Cleanup(node.Close)
	node.SetBalance(1, balEVMAddr, big.NewInt(2_000_000_000_000_000_000))
	e := newBalEnv(t, false, nil)
	if code, _, raw := e.put(`{"ETHEREUM_RPC_URL":"` + node.URL(1) + `"}`); code != http.StatusOK {
		t.Fatalf("PUT = %d %s", code, raw)
	}
	body, raw := e.mustGet("/api/wallet/balances")
	chains := body["evm"].(map[string]any)["chains"].([]any)
	eth := chains[0].(map[string]any)
	if eth["nativeBalance"] != "2" || eth["error"] != nil || len(eth["tokens"].([]any)) != 0 || eth["nativeValueUsd"] != nil {
		t.Errorf("ethereum = %v", eth)
	}
	if base := chains[1].(map[string]any); base["error"] == nil {
		t.Errorf("base = %v, want an error (no URL)", base)
	}
	if cfg, _ := e.mustGet("/api/wallet/config"); cfg["evmBalanceReady"] != true {
		t.Errorf("evmBalanceReady false with a custom URL: %s", raw)
	}
	// A chain without a URL is a standing fact of the configuration, not a
	// failure: the answer is still reused within the TTL.
	before := node.Requests(1)
	e.mustGet("/api/wallet/balances")
	if got := node.Requests(1) - before; got != 0 {
		t.Errorf("second call within the TTL sent %d requests to the node, want 0", got)
	}
}

// Token metadata is stored for good: after a restart the first balances
// call asks Alchemy for no metadata.
func TestBalancesTokenMetadataSurvivesRestart(t *testing.T) {
	e := newBalEnv(t, true, nil)
	e.fund()
	e.mustGet("/api/wallet/balances")
	if e.alchemy.Calls("alchemy_getTokenMetadata") == 0 {
		t.Fatal("cold call fetched no metadata")
	}
	e.app.Close()
	e.open()
	e.resetCounters()
	body, _ := e.mustGet("/api/wallet/balances")
	if n := e.alchemy.Calls("alchemy_getTokenMetadata"); n != 0 {
		t.Errorf("%d metadata calls after restart, want 0", n)
	}
	eth := body["evm"].(map[string]any)["chains"].([]any)[0].(map[string]any)
	if tok := eth["tokens"].([]any)[0].(map[string]any); tok["symbol"] != "USDT" || tok["balance"] != "1.234567" {
		t.Errorf("token after restart = %v", tok)
	}
}
