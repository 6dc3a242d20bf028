package domain_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/agentwallet/agentwallet/domain"
)

func TestParseCloudAgentID(t *testing.T) {
	t.Parallel()
	if id, err := domain.ParseCloudAgentID("550E8400-E29B-41D4-A716-446655440000"); err != nil || id != "550e8400-e29b-41d4-a716-446655440000" {
		t.Errorf("canonical uuid: %q, %v", id, err)
	}
	for _, bad := range []string{"", "abc", "550e8400e29b41d4a716446655440000", "../x", "550e8400-e29b-41d4-a716-44665544000g"} {
		if _, err := domain.ParseCloudAgentID(bad); domain.KindOf(err) != domain.KindInvalid {
			t.Errorf("ParseCloudAgentID(%q) err = %v, want invalid", bad, err)
		}
	}
}

func TestNewCloudAgentValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   domain.NewCloudAgent
		ok   bool
	}{
		{name: "name_only", in: domain.NewCloudAgent{Name: " My Agent "}, ok: true},
		{name: "with_config_and_env", in: domain.NewCloudAgent{Name: "a", Config: json.RawMessage(`{"character":"eliza"}`), Env: map[string]string{"K": "v"}}, ok: true},
		{name: "null_config_ok", in: domain.NewCloudAgent{Name: "a", Config: json.RawMessage(`null`)}, ok: true},
		{name: "blank_name_refused", in: domain.NewCloudAgent{Name: "  "}},
		{name: "long_name_refused", in: domain.NewCloudAgent{Name: strings.Repeat("é", 101)}},
		{name: "hundred_runes_ok", in: domain.NewCloudAgent{Name: strings.Repeat("é", 100)}, ok: true},
		{name: "array_config_refused", in: domain.NewCloudAgent{Name: "a", Config: json.RawMessage(`[1]`)}},
		{name: "empty_env_key_refused", in: domain.NewCloudAgent{Name: "a", Env: map[string]string{"": "v"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := tt.in.Validate()
			if tt.ok != (err == nil) {
				t.Fatalf("Validate err = %v, want ok=%v", err, tt.ok)
			}
			if err != nil && domain.KindOf(err) != domain.KindInvalid {
				t.Errorf("kind = %v", domain.KindOf(err))
			}
			if err == nil && got.Name != strings.TrimSpace(tt.in.Name) {
				t.Errorf("name = %q, not trimmed", got.Name)
			}
		})
	}
}

func TestCloudJobStatusDone(t *testing.T) {
	t.Parallel()
	for s, done := range map[domain.CloudJobStatus]bool{domain.JobPending: false, domain.JobInProgress: false, domain.JobCompleted: true, domain.JobFailed: true, "other": false} {
		if s.Done() != done {
			t.Errorf("%q.Done() = %v", s, !done)
		}
	}
}
