package app_test

import (
	"context"
	"errors"
	"math/big"
	"testing"

	"go.uber.org/mock/gomock"

	"github.com/agentwallet/agentwallet/app"
	"github.com/agentwallet/agentwallet/domain"
)

const localRecipient = "0x3333333333333333333333333333333333333333"

func localSignReq(wei int64) domain.StewardSignRequest {
	return domain.StewardSignRequest{To: localRecipient, Value: big.NewInt(wei), Data: []byte{1}}
}

// withLocalRules makes the local store hold "hold above 0.1, deny above 1".
func withLocalRules(t *testing.T, m stewardMocks) {
	t.Helper()
	rules, err := domain.ParsePolicyRules([]byte(stewardTwoRules))
	if err != nil {
		t.Fatal(err)
	}
	m.local.EXPECT().LocalPolicies(gomock.Any()).Return(rules, nil).AnyTimes()
}

func TestGateLocalWithoutRulesRecordsNothing(t *testing.T) {
	t.Parallel()
	s, m := newStewardUnderTest(t, app.StewardSettings{ChainID: 56})
	m.local.EXPECT().LocalPolicies(gomock.Any()).Return(nil, nil)
	gate, err := s.GateLocal(context.Background(), localSignReq(5e18), nil)
	if err != nil || gate.Applies {
		t.Errorf("got %+v, %v; want not applied", gate, err)
	}
}

func TestGateLocalVerdicts(t *testing.T) {
	t.Parallel()
	t.Run("approved_records_nothing", func(t *testing.T) {
		s, m := newStewardUnderTest(t, app.StewardSettings{ChainID: 56})
		withLocalRules(t, m)
		gate, err := s.GateLocal(context.Background(), localSignReq(5e16), nil)
		if err != nil || !gate.Applies || gate.Verdict != domain.PolicyApprove {
			t.Errorf("got %+v, %v", gate, err)
		}
	})
	t.Run("held_is_queued", func(t *testing.T) {
		s, m := newStewardUnderTest(t, app.StewardSettings{ChainID: 56})
		withLocalRules(t, m)
		m.localTxs.EXPECT().RecordLocalTx(gomock.Any(), gomock.Cond(func(r domain.StewardTxRecord) bool {
			return r.Status == domain.StewardTxPending && r.ChainID == 56 && r.To == localRecipient && r.Value.Int64() == 5e17 && len(r.PolicyResults) == 2
		})).DoAndReturn(func(_ context.Context, r domain.StewardTxRecord) (domain.StewardTxRecord, error) {
			r.ID = "held-1"
			return r, nil
		})
		gate, err := s.GateLocal(context.Background(), localSignReq(5e17), nil)
		if err != nil || gate.Verdict != domain.PolicyHold || gate.Held.ID != "held-1" {
			t.Errorf("got %+v, %v", gate, err)
		}
	})
	t.Run("rejected_is_recorded_and_an_error", func(t *testing.T) {
		s, m := newStewardUnderTest(t, app.StewardSettings{ChainID: 56})
		withLocalRules(t, m)
		m.localTxs.EXPECT().RecordLocalTx(gomock.Any(), gomock.Cond(func(r domain.StewardTxRecord) bool { return r.Status == domain.StewardTxRejected })).
			DoAndReturn(func(_ context.Context, r domain.StewardTxRecord) (domain.StewardTxRecord, error) {
				r.ID = "rej-1"
				return r, nil
			})
		_, err := s.GateLocal(context.Background(), localSignReq(2e18), nil)
		rej, ok := domain.PolicyRejectionOf(err)
		if domain.CodeOf(err) != "STEWARD_POLICY_REJECTED" || !ok || rej.TxID != "rej-1" || rej.Results[1].Outcome() != domain.PolicyDenied {
			t.Errorf("got %v (%+v)", err, rej)
		}
	})
}

type localExecutorFunc func(ctx context.Context, rec domain.StewardTxRecord) (string, error)

func (f localExecutorFunc) ExecuteApproved(ctx context.Context, rec domain.StewardTxRecord) (string, error) {
	return f(ctx, rec)
}

func TestLocalApproveWithoutExecutorTouchesNothing(t *testing.T) {
	t.Parallel()
	s, _ := newStewardUnderTest(t, app.StewardSettings{})
	_, err := s.StewardApprove(context.Background(), "held-1")
	if !domain.IsKind(err, domain.KindUnavailable) {
		t.Errorf("got %v", err)
	}
}

