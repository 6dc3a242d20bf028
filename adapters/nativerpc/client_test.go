package nativerpc_test

import (
	"math/big"
	"strings"
	"testing"

	"github.com/agentwallet/agentwallet/adapters/nativerpc"
	"github.com/agentwallet/agentwallet/adapters/nativerpc/nativerpcfake"
	"github.com/agentwallet/agentwallet/domain"
	"github.com/agentwallet/agentwallet/ports"
	"github.com/agentwallet/agentwallet/ports/portstest"
)

type harness struct {
	fake   *nativerpcfake.Fake
	client *nativerpc.Client
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	fake := nativerpcfake.New().Start()
	t.Cleanup(fake.Close)
	urls := map[uint64]string{}
	for _, c := range domain.EVMChains(domain.NetworkMainnet) {
		urls[c.ChainID] = fake.URL(c.ChainID)
	}
	c, err := nativerpc.NewClient(nativerpc.Options{URLs: urls})
	if err != nil {
		t.Fatal(err)
	}
	return &harness{fake: fake, client: c}
}

func (h *harness) Holdings() ports.EVMHoldings { return h.client }
func (h *harness) ListsTokens() bool           { return false }
func (h *harness) SetNative(c domain.EVMChain, owner string, wei *big.Int) {
	h.fake.SetBalance(c.ChainID, owner, wei)
}
func (h *harness) SetToken(domain.EVMChain, string, string, *big.Int) {}
func (h *harness) SetRefusing(c domain.EVMChain) {
	h.fake.SetFault(c.ChainID, nativerpcfake.FaultRateLimit)
}
func (h *harness) SetHanging(c domain.EVMChain) { h.fake.SetFault(c.ChainID, nativerpcfake.FaultHang) }

func TestEVMHoldingsContract(t *testing.T) {
	portstest.RunEVMHoldings(t, func(t *testing.T) portstest.EVMHoldingsHarness { return newHarness(t) })
}

func TestMalformedAnswerIsUpstream(t *testing.T) {
	h := newHarness(t)
	eth := domain.EVMChains(domain.NetworkMainnet)[0]
	h.fake.SetFault(eth.ChainID, nativerpcfake.FaultMalformed)
	_, err := h.client.Holdings(t.Context(), eth, portstest.OwnerA)
	if domain.KindOf(err) != domain.KindUpstream {
		t.Errorf("err = %v", err)
	}
}

func TestProviderURLs(t *testing.T) {
	if got := nativerpc.InfuraURLs("k")[1]; got != "https://mainnet.infura.io/v3/k" {
		t.Errorf("infura ethereum = %q", got)
	}
	if got := nativerpc.AnkrURLs("k")[56]; got != "https://rpc.ankr.com/bsc/k" {
		t.Errorf("ankr bsc = %q", got)
	}
	// A key is one path segment, whatever it holds.
	if got := nativerpc.InfuraURLs("a/b?c#d")[1]; got != "https://mainnet.infura.io/v3/a%2Fb%3Fc%23d" {
		t.Errorf("infura with an odd key = %q", got)
	}
	if got := nativerpc.AnkrURLs("a/b?c#d")[56]; got != "https://rpc.ankr.com/bsc/a%2Fb%3Fc%23d" {
		t.Errorf("ankr with an odd key = %q", got)
	}
	for _, c := range append(domain.EVMChains(domain.NetworkMainnet), domain.EVMChains(domain.NetworkTestnet)...) {
		if !strings.HasPrefix(nativerpc.InfuraURLs("k")[c.ChainID], "https://") || !strings.HasPrefix(nativerpc.AnkrURLs("k")[c.ChainID], "https://") {
			t.Errorf("%s (%d) missing from a provider table", c.Name, c.ChainID)
		}
	}
	if _, err := nativerpc.NewClient(nativerpc.Options{URLs: map[uint64]string{1: "ftp://x"}}); domain.KindOf(err) != domain.KindInvalid {
		t.Errorf("ftp URL accepted: %v", err)
	}
}
