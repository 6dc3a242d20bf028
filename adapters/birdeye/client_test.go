package birdeye_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/agentwallet/agentwallet/adapters/birdeye"
	"github.com/agentwallet/agentwallet/adapters/birdeye/birdeyefake"
	"github.com/agentwallet/agentwallet/domain"
	"github.com/agentwallet/agentwallet/ports"
	"github.com/agentwallet/agentwallet/ports/portstest"
)

const testKey = "test-birdeye-key"

type harness struct {
	fake   *birdeyefake.Fake
	client *birdeye.Client
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	fake := birdeyefake.New(testKey).Start()
	t.Cleanup(fake.Close)
	c, err := birdeye.NewClient(birdeye.Options{APIKey: testKey, BaseURL: fake.BaseURL()})
	if err != nil {
		t.Fatal(err)
	}
	return &harness{fake: fake, client: c}
}

func (h *harness) Prices() ports.SolanaPrices { return h.client }
func (h *harness) SetPrice(mint, usd string)  { h.fake.SetPrice(mint, usd) }
func (h *harness) SetRefusing()               { h.fake.SetFault(birdeyefake.FaultRateLimit) }

func TestSolanaPricesContract(t *testing.T) {
	portstest.RunSolanaPrices(t, func(t *testing.T) portstest.SolanaPricesHarness { return newHarness(t) })
}

func TestEndpointsAndHeaders(t *testing.T) {
	h := newHarness(t)
	if _, err := h.client.SolanaPricesUSD(t.Context(), []string{portstest.MintUSDC}); err != nil {
		t.Fatal(err)
	}
	var many []string
	for i := range 150 {
		many = append(many, fmt.Sprintf("mint%03d", i))
	}
	if _, err := h.client.SolanaPricesUSD(t.Context(), many); err != nil {
		t.Fatal(err)
	}
	if h.fake.Requests("/defi/price") != 1 || h.fake.Requests("/defi/multi_price") != 2 {
		t.Errorf("price %d, multi_price %d; want 1 and 2 (chunks of 100)", h.fake.Requests("/defi/price"), h.fake.Requests("/defi/multi_price"))
	}
	for _, c := range h.fake.Chains() {
		if c != "solana" {
			t.Errorf("x-chain = %q", c)
		}
	}
}

func TestErrorKindsAndNoKeyLeak(t *testing.T) {
	cases := []struct {
		name  string
		fault birdeyefake.Fault
		key   string
		kind  domain.Kind
		code  string
	}{
		{"rate_limited", birdeyefake.FaultRateLimit, testKey, domain.KindUnavailable, birdeye.CodeRateLimited},
		{"server", birdeyefake.FaultServer, testKey, domain.KindUnavailable, "UPSTREAM_UNAVAILABLE"},
		{"malformed", birdeyefake.FaultMalformed, testKey, domain.KindUpstream, "UPSTREAM_ERROR"},
		{"wrong_key_is_not_our_401", birdeyefake.FaultNone, "wrong", domain.KindUnavailable, birdeye.CodeAuth},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t)
			h.fake.SetFault(tc.fault)
			c, _ := birdeye.NewClient(birdeye.Options{APIKey: tc.key, BaseURL: h.fake.BaseURL()})
			_, err := c.SolanaPricesUSD(t.Context(), []string{portstest.MintUSDC, portstest.MintBONK})
			if domain.KindOf(err) != tc.kind || domain.CodeOf(err) != tc.code {
				t.Errorf("err = %v (kind %v, code %s)", err, domain.KindOf(err), domain.CodeOf(err))
			}
			if err != nil && strings.Contains(err.Error(), tc.key) {
				t.Errorf("error leaks the key: %v", err)
			}
		})
	}
}
