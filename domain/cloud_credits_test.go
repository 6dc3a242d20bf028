package domain_test

import (
	"testing"

	"github.com/agentwallet/agentwallet/domain"
)

func TestCreditThresholdsAssess(t *testing.T) {
	t.Parallel()
	def := domain.DefaultCreditThresholds()
	tests := []struct {
		name          string
		balance       string
		low, critical bool
	}{
		{name: "healthy_balance_is_neither", balance: "15.50"},
		{name: "exactly_low_threshold_is_not_low", balance: "2.00"},
		{name: "just_under_low_is_low", balance: "1.99999999999999999999", low: true},
		{name: "reference_example_1_25_low_not_critical", balance: "1.25", low: true},
		{name: "exactly_critical_threshold_is_not_critical", balance: "0.5", low: true},
		{name: "0_3_is_both", balance: "0.3", low: true, critical: true},
		{name: "zero_is_both", balance: "0", low: true, critical: true},
		{name: "negative_is_both", balance: "-1", low: true, critical: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := def.Assess(domain.MustUSD(tt.balance))
			if got != (domain.CreditLevel{Low: tt.low, Critical: tt.critical}) {
				t.Errorf("Assess(%s) = %+v, want low=%v critical=%v", tt.balance, got, tt.low, tt.critical)
			}
		})
	}
}

func TestNewCreditThresholds(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, low, critical string
		ok                  bool
	}{
		{name: "custom_ok", low: "5", critical: "1", ok: true},
		{name: "equal_ok", low: "1", critical: "1", ok: true},
		{name: "zero_disables", low: "0", critical: "0", ok: true},
		{name: "critical_above_low_refused", low: "1", critical: "2"},
		{name: "negative_refused", low: "-1", critical: "-2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			th, err := domain.NewCreditThresholds(domain.MustUSD(tt.low), domain.MustUSD(tt.critical))
			if tt.ok != (err == nil) {
				t.Fatalf("NewCreditThresholds(%s, %s) error = %v, want ok=%v", tt.low, tt.critical, err, tt.ok)
			}
			if !tt.ok && domain.KindOf(err) != domain.KindInvalid {
				t.Errorf("kind = %v, want invalid", domain.KindOf(err))
			}
			if tt.ok && th.Assess(domain.MustUSD(tt.low)).Low {
				t.Error("a balance equal to the low threshold counted as low")
			}
		})
	}
	custom, _ := domain.NewCreditThresholds(domain.MustUSD("5"), domain.MustUSD("1"))
	if lvl := custom.Assess(domain.MustUSD("3")); !lvl.Low || lvl.Critical {
		t.Errorf("custom thresholds: Assess(3) = %+v", lvl)
	}
}

func BenchmarkCreditThresholdsAssess(b *testing.B) {
	th := domain.DefaultCreditThresholds()
	bal := domain.MustUSD("1.25")
	b.ReportAllocs()
	for b.Loop() {
		_ = th.Assess(bal)
	}
}
