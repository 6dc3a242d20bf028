package domain

import (
	"math/big"
	"strings"
	"time"
)

// Trade parameter bounds, as the reference applies them.
const (
	DefaultSlippageBps     = 300
	MinSlippageBps         = 1
	MaxSlippageBps         = 5000
	DefaultDeadlineSeconds = 600
	MinDeadlineSeconds     = 60
	MaxDeadlineSeconds     = 3600
	// QuoteTTL is how long a quote may be used for execution.
	QuoteTTL = 60 * time.Second
)

// MinGasBalanceWei is the native balance (0.005 BNB) a wallet needs before a
// trade: below it the swap or its approval may not pay for gas.
var MinGasBalanceWei = big.NewInt(5_000_000_000_000_000)

// TradeSide is buy (native -> token) or sell (token -> native).
type TradeSide string

// The trade sides.
const (
	SideBuy  TradeSide = "buy"
	SideSell TradeSide = "sell"
)

// ParseTradeSide parses "buy" or "sell" (trimmed, any case); else KindInvalid.
func ParseTradeSide(s string) (TradeSide, error) {
	switch side := TradeSide(strings.ToLower(strings.TrimSpace(s))); side {
	case SideBuy, SideSell:
		return side, nil
	}
	return "", Errorf(KindInvalid, "side must be \"buy\" or \"sell\", got %q", Clip(s, 20))
}

// SlippageBps validates a requested slippage: nil means the default 300; a
// value outside 1..5000 is KindInvalid (code INVALID_SLIPPAGE) rather than
// silently clamped, because a caller who asked for 0 or 90% made a mistake.
func SlippageBps(requested *int64) (int, error) {
	if requested == nil {
		return DefaultSlippageBps, nil
	}
	v := *requested
	if v < MinSlippageBps || v > MaxSlippageBps {
		return 0, Errorf(KindInvalid, "slippageBps must be between %d and %d, got %d", MinSlippageBps, MaxSlippageBps, v).WithCode("INVALID_SLIPPAGE")
	}
	return int(v), nil
}

// DeadlineSeconds clamps a requested swap deadline to 60..3600 s; nil means
// the default 600 s.
func DeadlineSeconds(requested *int64) int64 {
	if requested == nil {
		return DefaultDeadlineSeconds
	}
	return min(max(*requested, MinDeadlineSeconds), MaxDeadlineSeconds)
}

// MinReceive is the least output a swap may deliver: out reduced by the
// slippage, rounded down, but at least 1 base unit when out is positive, so a
// tiny quote never turns into "accept nothing".
func MinReceive(out *big.Int, slippageBps int) *big.Int {
	if out == nil || out.Sign() <= 0 {
		return new(big.Int)
	}
	v := new(big.Int).Mul(out, big.NewInt(int64(10_000-slippageBps)))
	v.Quo(v, big.NewInt(10_000))
	if v.Sign() == 0 {
		v.SetInt64(1)
	}
	return v
}

// QuoteExpired reports whether a quote taken at quotedAt is too old to execute
// at now. A zero quotedAt (a caller that sent no timestamp) never expires, as
// in the reference; a quote from the future is treated as fresh.
func QuoteExpired(quotedAt, now time.Time) bool {
	return !quotedAt.IsZero() && now.Sub(quotedAt) > QuoteTTL
}
