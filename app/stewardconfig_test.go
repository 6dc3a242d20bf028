package app_test

import (
	"strings"
	"testing"

	"github.com/agentwallet/agentwallet/app"
)

func TestStewardConfigFromEnvironment(t *testing.T) {
	t.Parallel()
	cfg, err := app.LoadConfig("", lookupFrom(map[string]string{
		"STEWARD_API_URL":        "https://steward.example",
		"STEWARD_API_KEY":        "stw_secret",
		"STEWARD_TENANT_ID":      "tenant-1",
		"STEWARD_AGENT_TOKEN":    "jwt",
		"ELIZA_STEWARD_AGENT_ID": "alias-agent",
		"STEWARD_AGENT_ID":       "agent-1",
	}))
	if err != nil {
		t.Fatal(err)
	}
	s := cfg.Steward
	if s.APIURL != "https://steward.example" || s.APIKey.Reveal() != "stw_secret" || s.TenantID != "tenant-1" ||
		s.AgentToken.Reveal() != "jwt" || s.AgentID != "agent-1" || s.Timeout <= 0 {
		t.Errorf("steward config %+v", s)
	}
	if strings.Contains(s.APIKey.String()+s.AgentToken.String(), "stw_secret") {
		t.Error("Steward secrets print unredacted")
	}
	alias, _ := app.LoadConfig("", lookupFrom(map[string]string{"ELIZA_STEWARD_AGENT_ID": "alias-agent"}))
	if alias.Steward.AgentID != "alias-agent" {
		t.Errorf("alias: %q", alias.Steward.AgentID)
	}
}

func TestStewardURLValidation(t *testing.T) {
	t.Parallel()
	tests := []struct {
		url      string
		loopback bool
		ok       bool
	}{
		{"https://steward.example", false, true},
		{"http://localhost:3200", false, true},
		{"http://127.0.0.1:3200", false, true},
		{"http://steward.example", false, false},
		{"http://steward.example", true, true},
		{"steward.example", false, false},
		{"", false, true},
	}
	for _, tt := range tests {
		cfg := app.DefaultConfig()
		cfg.Steward.APIURL, cfg.AllowLoopbackUpstreams = tt.url, tt.loopback
		err := cfg.Validate()
		if (err == nil) != tt.ok {
			t.Errorf("%q (loopback upstreams %v): %v, want ok=%v", tt.url, tt.loopback, err, tt.ok)
		}
		if err != nil && !strings.Contains(err.Error(), "STEWARD_API_URL") {
			t.Errorf("%q: error %v does not name the variable", tt.url, err)
		}
	}
}
