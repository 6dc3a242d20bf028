package steward_test

import (
	"context"
	"net/http/httptest"
	"os"
	"testing"

	"github.com/google/uuid"

	"github.com/agentwallet/agentwallet/adapters/steward"
	"github.com/agentwallet/agentwallet/adapters/steward/stewardfake"
	"github.com/agentwallet/agentwallet/domain"
	"github.com/agentwallet/agentwallet/ports/portstest"
)

const (
	testTenant = "tenant-1"
	testKey    = "stw_test_key"
	testAgent  = "agent-1"
)

// newFake starts a fake Steward with one agent and returns it with its URL.
func newFake(t *testing.T) (*stewardfake.Fake, string) {
	t.Helper()
	f := stewardfake.New(stewardfake.Options{
		TenantID: testTenant, APIKey: testKey,
		Agents: []domain.StewardAgent{{ID: testAgent, Name: "Agent one",
			EVMAddress: "0xd8dA6BF26964aF9D7eEd9e03E53415D37aA96045", SolanaAddress: "7xKXtg2CW87d97TXJSDpbD5jBkheTqA83TZRuJosgHU"}},
	})
	srv := httptest.NewServer(stewardfake.Handler(f))
	t.Cleanup(srv.Close)
	return f, srv.URL
}

func newClient(t *testing.T, opts steward.Options) *steward.Client {
	t.Helper()
	c, err := steward.NewClient(opts)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestClientContract(t *testing.T) {
	portstest.RunSteward(t, func(t *testing.T) portstest.StewardHarness {
		_, url := newFake(t)
		c := newClient(t, steward.Options{BaseURL: url, APIKey: testKey, TenantID: testTenant})
		return portstest.StewardHarness{Agents: c, Signer: c, Approvals: c, Policies: c, History: c, AgentID: testAgent, ChainID: 56}
	})
}

// TestClientContractRealSteward runs the suite against a real Steward when
// STEWARD_TEST_URL is set (with STEWARD_TEST_KEY and STEWARD_TEST_TENANT);
// each harness creates a fresh agent, which starts with no policies. The
// server must allow key-based approvals and calldata-free native transfers.
func TestClientContractRealSteward(t *testing.T) {
	url := os.Getenv("STEWARD_TEST_URL")
	if url == "" {
		t.Skip("STEWARD_TEST_URL not set")
	}
	portstest.RunSteward(t, func(t *testing.T) portstest.StewardHarness {
		c := newClient(t, steward.Options{BaseURL: url, APIKey: os.Getenv("STEWARD_TEST_KEY"), TenantID: os.Getenv("STEWARD_TEST_TENANT"), AllowInsecureHTTP: true})
		id := "agentwallet-test-" + uuid.NewString()[:8]
		if _, err := c.CreateAgent(context.Background(), id, id); err != nil {
			t.Fatal(err)
		}
		return portstest.StewardHarness{Agents: c, Signer: c, Approvals: c, Policies: c, History: c, AgentID: id, ChainID: 97}
	})
}
