package app

import (
	"context"
	"testing"

	"github.com/agentwallet/agentwallet/domain"
)

type memRPCConfig map[domain.ProviderCredential]string

func (m memRPCConfig) Credential(_ context.Context, c domain.ProviderCredential) (string, error) {
	return m[c], nil
}

func (m memRPCConfig) Update(context.Context, WalletConfigUpdate) error { return nil }

// stubClient records its URLs and whether it was closed; only Close and
// the URL bookkeeping matter here, the ports are never called.
type stubClient struct {
	bscClient
	urls   []string
	closed bool
}

func (s *stubClient) Close() { s.closed = true }

func TestBSCSwitchRebuildsOnlyWhenURLsChange(t *testing.T) {
	cfg := memRPCConfig{domain.CredBSCRPC: "https://a.example"}
	var built []*stubClient
	sw, err := newBSCSwitch(cfg, func(urls []string) (bscClient, error) {
		c := &stubClient{urls: urls}
		built = append(built, c)
		return c, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	first, _ := sw.current(ctx)
	again, _ := sw.current(ctx)
	if first != again || len(built) != 2 { // the encoding-only client, then one for a.example
		t.Fatalf("same URLs rebuilt: %d builds", len(built))
	}
	cfg[domain.CredNodeRealBSCRPC] = "https://n.example"
	next, _ := sw.current(ctx)
	if next == first || len(built) != 3 || len(built[2].urls) != 2 || built[2].urls[0] != "https://n.example" {
		t.Fatalf("changed URLs not picked up: %+v", built[len(built)-1])
	}
	sw.close()
	for i, c := range built {
		if !c.closed {
			t.Errorf("client %d not closed", i)
		}
	}
}
