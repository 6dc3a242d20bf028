package alchemy_test

import (
	"math/big"
	"net/http"
	"strings"
	"testing"

	"github.com/agentwallet/agentwallet/adapters/alchemy"
	"github.com/agentwallet/agentwallet/adapters/alchemy/alchemyfake"
	"github.com/agentwallet/agentwallet/domain"
	"github.com/agentwallet/agentwallet/ports"
	"github.com/agentwallet/agentwallet/ports/portstest"
)

const testKey = "test-alchemy-key"

// harness is the real client talking to the fake over HTTP.
type harness struct {
	fake   *alchemyfake.Fake
	client *alchemy.Client
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	fake := alchemyfake.New(testKey).Start()
	t.Cleanup(fake.Close)
	c, err := alchemy.NewClient(alchemy.Options{APIKey: testKey, BaseURL: fake.BaseURL(), PricesBaseURL: fake.PricesBaseURL()})
	if err != nil {
		t.Fatal(err)
	}
	return &harness{fake: fake, client: c}
}

func network(c domain.EVMChain) string {
	n, ok := alchemy.Network(c.ChainID)
	if !ok {
		panic("no alchemy network for " + c.Slug)
	}
	return n
}

func (h *harness) Holdings() ports.EVMHoldings       { return h.client }
func (h *harness) Source() ports.TokenMetadataSource { return h.client }
func (h *harness) NFTs() ports.EVMNFTs               { return h.client }
func (h *harness) Prices() ports.EVMPrices           { return h.client }
func (h *harness) ListsTokens() bool                 { return true }
func (h *harness) SetRefusing(c domain.EVMChain) {
	h.fake.SetFault(network(c), alchemyfake.FaultRateLimit)
}
func (h *harness) SetHanging(c domain.EVMChain)      { h.fake.SetFault(network(c), alchemyfake.FaultHang) }
func (h *harness) SetSymbolPrice(symbol, usd string) { h.fake.SetSymbolPrice(symbol, usd) }
func (h *harness) SetNative(c domain.EVMChain, o string, w *big.Int) {
	h.fake.SetNative(network(c), o, w)
}
func (h *harness) SetToken(c domain.EVMChain, o, contract string, raw *big.Int) {
	h.fake.SetToken(network(c), o, contract, raw)
}
func (h *harness) SetPrice(r domain.TokenRef, usd string) {
	n, _ := alchemy.Network(r.ChainID)
	h.fake.SetPrice(n, r.Contract, usd)
}

func (h *harness) SetMetadata(c domain.EVMChain, contract string, m domain.TokenMetadata) {
	fm := alchemyfake.TokenMetadata{Name: &m.Name, Symbol: &m.Symbol, Logo: &m.LogoURL}
	if m.DecimalsKnown {
		d := int(m.Decimals)
		fm.Decimals = &d
	}
	h.fake.SetTokenMetadata(network(c), contract, fm)
}

func (h *harness) AddNFT(c domain.EVMChain, owner string, n domain.NFT) {
	h.fake.AddNFT(network(c), owner, alchemyfake.NFT{
		Contract: n.Contract, TokenID: n.TokenID, TokenType: n.TokenType, Name: n.Name,
		Description: n.Description, CachedURL: n.ImageURL, CollectionName: n.CollectionName,
	})
}

type pricesHarness struct{ *harness }

func (h pricesHarness) SetRefusing() {
	h.fake.SetFault(alchemyfake.ScopePrices, alchemyfake.FaultRateLimit)
}

func TestEVMHoldingsContract(t *testing.T) {
	portstest.RunEVMHoldings(t, func(t *testing.T) portstest.EVMHoldingsHarness { return newHarness(t) })
}

func TestTokenMetadataContract(t *testing.T) {
	portstest.RunTokenMetadataSource(t, func(t *testing.T) portstest.TokenMetadataHarness { return newHarness(t) })
}

func TestEVMNFTsContract(t *testing.T) {
	portstest.RunEVMNFTs(t, func(t *testing.T) portstest.EVMNFTsHarness { return newHarness(t) })
}

func TestEVMPricesContract(t *testing.T) {
	portstest.RunEVMPrices(t, func(t *testing.T) portstest.EVMPricesHarness { return pricesHarness{newHarness(t)} })
}

