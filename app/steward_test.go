package app_test

import (
	"context"
	"encoding/json"
	"math/big"
	"slices"
	"testing"
	"time"

	"go.uber.org/mock/gomock"

	"github.com/agentwallet/agentwallet/app"
	"github.com/agentwallet/agentwallet/domain"
	"github.com/agentwallet/agentwallet/mocks"
)

type stewardMocks struct {
	agents    *mocks.MockStewardAgents
	signer    *mocks.MockStewardSigner
	approvals *mocks.MockStewardApprovals
	policies  *mocks.MockStewardPolicies
	history   *mocks.MockStewardHistory
	keys      *mocks.MockKeyStore
	settings  *mocks.MockSettings
	local     *mocks.MockLocalPolicies
	localTxs  *mocks.MockLocalApprovals
	clock     *mocks.MockClock
}

var stewardNow = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

// newStewardUnderTest builds the use case on strict mocks: any call a test
// did not expect fails it.
func newStewardUnderTest(t *testing.T, cfg app.StewardSettings) (*app.Steward, stewardMocks) {
	t.Helper()
	ctrl := gomock.NewController(t)
	m := stewardMocks{
		agents: mocks.NewMockStewardAgents(ctrl), signer: mocks.NewMockStewardSigner(ctrl),
		approvals: mocks.NewMockStewardApprovals(ctrl), policies: mocks.NewMockStewardPolicies(ctrl),
		history: mocks.NewMockStewardHistory(ctrl), keys: mocks.NewMockKeyStore(ctrl),
		settings: mocks.NewMockSettings(ctrl), local: mocks.NewMockLocalPolicies(ctrl), localTxs: mocks.NewMockLocalApprovals(ctrl),
		clock: mocks.NewMockClock(ctrl),
	}
	var remote app.StewardPorts
	if cfg.BaseURL != "" {
		remote = app.StewardPorts{Agents: m.agents, Signer: m.signer, Approvals: m.approvals, Policies: m.policies, History: m.history}
	}
	m.clock.EXPECT().Now().Return(stewardNow).AnyTimes()
	return app.NewSteward(cfg, app.StewardDeps{Remote: remote, Keys: m.keys, Settings: m.settings, LocalPolicies: m.local,
		LocalTxs: m.localTxs, Clock: m.clock}), m
}

var stewardConfigured = app.StewardSettings{BaseURL: "https://steward.example", AgentID: "agent-1", ChainID: 56}

const stewardTwoRules = `[
  {"type":"auto-approve-threshold","enabled":true,"config":{"threshold":"100000000000000000"}},
  {"type":"spending-limit","enabled":true,"config":{"maxPerTx":"1000000000000000000"}}]`

func TestStewardRefusedPolicySetNeverReachesSteward(t *testing.T) {
	t.Parallel()
	s, _ := newStewardUnderTest(t, stewardConfigured)
	err := s.SetStewardPolicies(context.Background(), json.RawMessage(`[{"type":"spending-limit","enabled":true,"config":{}}]`))
	if !domain.IsKind(err, domain.KindInvalid) {
		t.Fatalf("got %v, want invalid", err)
	}
}

func TestStewardPoliciesGoToStewardWhenConfigured(t *testing.T) {
	t.Parallel()
	s, m := newStewardUnderTest(t, stewardConfigured)
	m.policies.EXPECT().SetPolicies(gomock.Any(), "agent-1", gomock.Len(2)).Return(nil, nil)
	if err := s.SetStewardPolicies(context.Background(), json.RawMessage(stewardTwoRules)); err != nil {
		t.Fatal(err)
	}
}

func TestStewardPoliciesAreLocalWithoutSteward(t *testing.T) {
	t.Parallel()
	s, m := newStewardUnderTest(t, app.StewardSettings{})
	m.local.EXPECT().ReplaceLocalPolicies(gomock.Any(), gomock.Len(2), stewardNow).Return(nil, nil)
	if err := s.SetStewardPolicies(context.Background(), json.RawMessage(stewardTwoRules)); err != nil {
		t.Fatal(err)
	}
	m.local.EXPECT().LocalPolicies(gomock.Any()).Return([]domain.PolicyRule{}, nil)
	if rules, err := s.StewardPolicies(context.Background()); err != nil || len(rules) != 0 {
		t.Errorf("got %v, %v", rules, err)
	}
}

