package app_test

import (
	"context"
	"testing"

	"go.uber.org/mock/gomock"

	"github.com/agentwallet/agentwallet/app"
	"github.com/agentwallet/agentwallet/domain"
	"github.com/agentwallet/agentwallet/ports"
)

// TestIdempotencyKeyAfterUncertainBroadcast pins when a failed request frees
// its Idempotency-Key. A broadcast that failed in a way that leaves its fate
// unknown (a timeout: the node may have taken the transaction) keeps the key
// claimed, so a retry with it cannot send the funds a second time; a
// definite refusal frees it for a retry.
func TestIdempotencyKeyAfterUncertainBroadcast(t *testing.T) {
	for _, tc := range []struct {
		name    string
		err     error
		release bool
	}{
		{"timeout_keeps_key", domain.Errorf(domain.KindTimeout, "BSC RPC did not answer in time"), false},
		{"unavailable_keeps_key", domain.Errorf(domain.KindUnavailable, "BSC RPC unavailable"), false},
		{"refusal_frees_key", domain.Errorf(domain.KindInsufficientFunds, "insufficient BNB for value plus gas"), true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tr, m := newTrading(t, "manual-local-key")
			m.expectBuyQuote()
			m.settings.EXPECT().Setting(gomock.Any(), app.SettingTradePermissionMode).Return("", false, nil).AnyTimes()
			m.idem.EXPECT().ClaimIdempotencyKey(gomock.Any(), "transfer.execute", "key-1", gomock.Any(), tNow).Return(ports.IdempotencyRecord{}, true, nil)
			m.sender.EXPECT().Submit(gomock.Any(), gomock.Any(), gomock.Any()).Return(domain.SentTx{}, tc.err)
			if tc.release {
				m.idem.EXPECT().ReleaseIdempotencyKey(gomock.Any(), "transfer.execute", "key-1").Return(nil)
			} // else: no EXPECT, so a release fails the test
			_, err := tr.Transfer(context.Background(), app.TransferInput{ToAddress: tToken, Amount: "0.5", AssetSymbol: "BNB",
				Confirm: true, IdempotencyKey: "key-1"})
			if domain.KindOf(err) != domain.KindOf(tc.err) {
				t.Fatalf("err = %v, want kind %v", err, domain.KindOf(tc.err))
			}
		})
	}
}
