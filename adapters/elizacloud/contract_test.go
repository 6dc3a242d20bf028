package elizacloud_test

import (
	"net/http/httptest"
	"testing"

	"github.com/agentwallet/agentwallet/adapters/elizacloud"
	"github.com/agentwallet/agentwallet/adapters/elizacloud/elizacloudfake"
	"github.com/agentwallet/agentwallet/domain"
	"github.com/agentwallet/agentwallet/ports/portstest"
)

// backend lets the contract suite drive the fake.
type backend struct{ f *elizacloudfake.Fake }

func (b backend) CompleteSession(id string)               { b.f.CompleteSession(id) }
func (b backend) ExpireSession(id string)                 { b.f.ExpireSession(id) }
func (b backend) RevokeKey(k domain.CloudAPIKey)          { b.f.RevokeKey(k.Reveal()) }
func (b backend) SetBalance(s string)                     { b.f.SetBalance(s) }
func (b backend) SetCryptoEnabled(on bool)                { b.f.SetCryptoEnabled(on) }
func (b backend) StopAgent(id domain.CloudAgentID)        { b.f.SetAgentStatus(string(id), "stopped") }
func (b backend) FailWalletChain(c domain.Chain, on bool) { b.f.FailWalletChain(c, on) }

func (b backend) MintKey() domain.CloudAPIKey {
	k, err := domain.NewCloudAPIKey(b.f.MintKey())
	if err != nil {
		panic(err)
	}
	return k
}

func (b backend) SetAsyncProvisioning(async bool) {
	if async {
		b.f.SetProvisionMode(elizacloudfake.ProvisionAsync)
		return
	}
	b.f.SetProvisionMode(elizacloudfake.ProvisionSync)
}

// newFakeCloud serves a fresh fake on 127.0.0.1 and returns a client for it.
func newFakeCloud(t testing.TB, opts elizacloudfake.Options) (*elizacloudfake.Fake, *elizacloud.Client, *httptest.Server) {
	t.Helper()
	f := elizacloudfake.New(opts)
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	c := elizacloud.NewClient(elizacloud.Options{SiteURL: srv.URL, AllowLoopback: true})
	return f, c, srv
}

func TestClientContract(t *testing.T) {
	t.Parallel()
	portstest.RunCloud(t, func(t *testing.T) portstest.CloudHarness {
		f, c, _ := newFakeCloud(t, elizacloudfake.Options{})
		return portstest.CloudHarness{Login: c, Account: c, Billing: c, Agents: c, Provisioner: c, Wallets: c, Backend: backend{f}}
	})
}
