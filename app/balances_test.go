package app_test

import (
	"context"
	"errors"
	"math/big"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/agentwallet/agentwallet/adapters/alchemy"
	"github.com/agentwallet/agentwallet/adapters/alchemy/alchemyfake"
	"github.com/agentwallet/agentwallet/app"
	"github.com/agentwallet/agentwallet/domain"
)

// TestBalancesUpstreamRequestCounts pins the budget with all seven
// EVM chains and Solana configured: cold at most 3 per chain + 1 price + 3
// for Solana; 0 within the TTL; after the TTL, with metadata stored, at most
// 1 per chain + 1 price + 2 for Solana.
func TestBalancesUpstreamRequestCounts(t *testing.T) {
	f := newFixture(t)
	s := f.service(app.BalancesOptions{})
	chains := domain.EVMChains(domain.NetworkMainnet)

	check := func(phase string, perChainMax, pricesWant, solanaMax int) {
		t.Helper()
		for _, c := range chains {
			n, _ := alchemy.Network(c.ChainID)
			if got := f.alchemy.Requests(n); got > perChainMax {
				t.Errorf("%s: %s made %d requests, budget %d", phase, c.Slug, got, perChainMax)
			}
		}
		if got := f.alchemy.Requests(alchemyfake.ScopePrices); got != pricesWant {
			t.Errorf("%s: %d price requests, want %d", phase, got, pricesWant)
		}
		if got := f.helius.Requests() + f.birdeye.Requests(""); got > solanaMax {
			t.Errorf("%s: Solana made %d requests, budget %d", phase, got, solanaMax)
		}
		t.Logf("%s: %d upstream requests", phase, f.upstreamRequests())
	}

	b := mustBalances(t, s)
	if b.EVM == nil || len(b.EVM.Chains) != 7 || b.Solana == nil {
		t.Fatalf("cold answer incomplete: %+v", b)
	}
	check("cold", 3, 1, 3)
	if got, want := f.upstreamRequests(), 7*2+1+2; got != want {
		t.Errorf("cold: %d requests, want %d (batch + metadata per chain, 1 price, Helius + Birdeye)", got, want)
	}

	f.resetCounters()
	f.clock.Advance(10 * time.Second)
	mustBalances(t, s)
	if got := f.upstreamRequests(); got != 0 {
		t.Errorf("warm: %d requests within the TTL, want 0", got)
	}

	f.clock.Advance(6 * time.Second)
	mustBalances(t, s)
	check("after TTL", 1, 1, 2)
	if got := f.alchemy.Calls("alchemy_getTokenMetadata"); got != 0 {
		t.Errorf("after TTL: %d metadata calls, want 0 (stored for good)", got)
	}
}

func TestBalancesShapeAndExactAmounts(t *testing.T) {
	f := newFixture(t)
	b := mustBalances(t, f.service(app.BalancesOptions{}))

	eth := b.EVM.Chains[0]
	if eth.Chain.Slug != "ethereum" || eth.Chain.ChainID != 1 || eth.Err != nil {
		t.Fatalf("first chain = %+v", eth)
	}
	if eth.NativeAmount() != "1.5" || eth.NativeValueUSD().Fixed(2) != "4500.00" {
		t.Errorf("native %s worth %v", eth.NativeAmount(), eth.NativeValueUSD())
	}
	if len(eth.Tokens) != 2 {
		t.Fatalf("tokens = %+v, want 2 (zero balance dropped)", eth.Tokens)
	}
	usdt := eth.Tokens[0]
	if usdt.Symbol != "USDT" || usdt.Decimals != 6 || usdt.Amount() != "1.234567" || usdt.ValueUSD().Fixed(2) != "1.23" {
		t.Errorf("USDT = %+v amount %s value %v", usdt, usdt.Amount(), usdt.ValueUSD())
	}
	if gov := eth.Tokens[1]; gov.Amount() != "2" || gov.ValueUSD().Fixed(2) != "1.00" {
		t.Errorf("GOV amount %s value %v", gov.Amount(), gov.ValueUSD())
	}

	sol := b.Solana
	if sol.Err != nil || sol.SOLAmount() != "0.5" || sol.SOLValueUSD().Fixed(2) != "50.00" {
		t.Errorf("SOL %s worth %v (err %v); want Birdeye's price for SOL", sol.SOLAmount(), sol.SOLValueUSD(), sol.Err)
	}
	byMint := map[string]domain.TokenBalance{}
	for _, tok := range sol.Tokens {
		byMint[tok.Contract] = tok
	}
	if u := byMint[mintUSDC]; u.Amount() != "1.234567" || u.ValueUSD().Fixed(2) != "1.23" {
		t.Errorf("USDC = %s worth %v", u.Amount(), u.ValueUSD())
	}
	if bonk := byMint[mintBONK]; bonk.Amount() != "100" || bonk.ValueUSD() == nil || bonk.ValueUSD().String() != "0.002" {
		t.Errorf("BONK = %s worth %v; want Birdeye's fallback price", bonk.Amount(), bonk.ValueUSD())
	}
}

