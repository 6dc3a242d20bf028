package domain_test

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/agentwallet/agentwallet/domain"
)

func TestParseCloudLoginSessionID(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, want string
	}{
		{name: "canonical", in: "550e8400-e29b-41d4-a716-446655440000", want: "550e8400-e29b-41d4-a716-446655440000"},
		{name: "upper_case_lowered", in: "550E8400-E29B-41D4-A716-446655440000", want: "550e8400-e29b-41d4-a716-446655440000"},
		{name: "empty_refused", in: ""},
		{name: "braces_refused", in: "{550e8400-e29b-41d4-a716-446655440000}"},
		{name: "urn_refused", in: "urn:uuid:550e8400-e29b-41d4-a716-446655440000"},
		{name: "path_refused", in: "../../api/v1/user"},
		{name: "no_dashes_refused", in: "550e8400e29b41d4a716446655440000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := domain.ParseCloudLoginSessionID(tt.in)
			if tt.want == "" {
				if domain.KindOf(err) != domain.KindInvalid {
					t.Fatalf("ParseCloudLoginSessionID(%q) = %q, %v; want invalid", tt.in, got, err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("ParseCloudLoginSessionID(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestCloudSessionPollOutcome(t *testing.T) {
	t.Parallel()
	key := mustCloudKey(t, "eliza_0123456789abcdef0123456789abcdef")
	tests := []struct {
		name       string
		raw        string
		key        domain.CloudAPIKey
		savedEarly bool
		want       domain.CloudLoginStatus
	}{
		{name: "pending_stays_pending", raw: "pending", want: domain.LoginPending},
		{name: "authenticated_with_key", raw: "authenticated", key: key, want: domain.LoginAuthenticated},
		{name: "authenticated_without_key_is_error", raw: "authenticated", want: domain.LoginError},
		{name: "repeat_poll_after_saving_is_authenticated", raw: "authenticated", savedEarly: true, want: domain.LoginAuthenticated},
		{name: "unknown_status_is_error_not_passed_through", raw: "weird", want: domain.LoginError},
		{name: "unknown_status_even_with_key_is_error", raw: "Authenticated", key: key, want: domain.LoginError},
		{name: "pending_with_saved_key_is_still_pending", raw: "pending", savedEarly: true, want: domain.LoginPending},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := domain.CloudSessionPoll{State: domain.ParseCloudSessionState(tt.raw), APIKey: tt.key}
			if got := p.Outcome(tt.savedEarly); got != tt.want {
				t.Errorf("Outcome = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestCloudAPIKeyNeverPrints(t *testing.T) {
	t.Parallel()
	const raw = "eliza_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
	k := mustCloudKey(t, "  "+raw+"\n")
	if k.Reveal() != raw {
		t.Fatalf("Reveal = %q", k.Reveal())
	}
	if k.Prefix() != "eliza_012345" {
		t.Errorf("Prefix = %q", k.Prefix())
	}
	var sb strings.Builder
	slog.New(slog.NewJSONHandler(&sb, nil)).Info("x", "key", k)
	js, _ := json.Marshal(struct{ K domain.CloudAPIKey }{k})
	for _, out := range []string{fmt.Sprint(k), fmt.Sprintf("%v %+v %#v %s", k, k, k, k), sb.String(), string(js)} {
		if strings.Contains(out, "0123456789abcdef") {
			t.Errorf("key leaked: %s", out)
		}
	}
	if short := mustCloudKey(t, "abcdef"); short.Prefix() != "ab" {
		t.Errorf("short key prefix = %q, want at most a third", short.Prefix())
	}
	for _, bad := range []string{"", "   ", "a b", "key\r\nX-Evil: 1", strings.Repeat("k", 513), "ключ"} {
		if _, err := domain.NewCloudAPIKey(bad); domain.KindOf(err) != domain.KindInvalid {
			t.Errorf("NewCloudAPIKey(%q) err = %v, want invalid", bad, err)
		}
	}
}

func mustCloudKey(t testing.TB, s string) domain.CloudAPIKey {
	t.Helper()
	k, err := domain.NewCloudAPIKey(s)
	if err != nil {
		t.Fatal(err)
	}
	return k
}
