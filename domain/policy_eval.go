package domain

import (
	"math/big"
	"time"
)

// PolicyRequest is the transaction a policy set judges.
type PolicyRequest struct {
	To      string   // destination as signed: 0x-hex (EVM) or base58 (Solana)
	Value   *big.Int // native value in base units (wei, lamports)
	Network string   // CAIP-2 chain id, e.g. "eip155:56"; see EVMNetwork
}

// PolicySpend is one past transaction that counts against spending and rate
// limits. The caller (the ledger, or Steward's own records in the fake)
// supplies them; the engine never looks anything up.
type PolicySpend struct {
	At      time.Time
	Network string   // CAIP-2 chain id the value was spent on
	Value   *big.Int // native value in base units; nil counts as zero
}

// The rolling windows spending and rate limits count over.
const (
	policyHour = time.Hour
	policyDay  = 24 * time.Hour
	policyWeek = 7 * policyDay
)

// EvaluatePolicies judges req against rules with Steward's semantics. Every
// rule is evaluated and reported in rule order; a disabled rule passes with
// "Policy disabled"; a rule whose config is broken, or whose type the local
// engine cannot evaluate, fails closed. An empty or all-disabled set rejects.
// Spends in the rolling hour, day and week before now feed the limits; only
// spends on req.Network count toward spending caps, since base units of
// different chains are not comparable.
func EvaluatePolicies(rules []PolicyRule, req PolicyRequest, spends []PolicySpend, now time.Time) PolicyDecision {
	results := make([]PolicyResult, 0, len(rules))
	valueOK := req.Value != nil && req.Value.Sign() >= 0 && req.Value.Cmp(maxUint256) <= 0
	env := newPolicyEnv(req, spends, now)
	enabled := 0
	for _, rule := range rules {
		r := PolicyResult{PolicyID: rule.ID, Type: rule.Type}
		switch {
		case !rule.Enabled:
			r.Passed, r.Reason = true, "Policy disabled"
		case !valueOK:
			enabled++
			r.Reason = "Transaction value must be a uint256 wei string"
		default:
			enabled++
			check, err := compilePolicy(rule.Type, rule.Config)
			if err != nil {
				r.Reason = err.Error()
			} else {
				r.Passed, r.Reason = check(env)
			}
		}
		results = append(results, r)
	}
	verdict := VerdictOf(results, enabled)
	if !valueOK {
		// A malformed value must never be merely held: nothing can approve it.
		verdict = PolicyReject
	}
	return PolicyDecision{Verdict: verdict, Results: results}
}

func newPolicyEnv(req PolicyRequest, spends []PolicySpend, now time.Time) *policyEnv {
	env := &policyEnv{req: req, now: now, spentDay: new(big.Int), spentWeek: new(big.Int)}
	env.chain, env.chainOK = networkChain(req.Network)
	for _, s := range spends {
		// A spend stamped in the future (clock skew) still counts: limits err
		// on the side of refusing.
		age := now.Sub(s.At)
		if age < policyHour {
			env.count1h++
		}
		if age < policyDay {
			env.count24h++
		}
		if s.Network != req.Network || s.Value == nil || s.Value.Sign() <= 0 {
			continue
		}
		if age < policyDay {
			env.spentDay.Add(env.spentDay, s.Value)
		}
		if age < policyWeek {
			env.spentWeek.Add(env.spentWeek, s.Value)
		}
	}
	return env
}