func TestStewardNotConfiguredNeedsSteward(t *testing.T) {
	t.Parallel()
	s, _ := newStewardUnderTest(t, app.StewardSettings{})
	ctx := context.Background()
	_, err1 := s.Sign(ctx, domain.StewardSignRequest{To: "0x3333333333333333333333333333333333333333"})
	_, err2 := s.GenerateWallets(ctx, []domain.Chain{domain.ChainEVM})
	for i, err := range []error{err1, err2} {
		if domain.CodeOf(err) != "STEWARD_NOT_CONFIGURED" {
			t.Errorf("call %d: %v, want STEWARD_NOT_CONFIGURED", i+1, err)
		}
	}
	if st, err := s.Status(ctx); err != nil || st.Configured || st.BaseURL != nil {
		t.Errorf("status %+v, %v", st, err)
	}
}

func TestStewardApproveAndDenyNeedATxID(t *testing.T) {
	t.Parallel()
	s, _ := newStewardUnderTest(t, stewardConfigured)
	if _, err := s.StewardApprove(context.Background(), "  "); !domain.IsKind(err, domain.KindInvalid) {
		t.Errorf("approve: %v", err)
	}
	if err := s.StewardDeny(context.Background(), "", "why"); !domain.IsKind(err, domain.KindInvalid) {
		t.Errorf("deny: %v", err)
	}
}