func TestBalancesOneChainRateLimited(t *testing.T) {
	f := newFixture(t)
	f.alchemy.SetFault("base-mainnet", alchemyfake.FaultRateLimit)
	s := f.service(app.BalancesOptions{})
	b := mustBalances(t, s)
	for _, c := range b.EVM.Chains {
		switch {
		case c.Chain.Slug == "base":
			if domain.KindOf(c.Err) != domain.KindUnavailable || c.NativeAmount() != "0" || len(c.Tokens) != 0 {
				t.Errorf("base = %+v, want an unavailable error, zero native, no tokens", c)
			}
		case c.Err != nil || c.NativeAmount() != "1.5" || c.NativeValueUSD() == nil:
			t.Errorf("%s = %+v, want success with a price", c.Chain.Slug, c)
		}
	}
	// A failed chain is not cached: once Alchemy recovers, the next call reads it.
	f.alchemy.SetFault("base-mainnet", alchemyfake.FaultNone)
	if b := mustBalances(t, s); b.EVM.Chains[1].Err != nil {
		t.Errorf("base still failing after recovery: %v", b.EVM.Chains[1].Err)
	}
}

func TestBalancesHungChainTimesOutAlone(t *testing.T) {
	f := newFixture(t)
	f.alchemy.SetFault("arb-mainnet", alchemyfake.FaultHang)
	b := mustBalances(t, f.service(app.BalancesOptions{ChainTimeout: 300 * time.Millisecond}))
	for _, c := range b.EVM.Chains {
		if c.Chain.Slug == "arbitrum" {
			if domain.KindOf(c.Err) != domain.KindTimeout {
				t.Errorf("arbitrum err = %v, want a timeout", c.Err)
			}
		} else if c.Err != nil {
			t.Errorf("%s err = %v", c.Chain.Slug, c.Err)
		}
	}
	if b.Solana.Err != nil {
		t.Errorf("solana err = %v", b.Solana.Err)
	}
}

func TestBalancesNoKeysBothSidesNull(t *testing.T) {
	f := newFixture(t)
	f.sources.set(func(s *app.BalanceSources) { *s = app.BalanceSources{EVMAddress: evmOwner, SolanaAddress: solOwner} })
	b := mustBalances(t, f.service(app.BalancesOptions{}))
	if b.EVM != nil || b.Solana != nil {
		t.Errorf("got %+v, want both sides nil", b)
	}
	if f.upstreamRequests() != 0 {
		t.Errorf("%d upstream requests without keys", f.upstreamRequests())
	}
}

func TestBalancesConcurrentCallsShareOneFetch(t *testing.T) {
	f := newFixture(t)
	f.alchemy.SetLatency(20 * time.Millisecond)
	s := f.service(app.BalancesOptions{})
	var wg sync.WaitGroup
	for range 10 {
		wg.Go(func() { mustBalances(t, s) })
	}
	wg.Wait()
	if got, want := f.upstreamRequests(), 7*2+1+2; got != want {
		t.Errorf("10 concurrent calls made %d upstream requests, want one fetch's %d", got, want)
	}
}

func TestBalancesCallerCancelDoesNotFailOthers(t *testing.T) {
	f := newFixture(t)
	f.alchemy.SetLatency(50 * time.Millisecond)
	s := f.service(app.BalancesOptions{})
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() { _, err := s.Balances(ctx); errc <- err }()
	// The first caller has started the fetch once requests reach the fake.
	for f.upstreamRequests() == 0 {
		time.Sleep(time.Millisecond)
	}
	done := make(chan domain.Balances, 1)
	go func() { // joins the same fetch
		b, err := s.Balances(context.Background())
		if err != nil {
			t.Error(err)
		}
		done <- b
	}()
	cancel() // while it is in flight
	if err := <-errc; err != nil && !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled caller got %v", err)
	}
	b := <-done
	if b.EVM == nil {
		t.Fatal("no EVM side")
	}
	for _, c := range b.EVM.Chains {
		if c.Err != nil {
			t.Errorf("%s failed: %v", c.Chain.Slug, c.Err)
		}
	}
}

func TestBalancesConfigChangeBypassesCache(t *testing.T) {
	f := newFixture(t)
	s := f.service(app.BalancesOptions{})
	mustBalances(t, s)
	f.resetCounters()
	f.sources.set(func(src *app.BalanceSources) { src.Version = "v2"; src.SolanaAssets = nil })
	b := mustBalances(t, s)
	if b.Solana != nil {
		t.Error("solana side still shown after its provider was removed")
	}
	if f.alchemy.Requests(alchemyfake.ScopeAll) == 0 {
		t.Error("new configuration answered from the old cache")
	}
}

