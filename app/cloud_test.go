package app_test

import (
	"context"
	"log/slog"
	"maps"
	"sync"
	"testing"
	"time"

	"go.uber.org/mock/gomock"

	"github.com/agentwallet/agentwallet/app"
	"github.com/agentwallet/agentwallet/domain"
	"github.com/agentwallet/agentwallet/mocks"
)

// cloudMocks holds a Cloud built on mocks only: any cloud call a test does
// not expect fails it.
type cloudMocks struct {
	cloud    *app.Cloud
	login    *mocks.MockCloudLogin
	account  *mocks.MockCloudAccount
	clock    *stepClock
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
	m.account, m.clock = account, &stepClock{now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
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
	c, err := app.NewCloud(context.Background(), cp, m.settings, m.sealer, mocks.NewMockKeyStore(ctrl), m.clock, slog.New(slog.DiscardHandler), policy)
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

// stepClock is a clock tests move by hand.
type stepClock struct{ now time.Time }

func (c *stepClock) Now() time.Time { return c.now }

func TestStatusCachesTheAccountAndItsFailures(t *testing.T) {
	t.Parallel()
	m := newCloudMocks(t, "eliza_configured")
	gomock.InOrder(
		m.account.EXPECT().Account(gomock.Any(), gomock.Any()).Return(domain.CloudAccount{UserID: "u", OrganizationID: "o"}, nil),
		m.account.EXPECT().Account(gomock.Any(), gomock.Any()).Return(domain.CloudAccount{}, domain.Errorf(domain.KindUpstream, "down")),
		m.account.EXPECT().Account(gomock.Any(), gomock.Any()).Return(domain.CloudAccount{UserID: "u2"}, nil),
	)
	if st := m.cloud.Status(t.Context()); *st.UserID != "u" || *st.OrganizationID != "o" || !st.Connected {
		t.Fatalf("status = %+v", st)
	}
	m.clock.now = m.clock.now.Add(30 * time.Second) // within the minute: cached
	if st := m.cloud.Status(t.Context()); *st.UserID != "u" {
		t.Fatalf("cached status = %+v", st)
	}
	m.clock.now = m.clock.now.Add(time.Minute) // expired: the cloud is down
	if st := m.cloud.Status(t.Context()); st.UserID != nil || !st.Connected {
		t.Fatalf("status with the cloud down = %+v, want connected with unknown ids", st)
	}
	m.clock.now = m.clock.now.Add(5 * time.Second) // the failure is remembered
	if st := m.cloud.Status(t.Context()); st.UserID != nil {
		t.Fatalf("status right after a failure = %+v", st)
	}
	m.clock.now = m.clock.now.Add(20 * time.Second)
	if st := m.cloud.Status(t.Context()); st.UserID == nil || *st.UserID != "u2" {
		t.Fatalf("status after the retry delay = %+v", st)
	}
}

func TestLoginUpstreamFailuresMapToStatuses(t *testing.T) {
	t.Parallel()
	timeout := domain.Errorf(domain.KindTimeout, "Eliza Cloud request timed out")
	http500 := domain.Errorf(domain.KindUpstream, "boom").Wrap(&domain.UpstreamHTTPError{Service: "Eliza Cloud", Status: 500})
	network := domain.Errorf(domain.KindUpstream, "Eliza Cloud is unreachable")
	tests := []struct {
		name       string
		createErr  error
		wantCreate domain.Kind
		pollErr    error
		wantStatus domain.CloudLoginStatus
		wantPoll   domain.Kind // KindInternal: no error, HTTP 200
	}{
		{name: "timeout_is_504", createErr: timeout, wantCreate: domain.KindTimeout, pollErr: timeout, wantStatus: domain.LoginError, wantPoll: domain.KindTimeout},
		{name: "http_500_is_502_on_create_and_200_error_on_poll", createErr: http500, wantCreate: domain.KindUpstream, pollErr: http500, wantStatus: domain.LoginError},
		{name: "network_is_502", createErr: network, wantCreate: domain.KindUpstream, pollErr: network, wantStatus: domain.LoginError, wantPoll: domain.KindUpstream},
		{name: "not_found_is_expired", createErr: http500, wantCreate: domain.KindUpstream, pollErr: domain.Errorf(domain.KindNotFound, "gone"), wantStatus: domain.LoginExpired},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			m := newCloudMocks(t, "")
			m.login.EXPECT().CreateLoginSession(gomock.Any(), gomock.Any()).Return(tt.createErr)
			if _, err := m.cloud.StartLogin(t.Context()); domain.KindOf(err) != tt.wantCreate {
				t.Errorf("StartLogin err = %v, want kind %v", err, tt.wantCreate)
			}
			m.login.EXPECT().PollLoginSession(gomock.Any(), gomock.Any()).Return(domain.CloudSessionPoll{}, tt.pollErr)
			st, err := m.cloud.PollLogin(t.Context(), "550e8400-e29b-41d4-a716-446655440000")
			if st.Status != tt.wantStatus || (tt.wantPoll == domain.KindInternal) != (err == nil) || (err != nil && domain.KindOf(err) != tt.wantPoll) {
				t.Errorf("PollLogin = %+v, %v; want status %s and kind %v", st, err, tt.wantStatus, tt.wantPoll)
			}
		})
	}
}

