package helius_test

import (
	"encoding/json"
	"math/big"
	"strings"
	"testing"

	"github.com/agentwallet/agentwallet/adapters/helius"
	"github.com/agentwallet/agentwallet/adapters/helius/heliusfake"
	"github.com/agentwallet/agentwallet/domain"
	"github.com/agentwallet/agentwallet/ports"
	"github.com/agentwallet/agentwallet/ports/portstest"
)

const testKey = "test-helius-key"

type harness struct {
	fake   *heliusfake.Fake
	client *helius.Client
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	fake := heliusfake.New(testKey).Start()
	t.Cleanup(fake.Close)
	c, err := helius.NewClient(helius.Options{APIKey: testKey, BaseURL: fake.BaseURL()})
	if err != nil {
		t.Fatal(err)
	}
	return &harness{fake: fake, client: c}
}

func (h *harness) Assets() ports.SolanaAssets           { return h.client }
func (h *harness) SetLamports(owner string, l *big.Int) { h.fake.SetLamports(owner, l) }
func (h *harness) SetSOLPrice(usd string)               { h.fake.SetSOLPrice(usd) }
func (h *harness) SetRefusing()                         { h.fake.SetFault(heliusfake.FaultRateLimit) }
func (h *harness) SetHanging()                          { h.fake.SetFault(heliusfake.FaultHang) }

func (h *harness) AddToken(owner string, t domain.TokenBalance) {
	f := heliusfake.Fungible{Mint: t.Contract, Symbol: t.Symbol, Name: t.Name, Image: t.LogoURL, Decimals: int(t.Decimals), Balance: t.Raw}
	if t.PriceUSD != nil {
		f.PricePerToken = t.PriceUSD.String()
	}
	h.fake.AddFungible(owner, f)
}

func (h *harness) AddNFT(owner string, n domain.NFT) {
	h.fake.AddNFT(owner, heliusfake.NFT{Mint: n.Contract, Name: n.Name, Description: n.Description, Image: n.ImageURL, CollectionMint: portstest.MintUSDC, CollectionName: n.CollectionName})
}

func TestSolanaAssetsContract(t *testing.T) {
	portstest.RunSolanaAssets(t, func(t *testing.T) portstest.SolanaAssetsHarness { return newHarness(t) })
}

func TestHoldingsSendsNamedParamsInOneRequest(t *testing.T) {
	h := newHarness(t)
	if _, err := h.client.SolanaHoldings(t.Context(), portstest.SolOwnerA); err != nil {
		t.Fatal(err)
	}
	if h.fake.Requests() != 1 || h.fake.Calls("getAssetsByOwner") != 1 {
		t.Fatalf("requests %d, calls %d", h.fake.Requests(), h.fake.Calls("getAssetsByOwner"))
	}
	var p map[string]any
	if err := json.Unmarshal(h.fake.LastParams()[0], &p); err != nil {
		t.Fatalf("params are not an object: %v", err)
	}
	opts, _ := p["displayOptions"].(map[string]any)
	if p["ownerAddress"] != portstest.SolOwnerA || opts["showFungible"] != true || opts["showNativeBalance"] != true {
		t.Errorf("params = %v", p)
	}
}

func TestErrorKindsAndNoKeyLeak(t *testing.T) {
	cases := []struct {
		name  string
		fault heliusfake.Fault
		key   string
		kind  domain.Kind
		code  string
	}{
		{"rate_limited", heliusfake.FaultRateLimit, testKey, domain.KindUnavailable, helius.CodeRateLimited},
		{"server", heliusfake.FaultServer, testKey, domain.KindUnavailable, "UPSTREAM_UNAVAILABLE"},
		{"malformed", heliusfake.FaultMalformed, testKey, domain.KindUpstream, "UPSTREAM_ERROR"},
		{"wrong_key_is_not_our_401", heliusfake.FaultNone, "wrong", domain.KindUnavailable, helius.CodeAuth},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t)
			h.fake.SetFault(tc.fault)
			c, _ := helius.NewClient(helius.Options{APIKey: tc.key, BaseURL: h.fake.BaseURL()})
			_, err := c.SolanaHoldings(t.Context(), portstest.SolOwnerA)
			if domain.KindOf(err) != tc.kind || domain.CodeOf(err) != tc.code {
				t.Errorf("err = %v (kind %v, code %s)", err, domain.KindOf(err), domain.CodeOf(err))
			}
			if err != nil && strings.Contains(err.Error(), tc.key) {
				t.Errorf("error leaks the key: %v", err)
			}
		})
	}
}

func TestRPCURL(t *testing.T) {
	if got := helius.RPCURL("", "k"); got != "https://mainnet.helius-rpc.com/?api-key=k" {
		t.Errorf("RPCURL = %q", got)
	}
	if got := helius.RPCURL(helius.DefaultDevnetBaseURL+"/", "a&b"); got != "https://devnet.helius-rpc.com/?api-key=a%26b" {
		t.Errorf("RPCURL = %q", got)
	}
}