func TestBalancesTestnetUsesTestnetChainsUnpriced(t *testing.T) {
	f := newFixture(t)
	f.sources.set(func(src *app.BalanceSources) { src.Network = domain.NetworkTestnet; src.Version = "testnet" })
	b := mustBalances(t, f.service(app.BalancesOptions{}))
	for _, c := range b.EVM.Chains {
		if !c.Chain.Testnet || c.Err != nil || c.NativePriceUSD != nil {
			t.Errorf("%s (%d): testnet %v err %v price %v", c.Chain.Name, c.Chain.ChainID, c.Chain.Testnet, c.Err, c.NativePriceUSD)
		}
	}
	if f.alchemy.Requests(alchemyfake.ScopePrices) != 0 || f.birdeye.Requests("") != 0 {
		t.Error("testnet coins were priced")
	}
	// Prices the indexer sends along are mainnet prices: devnet SOL and
	// tokens are worth nothing, so they carry no USD value either.
	if b.Solana == nil || b.Solana.Err != nil || b.Solana.SOLPriceUSD != nil || b.Solana.SOLValueUSD() != nil {
		t.Errorf("solana on testnet = %+v, want no SOL price", b.Solana)
	}
	for _, tok := range b.Solana.Tokens {
		if tok.PriceUSD != nil {
			t.Errorf("testnet token %s priced at %s", tok.Symbol, tok.PriceUSD)
		}
	}
}

func TestBalancesMetadataOutageDropsTokensAndIsNotCached(t *testing.T) {
	f := newFixture(t)
	f.sources.set(func(src *app.BalanceSources) { src.EVMMetadata = failingMetadata{} })
	s := f.service(app.BalancesOptions{})
	b := mustBalances(t, s)
	for _, c := range b.EVM.Chains {
		if c.Err != nil || len(c.Tokens) != 0 || c.NativeAmount() != "1.5" {
			t.Errorf("%s = %+v, want the native balance only", c.Chain.Slug, c)
		}
	}
	f.resetCounters()
	mustBalances(t, s)
	if f.upstreamRequests() == 0 {
		t.Error("an incomplete answer was cached")
	}
}

type failingMetadata struct{}

func (failingMetadata) TokenMetadata(context.Context, domain.EVMChain, []string) (map[string]domain.TokenMetadata, error) {
	return nil, domain.Errorf(domain.KindUnavailable, "metadata down")
}

// BenchmarkBalances50ms reads every chain and Solana against fakes that add
// 50 ms to each request, metadata stored and the answer cache off: with the
// price requests overlapping the balance reads, it costs about one round
// trip (~50 ms), not one per chain.
func BenchmarkBalances50ms(b *testing.B) {
	f := newFixture(b)
	s := f.service(app.BalancesOptions{TTL: -1})
	mustBalances(b, s) // store token metadata
	f.alchemy.SetLatency(50 * time.Millisecond)
	f.helius.SetLatency(50 * time.Millisecond)
	f.birdeye.SetLatency(50 * time.Millisecond)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		mustBalances(b, s)
	}
}

// A warm fetch asks for last time's prices while it reads balances; a token
// that appeared since then costs one more price request, for it alone.
func TestBalancesNewTokenAfterTTLIsPriced(t *testing.T) {
	f := newFixture(t)
	s := f.service(app.BalancesOptions{})
	mustBalances(t, s)

	fresh := tokenOf(1, 9)
	eight, sym := 8, "NEW"
	f.alchemy.SetToken("eth-mainnet", evmOwner, fresh, big.NewInt(150_000_000))
	f.alchemy.SetTokenMetadata("eth-mainnet", fresh, alchemyfake.TokenMetadata{Symbol: &sym, Name: &sym, Decimals: &eight})
	f.alchemy.SetPrice("eth-mainnet", fresh, "2")
	f.resetCounters()
	f.clock.Advance(16 * time.Second)

	b := mustBalances(t, s)
	var got *domain.TokenBalance
	for i, tok := range b.EVM.Chains[0].Tokens {
		if tok.Symbol == "NEW" {
			got = &b.EVM.Chains[0].Tokens[i]
		}
	}
	if got == nil || got.Amount() != "1.5" || got.ValueUSD() == nil || got.ValueUSD().Fixed(2) != "3.00" {
		t.Fatalf("new token = %+v", got)
	}
	if n := f.alchemy.Requests(alchemyfake.ScopePrices); n != 2 {
		t.Errorf("%d price requests, want 2 (last time's set, then the new token)", n)
	}
	for _, body := range f.alchemy.LastBodies() {
		if strings.Contains(body, `"network"`) && strings.Contains(body, fresh) && strings.Count(body, `"network"`) != 1 {
			t.Errorf("the new token was asked with others: %s", body)
		}
	}
}
