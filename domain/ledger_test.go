package domain_test

import (
	"math/big"
	"testing"
	"time"

	"github.com/agentwallet/agentwallet/domain"
)

func TestLedgerEntryObserve(t *testing.T) {
	t.Parallel()
	t0 := time.Date(2026, 11, 1, 10, 0, 0, 0, time.UTC)
	mined := func(st domain.TxStatus, conf uint64) domain.TxState {
		return domain.TxState{Status: st, BlockNumber: 7, Confirmations: conf, GasUsed: 21000, EffectiveGasPrice: big.NewInt(1)}
	}
	tests := []struct {
		name        string
		steps       []domain.TxState
		wantChanged []bool
		wantStatus  domain.TxStatus
		wantConf    uint64
	}{
		{"pending_to_success", []domain.TxState{mined(domain.TxSuccess, 1)}, []bool{true}, domain.TxSuccess, 1},
		{"pending_to_reverted", []domain.TxState{mined(domain.TxReverted, 1)}, []bool{true}, domain.TxReverted, 1},
		{"pending_to_not_found_to_success", []domain.TxState{{Status: domain.TxNotFound}, mined(domain.TxSuccess, 2)}, []bool{true, true}, domain.TxSuccess, 2},
		{"pending_again_is_no_change", []domain.TxState{{Status: domain.TxPending}}, []bool{false}, domain.TxPending, 0},
		{"success_cannot_go_back_to_pending", []domain.TxState{mined(domain.TxSuccess, 1), {Status: domain.TxPending}}, []bool{true, false}, domain.TxSuccess, 1},
		{"success_cannot_become_not_found", []domain.TxState{mined(domain.TxSuccess, 1), {Status: domain.TxNotFound}}, []bool{true, false}, domain.TxSuccess, 1},
		{"reverted_cannot_become_success", []domain.TxState{mined(domain.TxReverted, 1), mined(domain.TxSuccess, 3)}, []bool{true, false}, domain.TxReverted, 1},
		{"success_refreshes_confirmations", []domain.TxState{mined(domain.TxSuccess, 1), mined(domain.TxSuccess, 5)}, []bool{true, true}, domain.TxSuccess, 5},
		{"confirmations_never_decrease", []domain.TxState{mined(domain.TxSuccess, 5), mined(domain.TxSuccess, 2)}, []bool{true, false}, domain.TxSuccess, 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := domain.NewLedgerEntry(domain.LedgerRecord{Hash: "0xabc", Kind: domain.LedgerTransfer, CreatedAt: t0, Nonce: 4})
			for i, s := range tt.steps {
				if got := e.Observe(s, t0.Add(time.Duration(i+1)*time.Minute)); got != tt.wantChanged[i] {
					t.Fatalf("step %d: Observe changed = %v, want %v", i, got, tt.wantChanged[i])
				}
			}
			st := e.State()
			if st.Status != tt.wantStatus || st.Confirmations != tt.wantConf {
				t.Fatalf("state = %+v, want %s with %d confirmations", st, tt.wantStatus, tt.wantConf)
			}
			if st.Hash != "0xabc" || st.Nonce == nil || *st.Nonce != 4 {
				t.Fatalf("hash or nonce lost: %+v", st)
			}
		})
	}
}

func TestParseTradeSource(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]domain.TradeSource{"agent": domain.SourceAgent, " AGENT": domain.SourceAgent, "manual": domain.SourceManual, "": domain.SourceManual, "bot": domain.SourceManual} {
		if got := domain.ParseTradeSource(in); got != want {
			t.Errorf("ParseTradeSource(%q) = %q, want %q", in, got, want)
		}
	}
}
