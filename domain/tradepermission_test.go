package domain_test

import (
	"testing"

	"github.com/agentwallet/agentwallet/domain"
)

func TestTradePermissionModeDecide(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name          string
		mode          domain.TradePermissionMode
		actor         domain.TradeActor
		today, limit  int
		wantSign      bool
		wantUsesQuota bool
	}{
		{"user_sign_only_human_never_signs", domain.TradeModeUserSignOnly, domain.ActorHuman, 0, 0, false, false},
		{"user_sign_only_agent_never_signs", domain.TradeModeUserSignOnly, domain.ActorAgent, 0, 0, false, false},
		{"unset_mode_is_user_sign_only", "", domain.ActorHuman, 0, 0, false, false},
		{"unknown_mode_is_user_sign_only", "yolo", domain.ActorHuman, 0, 0, false, false},
		{"manual_human_signs", domain.TradeModeManualLocalKey, domain.ActorHuman, 0, 0, true, false},
		{"manual_agent_refused", domain.TradeModeManualLocalKey, domain.ActorAgent, 0, 0, false, false},
		{"agent_auto_human_signs_without_quota", domain.TradeModeAgentAuto, domain.ActorHuman, 100, 25, true, false},
		{"agent_auto_agent_first_trade", domain.TradeModeAgentAuto, domain.ActorAgent, 0, 25, true, true},
		{"agent_auto_agent_25th_trade", domain.TradeModeAgentAuto, domain.ActorAgent, 24, 25, true, true},
		{"agent_auto_agent_26th_trade_refused", domain.TradeModeAgentAuto, domain.ActorAgent, 25, 25, false, false},
		{"agent_auto_default_limit_applies", domain.TradeModeAgentAuto, domain.ActorAgent, 25, 0, false, false},
		{"agent_auto_custom_limit", domain.TradeModeAgentAuto, domain.ActorAgent, 2, 3, true, true},
		{"agent_auto_custom_limit_reached", domain.TradeModeAgentAuto, domain.ActorAgent, 3, 3, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			g := tt.mode.Decide(tt.actor, tt.today, tt.limit)
			if g.LocalSigning != tt.wantSign || g.UsesQuota != tt.wantUsesQuota {
				t.Fatalf("Decide = %+v, want sign=%v quota=%v", g, tt.wantSign, tt.wantUsesQuota)
			}
			if !g.LocalSigning && g.Reason == "" {
				t.Fatal("a refusal must say why")
			}
			if g.LocalSigning && g.Reason != "" {
				t.Fatalf("an allowed gate carries reason %q", g.Reason)
			}
		})
	}
}

func TestParseTradePermissionMode(t *testing.T) {
	t.Parallel()
	for _, ok := range []string{"user-sign-only", "manual-local-key", " agent-auto "} {
		if _, err := domain.ParseTradePermissionMode(ok); err != nil {
			t.Errorf("ParseTradePermissionMode(%q): %v", ok, err)
		}
	}
	for _, bad := range []string{"", "disabled", "AGENT-AUTO", "auto"} {
		if _, err := domain.ParseTradePermissionMode(bad); domain.KindOf(err) != domain.KindInvalid {
			t.Errorf("ParseTradePermissionMode(%q) err = %v, want invalid", bad, err)
		}
	}
	if got := domain.ResolveTradePermissionMode("manual-local-key"); got != domain.TradeModeManualLocalKey {
		t.Errorf("Resolve(manual-local-key) = %q", got)
	}
	if got := domain.ResolveTradePermissionMode("garbage"); got != domain.TradeModeUserSignOnly {
		t.Errorf("Resolve(garbage) = %q", got)
	}
}

func TestIsAgentAction(t *testing.T) {
	t.Parallel()
	tests := []struct {
		values []string
		want   bool
	}{
		{[]string{"1"}, true},
		{[]string{"TRUE"}, true},
		{[]string{" yes "}, true},
		{[]string{"Agent"}, true},
		{[]string{"", "agent"}, true},
		{nil, false},
		{[]string{""}, false},
		{[]string{"0"}, false},
		{[]string{"false"}, false},
		{[]string{"no"}, false},
		{[]string{"agents"}, false},
		{[]string{"y"}, false},
	}
	for _, tt := range tests {
		if got := domain.IsAgentAction(tt.values...); got != tt.want {
			t.Errorf("IsAgentAction(%q) = %v, want %v", tt.values, got, tt.want)
		}
	}
}
