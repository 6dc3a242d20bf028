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
)

type exportMocks struct {
	keys     *mocks.MockKeyStore
	audit    *mocks.MockAuditLog
	attempts *mocks.MockAttemptCounter
	clock    *mocks.MockClock
}

func newExportWallets(t *testing.T, policy app.ExportPolicy) (*app.Wallets, exportMocks) {
	ctrl := gomock.NewController(t)
	m := exportMocks{mocks.NewMockKeyStore(ctrl), mocks.NewMockAuditLog(ctrl), mocks.NewMockAttemptCounter(ctrl), mocks.NewMockClock(ctrl)}
	m.clock.EXPECT().Now().Return(time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)).AnyTimes()
	return app.NewWallets(m.keys, m.audit, m.attempts, m.clock, slog.New(slog.DiscardHandler), policy), m
}

// TestRefusedExportNeverTouchesKeys pins the guard order and that every
// refusal is audited while the keystore is never asked for keys.
func TestRefusedExportNeverTouchesKeys(t *testing.T) {
	base := app.ExportPolicy{Token: "export-secret", MaxAttempts: 5, Window: 15 * time.Minute}
	cases := []struct {
		name     string
		policy   func(p *app.ExportPolicy)
		in       app.ExportInput
		attempts int
		outcome  string
		kind     domain.Kind
		code     string
	}{
		{"disabled_is_gone", func(p *app.ExportPolicy) { p.Disabled = true }, app.ExportInput{Confirm: true, HeaderToken: "export-secret"}, 0, "refused:disabled", domain.KindGone, "EXPORT_DISABLED"},
		{"sixth_attempt_rate_limited", nil, app.ExportInput{Confirm: true, HeaderToken: "export-secret"}, 6, "refused:rate_limited", domain.KindRateLimited, "RATE_LIMITED"},
		{"unconfirmed_forbidden", nil, app.ExportInput{HeaderToken: "export-secret"}, 1, "refused:unconfirmed", domain.KindForbidden, "EXPORT_FORBIDDEN"},
		{"missing_token", nil, app.ExportInput{Confirm: true, HeaderToken: "   "}, 1, "refused:token_missing", domain.KindUnauthenticated, "UNAUTHORIZED"},
		{"bad_header_not_rescued_by_good_body", nil, app.ExportInput{Confirm: true, HeaderToken: "wrong", BodyToken: "export-secret"}, 1, "refused:token_invalid", domain.KindUnauthenticated, "UNAUTHORIZED"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := base
			if c.policy != nil {
				c.policy(&p)
			}
			w, m := newExportWallets(t, p)
			if c.attempts > 0 {
				m.attempts.EXPECT().RecordAttempt(gomock.Any(), "wallet.export", gomock.Any(), 15*time.Minute).Return(c.attempts, nil)
			}
			m.audit.EXPECT().RecordAudit(gomock.Any(), gomock.Any()).DoAndReturn(func(_ context.Context, e domain.AuditEntry) error {
				if e.Outcome != c.outcome || e.Action != "wallet.export" || e.Client != "127.0.0.1 test" {
					t.Errorf("audit entry = %+v, want outcome %s", e, c.outcome)
				}
				return nil
			})
			// No m.keys expectation: any keystore call fails the test.
			c.in.Client = "127.0.0.1 test"
			_, err := w.Export(context.Background(), c.in)
			if domain.KindOf(err) != c.kind || domain.CodeOf(err) != c.code {
				t.Fatalf("err = %v (kind %v code %s), want %v %s", err, domain.KindOf(err), domain.CodeOf(err), c.kind, c.code)
			}
		})
	}
}

func TestExportFailsClosedWhenAuditFails(t *testing.T) {
	w, m := newExportWallets(t, app.ExportPolicy{MaxAttempts: 5, Window: time.Minute})
	m.attempts.EXPECT().RecordAttempt(gomock.Any(), gomock.Any(), gomock.Any(), gomock.Any()).Return(1, nil)
	m.keys.EXPECT().Export(gomock.Any()).Return([]domain.ExportedKey{{Chain: domain.ChainEVM, Address: "0x1", PrivateKey: "0x2"}}, nil)
	m.audit.EXPECT().RecordAudit(gomock.Any(), gomock.Any()).Return(&domain.Error{Kind: domain.KindInternal, Msg: "disk full"})
	res, err := w.Export(context.Background(), app.ExportInput{Confirm: true})
	if err == nil || res.EVM != nil {
		t.Fatalf("export without an audit record = %+v, %v; want refusal", res, err)
	}
}

func TestExportAllowedReturnsKeysPerChain(t *testing.T) {
	w, m := newExportWallets(t, app.ExportPolicy{Token: "t", MaxAttempts: 5, Window: time.Minute})
	m.attempts.EXPECT().RecordAttempt(gomock.Any(), gomock.Any(), gomock.Any(), gomock.Any()).Return(5, nil)
	m.keys.EXPECT().Export(gomock.Any()).Return([]domain.ExportedKey{{Chain: domain.ChainSolana, Address: "S", PrivateKey: "s"}}, nil)
	m.audit.EXPECT().RecordAudit(gomock.Any(), gomock.Any()).DoAndReturn(func(_ context.Context, e domain.AuditEntry) error {
		if e.Outcome != "allowed" {
			t.Errorf("outcome = %s", e.Outcome)
		}
		return nil
	})
	res, err := w.Export(context.Background(), app.ExportInput{Confirm: true, BodyToken: " t "})
	if err != nil || res.EVM != nil || res.Solana == nil || res.Solana.PrivateKey != "s" {
		t.Fatalf("Export = %+v, %v", res, err)
	}
}