func TestPrimaryAddressesKeepTheCallersLocalAddresses(t *testing.T) {
	t.Parallel()
	ctrl := gomock.NewController(t)
	settings, keys := mocks.NewMockSettings(ctrl), mocks.NewMockKeyStore(ctrl)
	settings.EXPECT().Setting(gomock.Any(), "cloud.apiKey.sealed").Return("", false, nil)
	const (
		keystoreEVM = "0x1111111111111111111111111111111111111111"
		stewardEVM  = "0x2222222222222222222222222222222222222222"
		cloudSol    = "7xKXtg2CW87d97TXJSDpbD5jBkheTqA83TZRuJosgHU"
	)
	settings.EXPECT().AllSettings(gomock.Any()).Return(map[string]string{
		"wallet.cloud.solana":   `{"address":"` + cloudSol + `","provider":"privy"}`,
		"wallet.primary.solana": "cloud",
		"wallet.primary.evm":    "local",
	}, nil).AnyTimes()
	keys.EXPECT().Wallets(gomock.Any()).Return([]domain.Wallet{{Chain: domain.ChainEVM, Address: keystoreEVM}}, nil).AnyTimes()
	c, err := app.NewCloud(t.Context(), app.CloudPorts{}, settings, mocks.NewMockSealer(ctrl), keys, &stepClock{}, slog.New(slog.DiscardHandler),
		app.CloudPolicy{WalletEnabled: true, Thresholds: domain.DefaultCreditThresholds()})
	if err != nil {
		t.Fatal(err)
	}
	// The caller's local view (Steward's wallet, which wins over the
	// keystore's) stays for a chain whose primary is local.
	evm := stewardEVM
	got, err := c.PrimaryAddresses(t.Context(), app.Addresses{EVM: &evm})
	if err != nil {
		t.Fatal(err)
	}
	if got.EVM == nil || *got.EVM != stewardEVM {
		t.Errorf("EVM = %v, want the Steward address %s", got.EVM, stewardEVM)
	}
	if got.Solana == nil || *got.Solana != cloudSol {
		t.Errorf("Solana = %v, want the cloud primary %s", got.Solana, cloudSol)
	}
}

// slowSettings is an in-memory ports.Settings whose reads take a moment, so
// a read-then-write race shows up.
type slowSettings struct {
	mu sync.Mutex
	m  map[string]string
}

func (s *slowSettings) Setting(_ context.Context, key string) (string, bool, error) {
	s.mu.Lock()
	v, ok := s.m[key]
	s.mu.Unlock()
	time.Sleep(20 * time.Millisecond)
	return v, ok, nil
}

func (s *slowSettings) AllSettings(context.Context) (map[string]string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return maps.Clone(s.m), nil
}

func (s *slowSettings) UpdateSettings(_ context.Context, changes map[string]*string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for k, v := range changes {
		if v == nil {
			delete(s.m, k)
		} else {
			s.m[k] = *v
		}
	}
	return nil
}

