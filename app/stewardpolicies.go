package app

import (
	"context"
	"encoding/json"
	"slices"

	"github.com/agentwallet/agentwallet/domain"
)

// StewardPolicies returns the policy set: Steward's when it is configured,
// otherwise the local engine's.
func (s *Steward) StewardPolicies(ctx context.Context) ([]domain.PolicyRule, error) {
	if !s.Configured() {
		return s.local.LocalPolicies(ctx)
	}
	id, err := s.requireAgent(ctx)
	if err != nil {
		return nil, err
	}
	return s.remote.Policies.Policies(ctx, id)
}

// SetStewardPolicies replaces the policy set with raw, a JSON array of
// {id?, type, enabled, config}. It is validated here first, so a bad set is
// refused with a clear 400 before anything is sent. Without Steward the set
// goes to the local engine, which accepts only the types it can evaluate.
func (s *Steward) SetStewardPolicies(ctx context.Context, raw json.RawMessage) error {
	rules, err := domain.ParsePolicyRules(raw)
	if err != nil {
		return err
	}
	if !s.Configured() {
		if err := domain.ValidateLocalPolicies(rules); err != nil {
			return err
		}
		if _, err := s.local.ReplaceLocalPolicies(ctx, rules, s.clock.Now()); err != nil {
			return err
		}
		s.log.InfoContext(ctx, "local policies replaced", "rules", len(rules))
		return nil
	}
	id, err := s.requireAgent(ctx)
	if err != nil {
		return err
	}
	if _, err := s.remote.Policies.SetPolicies(ctx, id, rules); err != nil {
		return err
	}
	s.log.InfoContext(ctx, "steward policies replaced", "agent", id, "rules", len(rules))
	return nil
}

// LocalDecision evaluates req against the local policy set, when one applies.
// applies is false while the operator has set no enabled rule: local
// executions are then governed by the trade permission mode alone (Steward's
// "empty or all-disabled set denies" is for a Steward agent, and disabling
// every rule is how an operator switches local policies off). spends are the
// past executions (from the ledger) that count against limits.
func (s *Steward) LocalDecision(ctx context.Context, req domain.PolicyRequest, spends []domain.PolicySpend) (dec domain.PolicyDecision, applies bool, err error) {
	rules, err := s.local.LocalPolicies(ctx)
	if err != nil || !slices.ContainsFunc(rules, func(r domain.PolicyRule) bool { return r.Enabled }) {
		return domain.PolicyDecision{}, false, err
	}
	return domain.EvaluatePolicies(rules, req, spends, s.clock.Now()), true, nil
}
