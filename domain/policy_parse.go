package domain

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// Limits Steward puts on one policy set; the local engine keeps the same.
const (
	MaxPolicyRules = 50
	MaxPolicyBytes = 64 << 10
)

// errPolicy builds the 400 for a policy set that cannot be stored.
func errPolicy(format string, args ...any) *Error {
	return Errorf(KindInvalid, format, args...).WithCode("INVALID_POLICY")
}

// ParsePolicyRules parses and validates a policy set given as a bare JSON
// array of {id?, type, enabled, config}, checking what Steward checks on PUT
// (size, known type, boolean enabled, object config, per-type config, unique
// ids, at most one enabled auto-approve rule) and stopping at the first
// problem with an Invalid error. Opaque Steward types pass with any object
// config so a set read from Steward can be written back.
func ParsePolicyRules(data []byte) ([]PolicyRule, error) {
	if len(data) > MaxPolicyBytes {
		return nil, errPolicy("policy set is larger than %d bytes", MaxPolicyBytes)
	}
	var items []json.RawMessage
	if !jsonStartsWith(data, '[') || json.Unmarshal(data, &items) != nil {
		return nil, errPolicy("policies must be a JSON array of policy objects")
	}
	if len(items) > MaxPolicyRules {
		return nil, errPolicy("at most %d policies are allowed, got %d", MaxPolicyRules, len(items))
	}
	rules := make([]PolicyRule, 0, len(items))
	seen := map[string]bool{}
	autoApprove := 0
	for i, raw := range items {
		rule, err := parsePolicyRule(raw)
		if err != nil {
			return nil, errPolicy("policies[%d]: %s", i, err)
		}
		if rule.ID != "" {
			if seen[rule.ID] {
				return nil, errPolicy("policies[%d]: duplicate policy id %q", i, policyTruncate(rule.ID))
			}
			seen[rule.ID] = true
		}
		if rule.Enabled && rule.Type == PolicyAutoApproveThreshold {
			if autoApprove++; autoApprove > 1 {
				return nil, errPolicy("only one enabled auto-approve-threshold policy is allowed")
			}
		}
		rules = append(rules, rule)
	}
	return rules, nil
}

func parsePolicyRule(raw json.RawMessage) (PolicyRule, error) {
	f, err := decodePolicyFields(raw)
	if err != nil {
		return PolicyRule{}, fmt.Errorf("each policy must be an object")
	}
	id, _, err := f.str("id")
	if err != nil {
		return PolicyRule{}, err
	}
	typ, _, err := f.str("type")
	if err != nil || typ == "" {
		return PolicyRule{}, fmt.Errorf("type is required")
	}
	t := PolicyType(typ)
	if !t.Known() {
		return PolicyRule{}, fmt.Errorf("unknown policy type %q", policyTruncate(typ))
	}
	var enabled bool
	switch string(bytes.TrimSpace(f["enabled"])) {
	case "true":
		enabled = true
	case "false":
	default:
		return PolicyRule{}, fmt.Errorf("enabled must be a boolean")
	}
	config := bytes.TrimSpace(f["config"])
	if !jsonStartsWith(config, '{') {
		return PolicyRule{}, errPolicyConfigNotObject
	}
	if t.Evaluable() {
		if _, err := compilePolicy(t, config); err != nil {
			return PolicyRule{}, fmt.Errorf("%s: %w", t, err)
		}
	}
	return PolicyRule{ID: id, Type: t, Enabled: enabled, Config: json.RawMessage(config)}, nil
}

// ValidateLocalPolicies refuses rule types the local engine cannot evaluate:
// with no Steward to enforce them, storing them would only deny everything.
func ValidateLocalPolicies(rules []PolicyRule) error {
	for i, r := range rules {
		if !r.Type.Evaluable() {
			return errPolicy("policies[%d]: policy type %s is not supported by the local policy engine", i, r.Type)
		}
	}
	return nil
}
