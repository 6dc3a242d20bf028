package app_test

import (
	"context"
	"fmt"
	"math/big"
	"sync"
	"testing"
	"time"

	"github.com/agentwallet/agentwallet/adapters/alchemy"
	"github.com/agentwallet/agentwallet/adapters/alchemy/alchemyfake"
	"github.com/agentwallet/agentwallet/adapters/birdeye"
	"github.com/agentwallet/agentwallet/adapters/birdeye/birdeyefake"
	"github.com/agentwallet/agentwallet/adapters/helius"
	"github.com/agentwallet/agentwallet/adapters/helius/heliusfake"
	"github.com/agentwallet/agentwallet/adapters/memstore"
	"github.com/agentwallet/agentwallet/app"
	"github.com/agentwallet/agentwallet/domain"
)

const (
	evmOwner = "0xd8dA6BF26964aF9D7eEd9e03E53415D37aA96045"
	solOwner = "7xKXtg2CW87d97TXJSDpbD5jBkheTqA83TZRuJosgHU"
	mintUSDC = "EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v"
	mintBONK = "DezXAZ8z7PnrnRJjz3wXBoRgixCa6xjnB7YaB1pPB263"
)

// testClock is a clock the test moves by hand.
type testClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// sources hands out a fixed configuration; tests change it between calls.
type sources struct {
	mu  sync.Mutex
	src app.BalanceSources
}

func (s *sources) BalanceSources(context.Context) (app.BalanceSources, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.src, nil
}

func (s *sources) set(f func(*app.BalanceSources)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f(&s.src)
}

// fixture is the balances use case wired to the real adapters talking to
// the three fakes, with every chain and Solana funded.
type fixture struct {
	alchemy *alchemyfake.Fake
	helius  *heliusfake.Fake
	birdeye *birdeyefake.Fake
	clock   *testClock
	store   *memstore.TokenMetadata
	sources *sources
}

// tokenOf is the test token n on a chain: distinct per chain.
func tokenOf(chainID uint64, n int) string { return fmt.Sprintf("0x%036x%04x", chainID, n) }

func newFixture(tb testing.TB) *fixture {
	tb.Helper()
	f := &fixture{
		alchemy: alchemyfake.New("ak").Start(),
		helius:  heliusfake.New("hk").Start(),
		birdeye: birdeyefake.New("bk").Start(),
		clock:   &testClock{now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)},
		store:   &memstore.TokenMetadata{},
	}
	tb.Cleanup(func() { f.alchemy.Close(); f.helius.Close(); f.birdeye.Close() })

	six, eighteen := 6, 18
	for _, c := range append(domain.EVMChains(domain.NetworkMainnet), domain.EVMChains(domain.NetworkTestnet)...) {
		network, _ := alchemy.Network(c.ChainID)
		f.alchemy.SetNative(network, evmOwner, big.NewInt(1_500_000_000_000_000_000))
		usd, gov := "USDT", "GOV"
		f.alchemy.SetToken(network, evmOwner, tokenOf(c.ChainID, 1), big.NewInt(1234567))
		f.alchemy.SetTokenMetadata(network, tokenOf(c.ChainID, 1), alchemyfake.TokenMetadata{Symbol: &usd, Name: &usd, Decimals: &six})
		f.alchemy.SetToken(network, evmOwner, tokenOf(c.ChainID, 2), big.NewInt(2_000_000_000_000_000_000))
		f.alchemy.SetTokenMetadata(network, tokenOf(c.ChainID, 2), alchemyfake.TokenMetadata{Symbol: &gov, Name: &gov, Decimals: &eighteen})
		f.alchemy.SetToken(network, evmOwner, tokenOf(c.ChainID, 3), big.NewInt(0)) // touched once, now empty
		f.alchemy.SetPrice(network, tokenOf(c.ChainID, 1), "1")
		f.alchemy.SetPrice(network, tokenOf(c.ChainID, 2), "0.5")
		if c.WrappedNative != "" {
			f.alchemy.SetPrice(network, c.WrappedNative, "3000")
		}
	}
	f.helius.SetLamports(solOwner, big.NewInt(500_000_000))
	f.helius.AddFungible(solOwner, heliusfake.Fungible{Mint: mintUSDC, Symbol: "USDC", Name: "USD Coin", Decimals: 6, Balance: big.NewInt(1234567), PricePerToken: "1"})
	f.helius.AddFungible(solOwner, heliusfake.Fungible{Mint: mintBONK, Symbol: "Bonk", Name: "Bonk", Decimals: 5, Balance: big.NewInt(100_000_00)})
	f.helius.AddNFT(solOwner, heliusfake.NFT{Mint: mintBONK, Name: "Mad Lad #1", CollectionMint: mintUSDC, CollectionName: "Mad Lads"})
	f.birdeye.SetPrice(domain.WrappedSOLMint, "100")
	f.birdeye.SetPrice(mintBONK, "0.00002")

	ac, err := alchemy.NewClient(alchemy.Options{APIKey: "ak", BaseURL: f.alchemy.BaseURL(), PricesBaseURL: f.alchemy.PricesBaseURL()})
	if err != nil {
		tb.Fatal(err)
	}
	hc, err := helius.NewClient(helius.Options{APIKey: "hk", BaseURL: f.helius.BaseURL()})
	if err != nil {
		tb.Fatal(err)
	}
	bc, err := birdeye.NewClient(birdeye.Options{APIKey: "bk", BaseURL: f.birdeye.BaseURL()})
	if err != nil {
		tb.Fatal(err)
	}
	f.sources = &sources{src: app.BalanceSources{
		Version: "v1", Network: domain.NetworkMainnet, EVMAddress: evmOwner, SolanaAddress: solOwner,
		EVMHoldings: ac, EVMMetadata: ac, EVMNFTs: ac, EVMPrices: ac, SolanaAssets: hc, SolanaPrices: bc,
	}}
	return f
}

func (f *fixture) service(opts app.BalancesOptions) *app.BalancesService {
	return app.NewBalancesService(f.sources, f.store, f.clock, opts)
}

// upstreamRequests counts HTTP requests that reached any fake.
func (f *fixture) upstreamRequests() int {
	return f.alchemy.Requests(alchemyfake.ScopeAll) + f.helius.Requests() + f.birdeye.Requests("")
}

func (f *fixture) resetCounters() {
	f.alchemy.ResetCounters()
	f.helius.ResetCounters()
	f.birdeye.ResetCounters()
}

func mustBalances(tb testing.TB, s *app.BalancesService) domain.Balances {
	tb.Helper()
	b, err := s.Balances(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	return b
}
