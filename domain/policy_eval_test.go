package domain_test

import (
	"encoding/json"
	"math/big"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/agentwallet/agentwallet/domain"
)

const (
	netBSC      = "eip155:56"
	addrAlice   = "0x1111111111111111111111111111111111111111"
	addrBob     = "0x2222222222222222222222222222222222222222"
	addrSol     = "7xKXtg2CW87d97TXJSDpbD5jBkheTqA83TZRuJosgHU"
	milliBNBWei = "1000000000000000" // 0.001 BNB in wei
)

// policyNoon is a Wednesday, 2026-11-25 12:00 UTC.
var policyNoon = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

func mustPolicyWei(t testing.TB, s string) *big.Int {
	t.Helper()
	v, ok := new(big.Int).SetString(s, 10)
	if !ok {
		t.Fatalf("bad wei %q", s)
	}
	return v
}

// bnbWei converts a decimal BNB amount to wei.
func bnbWei(t testing.TB, s string) *big.Int {
	t.Helper()
	v, err := domain.ParseUnits(s, 18)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func newRule(id string, typ domain.PolicyType, enabled bool, config string) domain.PolicyRule {
	return domain.PolicyRule{ID: id, Type: typ, Enabled: enabled, Config: json.RawMessage(config)}
}

// holdAboveTenthDenyAboveOne is the example: hold transfers above
// 0.1 BNB, deny above 1 BNB.
var holdAboveTenthDenyAboveOne = []domain.PolicyRule{
	newRule("p1", domain.PolicyAutoApproveThreshold, true, `{"threshold":"100000000000000000"}`),
	newRule("p2", domain.PolicySpendingLimit, true, `{"maxPerTx":"1000000000000000000"}`),
}

func TestEvaluatePolicies(t *testing.T) {
	t.Parallel()
	spend := func(ago time.Duration, network, bnbAmount string) domain.PolicySpend {
		return domain.PolicySpend{At: policyNoon.Add(-ago), Network: network, Value: bnbWei(t, bnbAmount)}
	}
	type want struct {
		verdict  domain.PolicyVerdict
		outcomes []domain.PolicyOutcome
	}
	const (
		P = domain.PolicyPassed
		H = domain.PolicyPending
		D = domain.PolicyDenied
	)
	tests := []struct {
		name   string
		rules  []domain.PolicyRule
		to     string
		value  string // BNB
		net    string
		spends []domain.PolicySpend
		now    time.Time
		want   want
	}{
		{name: "empty_set_denies", rules: nil, value: "0.01", want: want{domain.PolicyReject, nil}},
		{name: "all_disabled_denies", rules: []domain.PolicyRule{
			newRule("a", domain.PolicySpendingLimit, false, `{"maxPerTx":"1"}`),
		}, value: "0.01", want: want{domain.PolicyReject, []domain.PolicyOutcome{P}}},
		{name: "small_transfer_executes", rules: holdAboveTenthDenyAboveOne, value: "0.05",
			want: want{domain.PolicyApprove, []domain.PolicyOutcome{P, P}}},
		{name: "threshold_is_inclusive", rules: holdAboveTenthDenyAboveOne, value: "0.1",
			want: want{domain.PolicyApprove, []domain.PolicyOutcome{P, P}}},
		{name: "above_threshold_holds", rules: holdAboveTenthDenyAboveOne, value: "0.5",
			want: want{domain.PolicyHold, []domain.PolicyOutcome{H, P}}},
		{name: "per_tx_cap_is_inclusive", rules: holdAboveTenthDenyAboveOne, value: "1",
			want: want{domain.PolicyHold, []domain.PolicyOutcome{H, P}}},
		{name: "hard_fail_beats_hold", rules: holdAboveTenthDenyAboveOne, value: "2",
			want: want{domain.PolicyReject, []domain.PolicyOutcome{H, D}}},
		{name: "disabled_rule_is_skipped", rules: []domain.PolicyRule{
			newRule("a", domain.PolicySpendingLimit, false, `{"maxPerTx":"1"}`),
			newRule("b", domain.PolicySpendingLimit, true, `{"maxPerTx":"1000000000000000000"}`),
		}, value: "0.5", want: want{domain.PolicyApprove, []domain.PolicyOutcome{P, P}}},
		{name: "daily_cap_counts_last_24h", rules: []domain.PolicyRule{
			newRule("d", domain.PolicySpendingLimit, true, `{"maxPerDay":"1000000000000000000"}`),
		}, value: "0.2", spends: []domain.PolicySpend{spend(time.Hour, netBSC, "0.5"), spend(23*time.Hour, netBSC, "0.4")},
			want: want{domain.PolicyReject, []domain.PolicyOutcome{D}}},
		{name: "daily_cap_exact_fit_passes", rules: []domain.PolicyRule{
			newRule("d", domain.PolicySpendingLimit, true, `{"maxPerDay":"1000000000000000000"}`),
		}, value: "0.1", spends: []domain.PolicySpend{spend(time.Hour, netBSC, "0.5"), spend(23*time.Hour, netBSC, "0.4")},
			want: want{domain.PolicyApprove, []domain.PolicyOutcome{P}}},
		{name: "daily_cap_ignores_older_spends", rules: []domain.PolicyRule{
			newRule("d", domain.PolicySpendingLimit, true, `{"maxPerDay":"1000000000000000000"}`),
		}, value: "0.2", spends: []domain.PolicySpend{spend(time.Hour, netBSC, "0.5"), spend(25*time.Hour, netBSC, "0.4")},
			want: want{domain.PolicyApprove, []domain.PolicyOutcome{P}}},
		{name: "spend_caps_are_per_chain", rules: []domain.PolicyRule{
			newRule("d", domain.PolicySpendingLimit, true, `{"maxPerDay":"1000000000000000000"}`),
		}, value: "0.2", spends: []domain.PolicySpend{spend(time.Hour, "eip155:97", "0.9")},
			want: want{domain.PolicyApprove, []domain.PolicyOutcome{P}}},
		{name: "weekly_cap_counts_last_7d", rules: []domain.PolicyRule{
			newRule("w", domain.PolicySpendingLimit, true, `{"maxPerWeek":"1000000000000000000"}`),
		}, value: "0.2", spends: []domain.PolicySpend{spend(6*24*time.Hour, netBSC, "0.9")},
			want: want{domain.PolicyReject, []domain.PolicyOutcome{D}}},
		{name: "weekly_cap_ignores_8d_old", rules: []domain.PolicyRule{
			newRule("w", domain.PolicySpendingLimit, true, `{"maxPerWeek":"1000000000000000000"}`),
		}, value: "0.2", spends: []domain.PolicySpend{spend(8*24*time.Hour, netBSC, "0.9")},
			want: want{domain.PolicyApprove, []domain.PolicyOutcome{P}}},
		{name: "legacy_max_amount_daily", rules: []domain.PolicyRule{
			newRule("l", domain.PolicySpendingLimit, true, `{"maxAmount":"1000000000000000000"}`),
		}, value: "0.6", spends: []domain.PolicySpend{spend(time.Hour, netBSC, "0.5")},
			want: want{domain.PolicyReject, []domain.PolicyOutcome{D}}},
		{name: "legacy_max_amount_per_tx_period", rules: []domain.PolicyRule{
			newRule("l", domain.PolicySpendingLimit, true, `{"maxAmount":"1000000000000000000","period":"tx"}`),
		}, value: "0.6", spends: []domain.PolicySpend{spend(time.Hour, netBSC, "0.5")},
			want: want{domain.PolicyApprove, []domain.PolicyOutcome{P}}},
		{name: "usd_cap_without_oracle_fails_closed", rules: []domain.PolicyRule{
			newRule("u", domain.PolicySpendingLimit, true, `{"maxPerTxUsd":100}`),
		}, value: "0.001", want: want{domain.PolicyReject, []domain.PolicyOutcome{D}}},
		{name: "whitelist_listed_passes_any_case", rules: []domain.PolicyRule{
			newRule("w", domain.PolicyApprovedAddresses, true, `{"mode":"whitelist","addresses":["0xABCDEFabcdef0000000000000000000000000001"]}`),
		}, to: "0xabcdefABCDEF0000000000000000000000000001", value: "0.01",
			want: want{domain.PolicyApprove, []domain.PolicyOutcome{P}}},
		{name: "whitelist_unlisted_denies", rules: []domain.PolicyRule{
			newRule("w", domain.PolicyApprovedAddresses, true, `{"mode":"whitelist","addresses":["`+addrAlice+`"]}`),
		}, to: addrBob, value: "0.01", want: want{domain.PolicyReject, []domain.PolicyOutcome{D}}},
		{name: "blacklist_listed_denies", rules: []domain.PolicyRule{
			newRule("b", domain.PolicyApprovedAddresses, true, `{"mode":"blacklist","addresses":["`+addrBob+`"]}`),
		}, to: addrBob, value: "0.01", want: want{domain.PolicyReject, []domain.PolicyOutcome{D}}},
		{name: "blacklist_unlisted_passes", rules: []domain.PolicyRule{
			newRule("b", domain.PolicyApprovedAddresses, true, `{"mode":"blacklist","addresses":["`+addrBob+`"]}`),
		}, to: addrAlice, value: "0.01", want: want{domain.PolicyApprove, []domain.PolicyOutcome{P}}},
		{name: "solana_destination_on_evm_chain_denies", rules: []domain.PolicyRule{
			newRule("b", domain.PolicyApprovedAddresses, true, `{"mode":"blacklist","addresses":[]}`),
		}, to: addrSol, value: "0.01", want: want{domain.PolicyReject, []domain.PolicyOutcome{D}}},
		{name: "rate_limit_hour_reached", rules: []domain.PolicyRule{
			newRule("r", domain.PolicyRateLimit, true, `{"maxTxPerHour":2,"maxTxPerDay":10}`),
		}, value: "0.01", spends: []domain.PolicySpend{spend(10*time.Minute, netBSC, "0"), spend(59*time.Minute, "eip155:97", "0")},
			want: want{domain.PolicyReject, []domain.PolicyOutcome{D}}},
		{name: "rate_limit_hour_rolls_over", rules: []domain.PolicyRule{
			newRule("r", domain.PolicyRateLimit, true, `{"maxTxPerHour":2,"maxTxPerDay":10}`),
		}, value: "0.01", spends: []domain.PolicySpend{spend(10*time.Minute, netBSC, "0"), spend(61*time.Minute, netBSC, "0")},
			want: want{domain.PolicyApprove, []domain.PolicyOutcome{P}}},
		{name: "rate_limit_day_reached", rules: []domain.PolicyRule{
			newRule("r", domain.PolicyRateLimit, true, `{"maxTxPerHour":5,"maxTxPerDay":2}`),
		}, value: "0.01", spends: []domain.PolicySpend{spend(2*time.Hour, netBSC, "0"), spend(20*time.Hour, netBSC, "0")},
			want: want{domain.PolicyReject, []domain.PolicyOutcome{D}}},
		{name: "time_window_inside_hours", rules: []domain.PolicyRule{
			newRule("t", domain.PolicyTimeWindow, true, `{"allowedHours":[{"start":9,"end":17}],"allowedDays":[]}`),
		}, value: "0.01", now: policyNoon.Add(4*time.Hour + 59*time.Minute), want: want{domain.PolicyApprove, []domain.PolicyOutcome{P}}},
		{name: "time_window_end_is_exclusive", rules: []domain.PolicyRule{
			newRule("t", domain.PolicyTimeWindow, true, `{"allowedHours":[{"start":9,"end":17}],"allowedDays":[]}`),
		}, value: "0.01", now: policyNoon.Add(5 * time.Hour), want: want{domain.PolicyReject, []domain.PolicyOutcome{D}}},
		{name: "time_window_weekday_only_on_saturday", rules: []domain.PolicyRule{
			newRule("t", domain.PolicyTimeWindow, true, `{"allowedDays":[1,2,3,4,5]}`),
		}, value: "0.01", now: policyNoon.Add(3 * 24 * time.Hour), want: want{domain.PolicyReject, []domain.PolicyOutcome{D}}},
		{name: "time_window_uses_utc", rules: []domain.PolicyRule{
			newRule("t", domain.PolicyTimeWindow, true, `{"allowedHours":[{"start":12,"end":13}]}`),
		}, value: "0.01", now: policyNoon.In(time.FixedZone("UTC+9", 9*3600)), want: want{domain.PolicyApprove, []domain.PolicyOutcome{P}}},
		{name: "allowed_chain_passes", rules: []domain.PolicyRule{
			newRule("c", domain.PolicyAllowedChains, true, `{"chains":["eip155:56"]}`),
		}, value: "0.01", want: want{domain.PolicyApprove, []domain.PolicyOutcome{P}}},
		{name: "other_chain_denied", rules: []domain.PolicyRule{
			newRule("c", domain.PolicyAllowedChains, true, `{"chains":["eip155:56"]}`),
		}, value: "0.01", net: "eip155:97", want: want{domain.PolicyReject, []domain.PolicyOutcome{D}}},
		{name: "unrecognised_network_denied", rules: []domain.PolicyRule{
			newRule("c", domain.PolicyAllowedChains, true, `{"chains":["bsc"]}`),
		}, value: "0.01", net: "bsc", want: want{domain.PolicyReject, []domain.PolicyOutcome{D}}},
		{name: "usd_threshold_without_oracle_holds", rules: []domain.PolicyRule{
			newRule("a", domain.PolicyAutoApproveThreshold, true, `{"thresholdUsd":50}`),
		}, value: "0.001", want: want{domain.PolicyHold, []domain.PolicyOutcome{H}}},
		{name: "threshold_missing_holds", rules: []domain.PolicyRule{
			newRule("a", domain.PolicyAutoApproveThreshold, true, `{}`),
		}, value: "0.001", want: want{domain.PolicyHold, []domain.PolicyOutcome{H}}},
		{name: "opaque_type_fails_closed", rules: []domain.PolicyRule{
			newRule("o", "contract-allowlist", true, `{"contracts":[]}`),
		}, value: "0.001", want: want{domain.PolicyReject, []domain.PolicyOutcome{D}}},
		{name: "unknown_type_fails_closed", rules: []domain.PolicyRule{
			newRule("o", "max-trade-value", true, `{}`),
		}, value: "0.001", want: want{domain.PolicyReject, []domain.PolicyOutcome{D}}},
		{name: "numeric_wei_cap_fails_closed", rules: []domain.PolicyRule{
			newRule("n", domain.PolicySpendingLimit, true, `{"maxPerTx":1000000000000000000}`),
		}, value: "0.001", want: want{domain.PolicyReject, []domain.PolicyOutcome{D}}},
		{name: "non_object_config_fails_closed", rules: []domain.PolicyRule{
			newRule("n", domain.PolicyAllowedChains, true, `null`),
		}, value: "0.001", want: want{domain.PolicyReject, []domain.PolicyOutcome{D}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			req := domain.PolicyRequest{To: tt.to, Value: bnbWei(t, tt.value), Network: tt.net}
			if req.To == "" {
				req.To = addrAlice
			}
			if req.Network == "" {
				req.Network = netBSC
			}
			now := tt.now
			if now.IsZero() {
				now = policyNoon
			}
			got := domain.EvaluatePolicies(tt.rules, req, tt.spends, now)
			var outcomes []domain.PolicyOutcome
			for i, r := range got.Results {
				outcomes = append(outcomes, r.Outcome())
				if r.PolicyID != tt.rules[i].ID || r.Type != tt.rules[i].Type {
					t.Errorf("result %d names %s/%s, want rule %s/%s", i, r.PolicyID, r.Type, tt.rules[i].ID, tt.rules[i].Type)
				}
				if !r.Passed && r.Reason == "" {
					t.Errorf("result %d failed without a reason", i)
				}
			}
			if diff := cmp.Diff(tt.want, want{got.Verdict, outcomes}, cmp.AllowUnexported(want{})); diff != "" {
				t.Errorf("decision (-want +got):\n%s\nresults: %+v", diff, got.Results)
			}
		})
	}
}

func TestEvaluatePoliciesRejectsMalformedValue(t *testing.T) {
	t.Parallel()
	for name, v := range map[string]*big.Int{
		"nil":      nil,
		"negative": big.NewInt(-1),
		"too_big":  new(big.Int).Lsh(big.NewInt(1), 256),
	} {
		got := domain.EvaluatePolicies(holdAboveTenthDenyAboveOne[:1], domain.PolicyRequest{To: addrAlice, Value: v, Network: netBSC}, nil, policyNoon)
		if got.Verdict != domain.PolicyReject {
			t.Errorf("%s: verdict %s, want rejected", name, got.Verdict)
		}
	}
}

func TestVerdictOf(t *testing.T) {
	t.Parallel()
	hard := domain.PolicyResult{Type: domain.PolicySpendingLimit}
	soft := domain.PolicyResult{Type: domain.PolicyAutoApproveThreshold}
	review := domain.PolicyResult{Type: "reputation-threshold", RequiresManualApproval: true}
	pass := domain.PolicyResult{Type: domain.PolicyRateLimit, Passed: true}
	tests := []struct {
		name    string
		results []domain.PolicyResult
		enabled int
		want    domain.PolicyVerdict
	}{
		{"no_results_deny", nil, 0, domain.PolicyReject},
		{"none_enabled_deny", []domain.PolicyResult{pass}, 0, domain.PolicyReject},
		{"all_pass_approve", []domain.PolicyResult{pass, pass}, 2, domain.PolicyApprove},
		{"soft_fail_holds", []domain.PolicyResult{pass, soft}, 2, domain.PolicyHold},
		{"review_request_holds", []domain.PolicyResult{review, pass}, 2, domain.PolicyHold},
		{"hard_fail_rejects", []domain.PolicyResult{soft, hard}, 2, domain.PolicyReject},
	}
	for _, tt := range tests {
		if got := domain.VerdictOf(tt.results, tt.enabled); got != tt.want {
			t.Errorf("%s: got %s, want %s", tt.name, got, tt.want)
		}
	}
}

func TestPolicyResultNames(t *testing.T) {
	t.Parallel()
	tests := []struct {
		r       domain.PolicyResult
		policy  string
		outcome domain.PolicyOutcome
	}{
		{domain.PolicyResult{PolicyID: "u1", Type: domain.PolicySpendingLimit, Passed: true}, "spending-limit", domain.PolicyPassed},
		{domain.PolicyResult{PolicyID: "u1", Type: domain.PolicySpendingLimit}, "spending-limit", domain.PolicyDenied},
		{domain.PolicyResult{PolicyID: "u2", Type: domain.PolicyAutoApproveThreshold}, "auto-approve-threshold", domain.PolicyPending},
		{domain.PolicyResult{PolicyID: "u3"}, "u3", domain.PolicyDenied},
	}
	for _, tt := range tests {
		if tt.r.Policy() != tt.policy || tt.r.Outcome() != tt.outcome {
			t.Errorf("%+v: got %s/%s, want %s/%s", tt.r, tt.r.Policy(), tt.r.Outcome(), tt.policy, tt.outcome)
		}
	}
}

func TestEVMNetwork(t *testing.T) {
	t.Parallel()
	if got := domain.EVMNetwork(56); got != netBSC {
		t.Errorf("EVMNetwork(56) = %q", got)
	}
}

func BenchmarkEvaluatePolicies(b *testing.B) {
	rules := []domain.PolicyRule{
		newRule("a", domain.PolicyAutoApproveThreshold, true, `{"threshold":"100000000000000000"}`),
		newRule("s", domain.PolicySpendingLimit, true, `{"maxPerTx":"1000000000000000000","maxPerDay":"5000000000000000000","maxPerWeek":"20000000000000000000"}`),
		newRule("w", domain.PolicyApprovedAddresses, true, `{"mode":"blacklist","addresses":["`+addrBob+`"]}`),
		newRule("r", domain.PolicyRateLimit, true, `{"maxTxPerHour":100,"maxTxPerDay":1000}`),
		newRule("t", domain.PolicyTimeWindow, true, `{"allowedHours":[{"start":0,"end":24}]}`),
		newRule("c", domain.PolicyAllowedChains, true, `{"chains":["eip155:56"]}`),
	}
	spends := make([]domain.PolicySpend, 500)
	for i := range spends {
		spends[i] = domain.PolicySpend{At: policyNoon.Add(-time.Duration(i) * 20 * time.Minute), Network: netBSC, Value: mustPolicyWei(b, milliBNBWei)}
	}
	req := domain.PolicyRequest{To: addrAlice, Value: mustPolicyWei(b, milliBNBWei), Network: netBSC}
	b.ReportAllocs()
	for b.Loop() {
		domain.EvaluatePolicies(rules, req, spends, policyNoon)
	}
}
