package domain

// CreditThresholds are the balances below which cloud credits count as low
// and as critical. The comparison is strict: a balance equal to a threshold
// is not below it.
type CreditThresholds struct {
	Low      USD // default $2.00
	Critical USD // default $0.50
}

// DefaultCreditThresholds returns the reference thresholds: low below $2.00,
// critical below $0.50.
func DefaultCreditThresholds() CreditThresholds {
	return CreditThresholds{Low: MustUSD("2.00"), Critical: MustUSD("0.50")}
}

// NewCreditThresholds validates operator-chosen thresholds: neither may be
// negative and critical may not exceed low, or "critical but not low" could
// be reported.
func NewCreditThresholds(low, critical USD) (CreditThresholds, error) {
	switch {
	case low.Sign() < 0 || critical.Sign() < 0:
		return CreditThresholds{}, Errorf(KindInvalid, "credit thresholds must not be negative")
	case critical.Cmp(low) > 0:
		return CreditThresholds{}, Errorf(KindInvalid, "critical credit threshold %s is above the low threshold %s", critical, low)
	}
	return CreditThresholds{Low: low, Critical: critical}, nil
}

// CreditLevel is how worrying a balance is.
type CreditLevel struct {
	Low      bool // balance < Low threshold
	Critical bool // balance < Critical threshold
}

// Assess classifies balance against the thresholds, exactly.
func (t CreditThresholds) Assess(balance USD) CreditLevel {
	return CreditLevel{
		Low:      balance.Cmp(t.Low) < 0,
		Critical: balance.Cmp(t.Critical) < 0,
	}
}
