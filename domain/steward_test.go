package domain_test

import (
	"errors"
	"testing"

	"github.com/agentwallet/agentwallet/domain"
)

func TestParseStewardTxStatus(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]domain.StewardTxStatus{
		"pending": domain.StewardTxPending, " Broadcast ": domain.StewardTxBroadcast, "OUTCOME_UNKNOWN": domain.StewardTxOutcomeUnknown,
	} {
		if got, err := domain.ParseStewardTxStatus(in); err != nil || got != want {
			t.Errorf("%q: %q, %v", in, got, err)
		}
	}
	for _, in := range []string{"", "done", "pending_approval"} {
		if _, err := domain.ParseStewardTxStatus(in); !domain.IsKind(err, domain.KindInvalid) {
			t.Errorf("%q: %v, want invalid", in, err)
		}
	}
}

func TestStewardPageNormalize(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want domain.StewardPage }{
		{domain.StewardPage{}, domain.StewardPage{Limit: 100}},
		{domain.StewardPage{Limit: 200, Offset: 100000}, domain.StewardPage{Limit: 200, Offset: 100000}},
		{domain.StewardPage{Limit: 201, Offset: 100001}, domain.StewardPage{Limit: 100}},
		{domain.StewardPage{Limit: -1, Offset: -5}, domain.StewardPage{Limit: 100}},
		{domain.StewardPage{Limit: 7, Offset: 3}, domain.StewardPage{Limit: 7, Offset: 3}},
	}
	for _, tt := range tests {
		if got := tt.in.Normalize(); got != tt.want {
			t.Errorf("%+v: got %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

func TestErrPolicyRejected(t *testing.T) {
	t.Parallel()
	rej := &domain.PolicyRejection{TxID: "t1", Results: []domain.PolicyResult{
		{Type: domain.PolicyAutoApproveThreshold},
		{Type: domain.PolicySpendingLimit, Reason: "too big"},
		{Type: domain.PolicyRateLimit, Passed: true},
	}}
	err := domain.ErrPolicyRejected("", rej)
	if domain.KindOf(err) != domain.KindPolicyDenied || domain.CodeOf(err) != "STEWARD_POLICY_REJECTED" || domain.MessageOf(err) != "Policy rejected" {
		t.Errorf("kind %s code %s message %q", domain.KindOf(err), domain.CodeOf(err), domain.MessageOf(err))
	}
	wrapped := errors.Join(errors.New("context"), err)
	got, ok := domain.PolicyRejectionOf(wrapped)
	if !ok || got.TxID != "t1" {
		t.Errorf("rejection not found through wrapping: %+v", got)
	}
	if rej.Error() != "policy rejected by auto-approve-threshold, spending-limit" {
		t.Errorf("summary %q", rej.Error())
	}
	if _, ok := domain.PolicyRejectionOf(errors.New("other")); ok {
		t.Error("found a rejection in an unrelated error")
	}
}
