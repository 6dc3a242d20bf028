package domain_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/agentwallet/agentwallet/domain"
)

func TestErrorClassification(t *testing.T) {
	t.Parallel()
	base := domain.Errorf(domain.KindUnprocessable, "bad key").WithCode("INVALID_KEY")
	wrapped := fmt.Errorf("import: %w", base)
	cases := []struct {
		name          string
		err           error
		kind          domain.Kind
		code, message string
	}{
		{"explicit_code_survives_wrapping", wrapped, domain.KindUnprocessable, "INVALID_KEY", "bad key"},
		{"default_code_from_kind", domain.Errorf(domain.KindRateLimited, "slow down"), domain.KindRateLimited, "RATE_LIMITED", "slow down"},
		{"plain_error_is_internal", errors.New("disk on fire"), domain.KindInternal, "INTERNAL_ERROR", "internal error"},
		{"internal_message_hidden", &domain.Error{Kind: domain.KindInternal, Msg: "sql: secret detail"}, domain.KindInternal, "INTERNAL_ERROR", "internal error"},
		{"outer_message_wins", domain.Errorf(domain.KindInvalid, "outer").Wrap(domain.Errorf(domain.KindInvalid, "inner")), domain.KindInvalid, "INVALID_REQUEST", "outer"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := domain.KindOf(c.err); got != c.kind {
				t.Errorf("KindOf = %v, want %v", got, c.kind)
			}
			if got := domain.CodeOf(c.err); got != c.code {
				t.Errorf("CodeOf = %q, want %q", got, c.code)
			}
			if got := domain.MessageOf(c.err); got != c.message {
				t.Errorf("MessageOf = %q, want %q", got, c.message)
			}
		})
	}
	if !errors.Is(wrapped, base) {
		t.Error("errors.Is lost the cause")
	}
	if domain.IsKind(nil, domain.KindInternal) {
		t.Error("nil error has no kind")
	}
}