func TestHoldingsIsOneBatchRequest(t *testing.T) {
	h := newHarness(t)
	eth := domain.EVMChains(domain.NetworkMainnet)[0]
	h.fake.SetToken("eth-mainnet", portstest.OwnerA, portstest.TokenX, big.NewInt(5))
	if _, err := h.client.Holdings(t.Context(), eth, portstest.OwnerA); err != nil {
		t.Fatal(err)
	}
	if got := h.fake.Requests("eth-mainnet"); got != 1 {
		t.Errorf("HTTP requests = %d, want 1", got)
	}
	if h.fake.Calls("eth_getBalance") != 1 || h.fake.Calls("alchemy_getTokenBalances") != 1 {
		t.Errorf("calls: getBalance %d, getTokenBalances %d", h.fake.Calls("eth_getBalance"), h.fake.Calls("alchemy_getTokenBalances"))
	}
	body := h.fake.LastBodies()[0]
	if !strings.HasPrefix(body, "[") || !strings.Contains(body, `"erc20"`) || !strings.Contains(body, `"latest"`) {
		t.Errorf("request body = %s, want a batch with erc20 and latest", body)
	}
}

func TestMetadataIsBatchedAndChecksummed(t *testing.T) {
	h := newHarness(t)
	eth := domain.EVMChains(domain.NetworkMainnet)[0]
	usdc := "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48"
	six, name, sym := 6, "USD Coin", "USDC"
	h.fake.SetTokenMetadata("eth-mainnet", usdc, alchemyfake.TokenMetadata{Name: &name, Symbol: &sym, Decimals: &six})
	got, err := h.client.TokenMetadata(t.Context(), eth, []string{usdc, portstest.TokenX, portstest.TokenY})
	if err != nil {
		t.Fatal(err)
	}
	if got[usdc].Contract != "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48" {
		t.Errorf("Contract = %q, want EIP-55", got[usdc].Contract)
	}
	if h.fake.Requests("eth-mainnet") != 1 || h.fake.Calls("alchemy_getTokenMetadata") != 3 {
		t.Errorf("requests %d, metadata calls %d; want 1 and 3", h.fake.Requests("eth-mainnet"), h.fake.Calls("alchemy_getTokenMetadata"))
	}
}

func TestErrorsNeverCarryTheKey(t *testing.T) {
	h := newHarness(t)
	eth := domain.EVMChains(domain.NetworkMainnet)[0]
	for _, f := range []alchemyfake.Fault{alchemyfake.FaultRateLimit, alchemyfake.FaultServer, alchemyfake.FaultMalformed} {
		h.fake.SetFault(alchemyfake.ScopeAll, f)
		_, err := h.client.Holdings(t.Context(), eth, portstest.OwnerA)
		if err == nil || strings.Contains(err.Error(), testKey) {
			t.Errorf("fault %d: err = %v", f, err)
		}
	}
	dead, err := alchemy.NewClient(alchemy.Options{APIKey: testKey, BaseURL: "http://127.0.0.1:1/{network}"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = dead.Holdings(t.Context(), eth, portstest.OwnerA)
	if domain.KindOf(err) != domain.KindUnavailable || strings.Contains(err.Error(), testKey) {
		t.Errorf("unreachable: err = %v", err)
	}
}

func TestUpstreamErrorKinds(t *testing.T) {
	eth := domain.EVMChains(domain.NetworkMainnet)[0]
	cases := []struct {
		name  string
		fault alchemyfake.Fault
		key   string
		kind  domain.Kind
		code  string
	}{
		{"rate_limited", alchemyfake.FaultRateLimit, testKey, domain.KindUnavailable, alchemy.CodeRateLimited},
		{"server_error", alchemyfake.FaultServer, testKey, domain.KindUnavailable, "UPSTREAM_UNAVAILABLE"},
		{"malformed", alchemyfake.FaultMalformed, testKey, domain.KindUpstream, "UPSTREAM_ERROR"},
		{"wrong_key_is_not_our_401", alchemyfake.FaultNone, "wrong", domain.KindUnavailable, alchemy.CodeAuth},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t)
			h.fake.SetFault(alchemyfake.ScopeAll, tc.fault)
			c, _ := alchemy.NewClient(alchemy.Options{APIKey: tc.key, BaseURL: h.fake.BaseURL(), HTTPClient: http.DefaultClient})
			_, err := c.Holdings(t.Context(), eth, portstest.OwnerA)
			if domain.KindOf(err) != tc.kind || domain.CodeOf(err) != tc.code {
				t.Errorf("err = %v (kind %v, code %s), want %v %s", err, domain.KindOf(err), domain.CodeOf(err), tc.kind, tc.code)
			}
		})
	}
}

func TestNewClientNeedsAKey(t *testing.T) {
	if _, err := alchemy.NewClient(alchemy.Options{APIKey: "  "}); domain.KindOf(err) != domain.KindInvalid {
		t.Errorf("err = %v, want invalid", err)
	}
}