func TestStewardAgentIDResolution(t *testing.T) {
	t.Parallel()
	evmWallet := []domain.Wallet{{Chain: domain.ChainEVM, Address: "0xd8dA6BF26964aF9D7eEd9e03E53415D37aA96045"}}
	tests := []struct {
		name     string
		cfg      app.StewardSettings
		stored   string
		wallets  []domain.Wallet
		want     string
		wantNone bool
	}{
		{name: "configured_id_wins", cfg: app.StewardSettings{AgentID: "cfg", FallbackAgentID: "fb"}, stored: "created", wallets: evmWallet, want: "cfg"},
		{name: "created_id_next", cfg: app.StewardSettings{FallbackAgentID: "fb"}, stored: "created", wallets: evmWallet, want: "created"},
		{name: "agent_id_next", cfg: app.StewardSettings{FallbackAgentID: "fb"}, wallets: evmWallet, want: "fb"},
		{name: "evm_address_last", wallets: evmWallet, want: evmWallet[0].Address},
		{name: "none", wantNone: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cfg := tt.cfg
			cfg.BaseURL, cfg.ChainID = "https://steward.example", 97
			s, m := newStewardUnderTest(t, cfg)
			m.settings.EXPECT().Setting(gomock.Any(), "steward.agentId").Return(tt.stored, tt.stored != "", nil).AnyTimes()
			m.keys.EXPECT().Wallets(gomock.Any()).Return(tt.wallets, nil).AnyTimes()
			if tt.wantNone {
				_, err := s.Sign(context.Background(), domain.StewardSignRequest{})
				if domain.CodeOf(err) != "STEWARD_NOT_CONFIGURED" {
					t.Errorf("got %v, want STEWARD_NOT_CONFIGURED", err)
				}
				return
			}
			m.signer.EXPECT().Sign(gomock.Any(), tt.want, gomock.Cond(func(r domain.StewardSignRequest) bool { return r.ChainID == 97 })).
				Return(domain.StewardSignResult{Status: domain.StewardSigned, TxHash: "0x1"}, nil)
			if _, err := s.Sign(context.Background(), domain.StewardSignRequest{Value: big.NewInt(1)}); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestStewardGenerateCreatesMissingAgentAndNeverALocalKey(t *testing.T) {
	t.Parallel()
	s, m := newStewardUnderTest(t, app.StewardSettings{BaseURL: "https://steward.example", FallbackAgentID: "me"})
	m.settings.EXPECT().Setting(gomock.Any(), "steward.agentId").Return("", false, nil)
	m.agents.EXPECT().Agent(gomock.Any(), "me").Return(domain.StewardAgent{}, domain.Errorf(domain.KindNotFound, "Agent not found"))
	m.agents.EXPECT().CreateAgent(gomock.Any(), "me", "me").Return(domain.StewardAgent{ID: "me", EVMAddress: "0xabc", SolanaAddress: "So1"}, nil)
	m.settings.EXPECT().UpdateSettings(gomock.Any(), gomock.Cond(func(ch map[string]*string) bool {
		return *ch["steward.agentId"] == "me" && *ch["steward.evmAddress"] == "0xabc" && *ch["steward.solanaAddress"] == "So1"
	})).Return(nil)
	// No KeyStore.Generate expectation: a local key must never be made.
	ws, err := s.GenerateWallets(context.Background(), []domain.Chain{domain.ChainEVM, domain.ChainSolana})
	if err != nil || len(ws) != 2 || ws[0].Address != "0xabc" || ws[1].Address != "So1" {
		t.Fatalf("got %+v, %v", ws, err)
	}
}

func TestStewardGenerateRefusesAMissingWallet(t *testing.T) {
	t.Parallel()
	s, m := newStewardUnderTest(t, stewardConfigured)
	m.agents.EXPECT().Agent(gomock.Any(), "agent-1").Return(domain.StewardAgent{ID: "agent-1", EVMAddress: "0xabc"}, nil)
	// No UpdateSettings expectation: nothing is remembered from a failure.
	_, err := s.GenerateWallets(context.Background(), []domain.Chain{domain.ChainSolana})
	if !domain.IsKind(err, domain.KindUpstream) {
		t.Errorf("got %v, want upstream", err)
	}
}

func TestStewardGenerateDoesNotCreateOnOtherErrors(t *testing.T) {
	t.Parallel()
	s, m := newStewardUnderTest(t, stewardConfigured)
	m.agents.EXPECT().Agent(gomock.Any(), "agent-1").Return(domain.StewardAgent{}, domain.Errorf(domain.KindForbidden, "Forbidden"))
	if _, err := s.GenerateWallets(context.Background(), []domain.Chain{domain.ChainEVM}); !domain.IsKind(err, domain.KindForbidden) {
		t.Errorf("got %v", err)
	}
}

func TestStewardLocalDecisionAppliesOnlyWithRules(t *testing.T) {
	t.Parallel()
	s, m := newStewardUnderTest(t, app.StewardSettings{})
	req := domain.PolicyRequest{To: "0x3333333333333333333333333333333333333333", Value: big.NewInt(2e17), Network: domain.EVMNetwork(56)}
	m.local.EXPECT().LocalPolicies(gomock.Any()).Return([]domain.PolicyRule{}, nil)
	if _, applies, err := s.LocalDecision(context.Background(), req, nil); applies || err != nil {
		t.Errorf("empty set: applies=%v err=%v", applies, err)
	}
	rules, err := domain.ParsePolicyRules([]byte(stewardTwoRules))
	if err != nil {
		t.Fatal(err)
	}
	disabled := slices.Clone(rules)
	for i := range disabled {
		disabled[i].Enabled = false
	}
	m.local.EXPECT().LocalPolicies(gomock.Any()).Return(disabled, nil)
	if _, applies, err := s.LocalDecision(context.Background(), req, nil); applies || err != nil {
		t.Errorf("all disabled: applies=%v err=%v", applies, err)
	}
	m.local.EXPECT().LocalPolicies(gomock.Any()).Return(rules, nil)
	dec, applies, err := s.LocalDecision(context.Background(), req, nil)
	if !applies || err != nil || dec.Verdict != domain.PolicyHold {
		t.Errorf("got %+v applies=%v err=%v, want a hold", dec, applies, err)
	}
}

func TestStewardTxRecordsFiltersAfterPaging(t *testing.T) {
	t.Parallel()
	s, m := newStewardUnderTest(t, stewardConfigured)
	m.history.EXPECT().History(gomock.Any(), "agent-1", domain.StewardPage{Limit: 50, Offset: 0}).Return([]domain.StewardTxRecord{
		{ID: "a", Status: domain.StewardTxRejected}, {ID: "b", Status: domain.StewardTxBroadcast}, {ID: "c", Status: domain.StewardTxRejected},
	}, nil)
	res, err := s.StewardTxRecords(context.Background(), app.StewardTxQuery{Status: "REJECTED"})
	if err != nil || res.Total != 2 || res.Records[1].ID != "c" || res.Limit != 50 {
		t.Errorf("got %+v, %v", res, err)
	}
	if _, err := s.StewardTxRecords(context.Background(), app.StewardTxQuery{Status: "nope"}); !domain.IsKind(err, domain.KindInvalid) {
		t.Errorf("bad status: %v", err)
	}
}

// TestStewardStatusHidesURLCredentials pins that steward-status shows the
// base URL without the userinfo or query a deployment may carry secrets in.
func TestStewardStatusHidesURLCredentials(t *testing.T) {
	t.Parallel()
	cfg := stewardConfigured
	cfg.BaseURL = "https://ops:s3cret@steward.example/api?key=k3y"
	s, m := newStewardUnderTest(t, cfg)
	m.keys.EXPECT().Wallets(gomock.Any()).Return(nil, nil)
	m.agents.EXPECT().Health(gomock.Any()).Return(domain.Errorf(domain.KindUnavailable, "Steward is unreachable"))
	st, err := s.Status(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if st.BaseURL == nil || *st.BaseURL != "https://steward.example/api" {
		t.Fatalf("baseUrl = %v, want https://steward.example/api", st.BaseURL)
	}
}