func TestLocalApproveClaimsExecutesAndRecords(t *testing.T) {
	t.Parallel()
	s, m := newStewardUnderTest(t, app.StewardSettings{})
	held := domain.StewardTxRecord{ID: "held-1", Status: domain.StewardTxApproved, To: localRecipient, Value: big.NewInt(5e17)}
	calls := 0
	s.SetLocalExecutor(localExecutorFunc(func(_ context.Context, rec domain.StewardTxRecord) (string, error) {
		calls++
		if rec.ID != "held-1" {
			t.Errorf("executed %+v", rec)
		}
		return "0xhash", nil
	}))
	gomock.InOrder(
		m.localTxs.EXPECT().TransitionLocalTx(gomock.Any(), "held-1", domain.StewardTxPending, domain.StewardTxApproved, "", stewardNow).Return(held, nil),
		m.localTxs.EXPECT().TransitionLocalTx(gomock.Any(), "held-1", domain.StewardTxApproved, domain.StewardTxBroadcast, "0xhash", stewardNow).Return(held, nil),
	)
	res, err := s.StewardApprove(context.Background(), "held-1")
	if err != nil || res.TxHash != "0xhash" || calls != 1 {
		t.Errorf("got %+v, %v, %d executions", res, err, calls)
	}
}

func TestLocalApproveOfProcessedHoldNeverExecutes(t *testing.T) {
	t.Parallel()
	s, m := newStewardUnderTest(t, app.StewardSettings{})
	s.SetLocalExecutor(localExecutorFunc(func(context.Context, domain.StewardTxRecord) (string, error) {
		t.Error("executed a hold that was already processed")
		return "", nil
	}))
	m.localTxs.EXPECT().TransitionLocalTx(gomock.Any(), "held-1", domain.StewardTxPending, domain.StewardTxApproved, "", stewardNow).
		Return(domain.StewardTxRecord{}, domain.Errorf(domain.KindConflict, "Transaction already processed"))
	if _, err := s.StewardApprove(context.Background(), "held-1"); !domain.IsKind(err, domain.KindConflict) {
		t.Errorf("got %v", err)
	}
}

func TestLocalApproveRecordsAFailedSend(t *testing.T) {
	t.Parallel()
	s, m := newStewardUnderTest(t, app.StewardSettings{})
	sendErr := domain.Errorf(domain.KindUpstream, "rpc down")
	s.SetLocalExecutor(localExecutorFunc(func(context.Context, domain.StewardTxRecord) (string, error) { return "", sendErr }))
	gomock.InOrder(
		m.localTxs.EXPECT().TransitionLocalTx(gomock.Any(), "held-1", domain.StewardTxPending, domain.StewardTxApproved, "", stewardNow).Return(domain.StewardTxRecord{ID: "held-1"}, nil),
		m.localTxs.EXPECT().TransitionLocalTx(gomock.Any(), "held-1", domain.StewardTxApproved, domain.StewardTxFailed, "", stewardNow).Return(domain.StewardTxRecord{}, nil),
	)
	if _, err := s.StewardApprove(context.Background(), "held-1"); !errors.Is(err, sendErr) {
		t.Errorf("got %v", err)
	}
}

func TestLocalDenyAndLists(t *testing.T) {
	t.Parallel()
	s, m := newStewardUnderTest(t, app.StewardSettings{})
	m.localTxs.EXPECT().TransitionLocalTx(gomock.Any(), "held-1", domain.StewardTxPending, domain.StewardTxRejected, "", stewardNow).Return(domain.StewardTxRecord{}, nil)
	if err := s.StewardDeny(context.Background(), "held-1", "no"); err != nil {
		t.Fatal(err)
	}
	m.localTxs.EXPECT().LocalTxs(gomock.Any(), domain.StewardTxPending, domain.StewardPage{Limit: 5}).
		Return([]domain.StewardTxRecord{{ID: "h2", CreatedAt: stewardNow}}, nil)
	list, err := s.StewardPending(context.Background(), domain.StewardPage{Limit: 5})
	if err != nil || len(list) != 1 || list[0].QueueID != "h2" || list[0].Status != "pending" || !list[0].RequestedAt.Equal(stewardNow) {
		t.Errorf("pending %+v, %v", list, err)
	}
	m.localTxs.EXPECT().LocalTxs(gomock.Any(), domain.StewardTxRejected, domain.StewardPage{Limit: 50}).Return(nil, nil)
	if _, err := s.StewardTxRecords(context.Background(), app.StewardTxQuery{Status: "rejected"}); err != nil {
		t.Error(err)
	}
}
