package app_test

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"go.uber.org/mock/gomock"

	"github.com/agentwallet/agentwallet/app"
	"github.com/agentwallet/agentwallet/domain"
	"github.com/agentwallet/agentwallet/mocks"
	"github.com/agentwallet/agentwallet/ports"
)

// cloudMocks holds a Cloud built on mocks only: any cloud call a test does
// not expect fails it.
type cloudMocks struct {
	cloud    *app.Cloud
	login    *mocks.MockCloudLogin
	agents   *mocks.MockCloudAgents
	prov     *mocks.MockCloudProvisioner
	settings *mocks.MockSettings
	sealer   *mocks.MockSealer
}

func newCloudMocks(t *testing.T, initialKey string) *cloudMocks {
	t.Helper()
	ctrl := gomock.NewController(t)
	m := &cloudMocks{
		login: mocks.NewMockCloudLogin(ctrl), agents: mocks.NewMockCloudAgents(ctrl), prov: mocks.NewMockCloudProvisioner(ctrl),
		settings: mocks.NewMockSettings(ctrl), sealer: mocks.NewMockSealer(ctrl),
	}
	account := mocks.NewMockCloudAccount(ctrl)
	account.EXPECT().TopUpURL().Return("https://www.elizacloud.ai/dashboard/settings?tab=billing").AnyTimes()
	cp := app.CloudPorts{Login: m.login, Account: account, Billing: mocks.NewMockCloudBilling(ctrl),
		Agents: m.agents, Provisioner: m.prov, Wallets: mocks.NewMockCloudWallets(ctrl)}
	policy := app.CloudPolicy{Thresholds: domain.DefaultCreditThresholds(), ProvisionWait: time.Second, ProvisionPoll: time.Millisecond}
	if initialKey != "" {
		k, err := domain.NewCloudAPIKey(initialKey)
		if err != nil {
			t.Fatal(err)
		}
		policy.InitialKey = k
	}
	m.settings.EXPECT().Setting(gomock.Any(), "cloud.apiKey.sealed").Return("", false, nil)
	c, err := app.NewCloud(context.Background(), cp, m.settings, m.sealer, mocks.NewMockKeyStore(ctrl), ports.SystemClock{}, slog.New(slog.DiscardHandler), policy)
	if err != nil {
		t.Fatal(err)
	}
	m.cloud = c
	return m
}

func TestDisconnectMakesNoCloudCallAndLeavesATombstone(t *testing.T) {
	t.Parallel()
	m := newCloudMocks(t, "eliza_configured")
	m.settings.EXPECT().AllSettings(gomock.Any()).Return(map[string]string{"wallet.primary.evm": "cloud"}, nil)
	m.settings.EXPECT().UpdateSettings(gomock.Any(), gomock.Any()).DoAndReturn(func(_ context.Context, ch map[string]*string) error {
		if v, ok := ch["cloud.apiKey.sealed"]; !ok || v == nil || *v != "" {
			t.Errorf("disconnect must store an empty tombstone for the key, got %v", v)
		}
		if v, ok := ch["cloud.activeAgent"]; !ok || v != nil {
			t.Error("disconnect must drop the active agent")
		}
		if v := ch["wallet.primary.evm"]; v == nil || *v != "local" {
			t.Error("disconnect must return the primary to local")
		}
		return nil
	})
	if err := m.cloud.Disconnect(t.Context()); err != nil {
		t.Fatal(err)
	}
	if cr := m.cloud.Credits(t.Context()); cr.Connected {
		t.Error("still connected after disconnect")
	}
}

func TestBadAgentIDNeverReachesTheCloud(t *testing.T) {
	t.Parallel()
	m := newCloudMocks(t, "eliza_configured")
	for _, call := range []func(context.Context, string) error{
		func(ctx context.Context, id string) error { _, err := m.cloud.ProvisionAgent(ctx, id); return err },
		func(ctx context.Context, id string) error { _, err := m.cloud.ConnectAgent(ctx, id); return err },
		func(ctx context.Context, id string) error { _, err := m.cloud.ShutdownAgent(ctx, id); return err },
	} {
		if err := call(t.Context(), "../x"); domain.KindOf(err) != domain.KindInvalid {
			t.Errorf("err = %v, want invalid", err)
		}
	}
}

func TestShutdownOfActiveAgentDisconnectsBeforeDeleting(t *testing.T) {
	t.Parallel()
	m := newCloudMocks(t, "eliza_configured")
	const id = "550e8400-e29b-41d4-a716-446655440000"
	m.settings.EXPECT().Setting(gomock.Any(), "cloud.activeAgent").Return(id, true, nil)
	gomock.InOrder(
		m.settings.EXPECT().UpdateSettings(gomock.Any(), map[string]*string{"cloud.activeAgent": nil}).Return(nil),
		m.agents.EXPECT().DeleteAgent(gomock.Any(), gomock.Any(), domain.CloudAgentID(id)).Return(nil),
	)
	if _, err := m.cloud.ShutdownAgent(t.Context(), id); err != nil {
		t.Fatal(err)
	}
}

func TestLoginCompletingDuringDisconnectIsNotSaved(t *testing.T) {
	t.Parallel()
	m := newCloudMocks(t, "")
	const session = "550e8400-e29b-41d4-a716-446655440000"
	key, _ := domain.NewCloudAPIKey("eliza_late_key_0000")
	// The user disconnects while the poll is in flight.
	m.settings.EXPECT().AllSettings(gomock.Any()).Return(map[string]string{}, nil)
	m.settings.EXPECT().UpdateSettings(gomock.Any(), gomock.Any()).Return(nil) // the disconnect's write only
	m.sealer.EXPECT().Seal(gomock.Any(), gomock.Any()).Return([]byte("sealed"), nil)
	m.login.EXPECT().PollLoginSession(gomock.Any(), session).DoAndReturn(func(ctx context.Context, _ string) (domain.CloudSessionPoll, error) {
		if err := m.cloud.Disconnect(ctx); err != nil {
			t.Fatal(err)
		}
		return domain.CloudSessionPoll{State: domain.SessionAuthenticated, APIKey: key}, nil
	})
	st, err := m.cloud.PollLogin(t.Context(), session)
	if err == nil || st.Status != domain.LoginError {
		t.Fatalf("PollLogin = %+v, %v; want the late key refused", st, err)
	}
	if cr := m.cloud.Credits(t.Context()); cr.Connected {
		t.Error("the late key was put in use")
	}
}

func TestProvisionJobFailureIsNotConnected(t *testing.T) {
	t.Parallel()
	m := newCloudMocks(t, "eliza_configured")
	const id = "550e8400-e29b-41d4-a716-446655440000"
	m.prov.EXPECT().ProvisionAgent(gomock.Any(), gomock.Any(), domain.CloudAgentID(id)).Return(domain.CloudProvisioning{JobID: "j"}, nil)
	gomock.InOrder(
		m.prov.EXPECT().ProvisionJob(gomock.Any(), gomock.Any(), "j").Return(domain.CloudJob{ID: "j", Status: domain.JobInProgress}, nil),
		m.prov.EXPECT().ProvisionJob(gomock.Any(), gomock.Any(), "j").Return(domain.CloudJob{ID: "j", Status: domain.JobFailed, Error: "no capacity"}, nil),
	)
	// No GetAgent, Heartbeat or active-agent write may follow a failed job.
	_, err := m.cloud.ProvisionAgent(t.Context(), id)
	if domain.KindOf(err) != domain.KindUpstream || domain.CodeOf(err) != "CLOUD_PROVISION_FAILED" {
		t.Fatalf("err = %v", err)
	}
}