func TestConcurrentRefreshesUseOneClientAddress(t *testing.T) {
	t.Parallel()
	ctrl := gomock.NewController(t)
	keys, wallets := mocks.NewMockKeyStore(ctrl), mocks.NewMockCloudWallets(ctrl)
	keys.EXPECT().Wallets(gomock.Any()).Return(nil, nil).AnyTimes()
	wallets.EXPECT().AgentWallet(gomock.Any(), gomock.Any(), gomock.Any(), gomock.Any()).
		Return(domain.CloudWallet{}, domain.Errorf(domain.KindNotFound, "none")).AnyTimes()
	var mu sync.Mutex
	clients := map[string]bool{}
	wallets.EXPECT().ProvisionWallet(gomock.Any(), gomock.Any(), gomock.Any(), gomock.Any()).
		DoAndReturn(func(_ context.Context, _ domain.CloudAPIKey, ch domain.Chain, client string) (domain.CloudWallet, error) {
			mu.Lock()
			clients[client] = true
			mu.Unlock()
			addr := "0x3333333333333333333333333333333333333333"
			if ch == domain.ChainSolana {
				addr = "7xKXtg2CW87d97TXJSDpbD5jBkheTqA83TZRuJosgHU"
			}
			return domain.NewCloudWallet(ch, addr, domain.ProviderPrivy, "")
		}).AnyTimes()
	key, _ := domain.NewCloudAPIKey("eliza_configured")
	c, err := app.NewCloud(t.Context(), app.CloudPorts{Wallets: wallets}, &slowSettings{m: map[string]string{}}, mocks.NewMockSealer(ctrl), keys,
		&stepClock{}, slog.New(slog.DiscardHandler), app.CloudPolicy{WalletEnabled: true, InitialKey: key,
			AgentID: "550e8400-e29b-41d4-a716-446655440000", Thresholds: domain.DefaultCreditThresholds()})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			if _, err := c.RefreshCloudWallets(t.Context()); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	// The cloud makes provisioning idempotent per client address: two
	// addresses would provision two different wallets for one chain.
	if len(clients) != 1 {
		t.Errorf("concurrent refreshes provisioned with %d client addresses, want 1", len(clients))
	}
}

func TestDisconnectDuringRefreshLeavesPrimaryLocal(t *testing.T) {
	t.Parallel()
	ctrl := gomock.NewController(t)
	keys, wallets := mocks.NewMockKeyStore(ctrl), mocks.NewMockCloudWallets(ctrl)
	keys.EXPECT().Wallets(gomock.Any()).Return(nil, nil).AnyTimes()
	wallets.EXPECT().AgentWallet(gomock.Any(), gomock.Any(), gomock.Any(), gomock.Any()).
		Return(domain.CloudWallet{}, domain.Errorf(domain.KindNotFound, "none")).AnyTimes()
	var c *app.Cloud
	var once sync.Once
	wallets.EXPECT().ProvisionWallet(gomock.Any(), gomock.Any(), gomock.Any(), gomock.Any()).
		DoAndReturn(func(ctx context.Context, _ domain.CloudAPIKey, ch domain.Chain, _ string) (domain.CloudWallet, error) {
			// The user disconnects while the (slow) provisioning is in flight.
			once.Do(func() {
				if err := c.Disconnect(ctx); err != nil {
					t.Error(err)
				}
			})
			addr := "0x3333333333333333333333333333333333333333"
			if ch == domain.ChainSolana {
				addr = "7xKXtg2CW87d97TXJSDpbD5jBkheTqA83TZRuJosgHU"
			}
			return domain.NewCloudWallet(ch, addr, domain.ProviderPrivy, "")
		}).AnyTimes()
	key, _ := domain.NewCloudAPIKey("eliza_configured")
	var err error
	c, err = app.NewCloud(t.Context(), app.CloudPorts{Wallets: wallets}, &slowSettings{m: map[string]string{}}, mocks.NewMockSealer(ctrl), keys,
		&stepClock{}, slog.New(slog.DiscardHandler), app.CloudPolicy{WalletEnabled: true, InitialKey: key,
			AgentID: "550e8400-e29b-41d4-a716-446655440000", Thresholds: domain.DefaultCreditThresholds()})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.RefreshCloudWallets(t.Context()); err == nil {
		t.Error("a refresh overtaken by a disconnect reported success")
	}
	v, err := c.WalletView(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if v.Primary[domain.ChainEVM] != domain.SourceLocal || v.Primary[domain.ChainSolana] != domain.SourceLocal {
		t.Errorf("primary after disconnect = %v, want local for every chain", v.Primary)
	}
}
