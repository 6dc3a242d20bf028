package domain_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/agentwallet/agentwallet/domain"
)

func TestParsePolicyRulesAccepts(t *testing.T) {
	t.Parallel()
	body := `[
	  {"id":"hold","type":"auto-approve-threshold","enabled":true,"config":{"threshold":"100000000000000000"}},
	  {"type":"spending-limit","enabled":true,"config":{"maxPerTx":"1000000000000000000","maxPerDay":"3000000000000000000"}},
	  {"type":"approved-addresses","enabled":false,"config":{"mode":"whitelist","addresses":["` + addrAlice + `","` + addrSol + `"]}},
	  {"type":"rate-limit","enabled":true,"config":{"maxTxPerHour":10,"maxTxPerDay":100.0}},
	  {"type":"time-window","enabled":true,"config":{"allowedHours":[{"start":0,"end":24}],"allowedDays":[0,6]}},
	  {"type":"allowed-chains","enabled":true,"config":{"chains":["eip155:56","eip155:97"]}},
	  {"type":"contract-allowlist","enabled":true,"config":{"contracts":[{"address":"0x1","selectors":[]}]}},
	  {"type":"auto-approve-threshold","enabled":false,"config":{"thresholdUsd":12.5}}
	]`
	rules, err := domain.ParsePolicyRules([]byte(body))
	if err != nil {
		t.Fatal(err)
	}
	if len(rules) != 8 {
		t.Fatalf("got %d rules", len(rules))
	}
	if rules[0].ID != "hold" || rules[0].Type != domain.PolicyAutoApproveThreshold || !rules[0].Enabled {
		t.Errorf("rule 0 = %+v", rules[0])
	}
	if rules[2].Enabled {
		t.Error("rule 2 should be disabled")
	}
	// Opaque configs must round-trip byte for byte.
	if got := string(rules[6].Config); got != `{"contracts":[{"address":"0x1","selectors":[]}]}` {
		t.Errorf("opaque config = %s", got)
	}
	if err := domain.ValidateLocalPolicies(rules[:6]); err != nil {
		t.Errorf("local validation of evaluable rules: %v", err)
	}
	if err := domain.ValidateLocalPolicies(rules); !domain.IsKind(err, domain.KindInvalid) {
		t.Errorf("local validation with an opaque type: %v, want invalid", err)
	}
}

func TestParsePolicyRulesRejects(t *testing.T) {
	t.Parallel()
	sl := func(config string) string {
		return `[{"type":"spending-limit","enabled":true,"config":` + config + `}]`
	}
	typed := func(typ, config string) string {
		return `[{"type":"` + typ + `","enabled":true,"config":` + config + `}]`
	}
	many := "[" + strings.TrimSuffix(strings.Repeat(`{"type":"rate-limit","enabled":true,"config":{"maxTxPerHour":1,"maxTxPerDay":1}},`, 51), ",") + "]"
	tests := map[string]string{
		"not_json":                     `{`,
		"object_not_array":             `{"policies":[]}`,
		"null":                         `null`,
		"too_many_rules":               many,
		"too_large":                    "[" + strings.Repeat(" ", domain.MaxPolicyBytes) + "]",
		"rule_not_object":              `[1]`,
		"missing_type":                 `[{"enabled":true,"config":{}}]`,
		"empty_type":                   `[{"type":"","enabled":true,"config":{}}]`,
		"unknown_type":                 `[{"type":"max-trade-value","enabled":true,"config":{}}]`,
		"enabled_string":               `[{"type":"allowed-chains","enabled":"true","config":{"chains":["eip155:56"]}}]`,
		"enabled_missing":              `[{"type":"allowed-chains","config":{"chains":["eip155:56"]}}]`,
		"enabled_null":                 `[{"type":"allowed-chains","enabled":null,"config":{"chains":["eip155:56"]}}]`,
		"config_missing":               `[{"type":"allowed-chains","enabled":true}]`,
		"config_array":                 `[{"type":"contract-allowlist","enabled":true,"config":[]}]`,
		"id_not_string":                `[{"id":7,"type":"allowed-chains","enabled":true,"config":{"chains":["eip155:56"]}}]`,
		"spending_no_limit":            sl(`{}`),
		"spending_docs_field_name":     sl(`{"maxPerTransaction":"1"}`),
		"spending_numeric_wei":         sl(`{"maxPerTx":1000}`),
		"spending_negative_wei":        sl(`{"maxPerTx":"-1"}`),
		"spending_decimal_wei":         sl(`{"maxPerTx":"1.5"}`),
		"spending_over_uint256":        sl(`{"maxPerTx":"115792089237316195423570985008687907853269984665640564039457584007913129639936"}`),
		"spending_negative_usd":        sl(`{"maxPerTxUsd":-5}`),
		"spending_string_usd":          sl(`{"maxPerTxUsd":"5"}`),
		"threshold_missing":            typed("auto-approve-threshold", `{}`),
		"threshold_numeric":            typed("auto-approve-threshold", `{"threshold":5}`),
		"addresses_no_mode":            typed("approved-addresses", `{"addresses":["`+addrAlice+`"]}`),
		"addresses_bad_mode":           typed("approved-addresses", `{"mode":"allow","addresses":[]}`),
		"addresses_bad_entry":          typed("approved-addresses", `{"mode":"whitelist","addresses":["0x12"]}`),
		"addresses_non_string":         typed("approved-addresses", `{"mode":"whitelist","addresses":[1]}`),
		"rate_fractional":              typed("rate-limit", `{"maxTxPerHour":1.5,"maxTxPerDay":3}`),
		"rate_zero":                    typed("rate-limit", `{"maxTxPerHour":0,"maxTxPerDay":3}`),
		"rate_string":                  typed("rate-limit", `{"maxTxPerHour":"1","maxTxPerDay":3}`),
		"rate_missing_day":             typed("rate-limit", `{"maxTxPerHour":1}`),
		"time_both_empty":              typed("time-window", `{"allowedHours":[],"allowedDays":[]}`),
		"time_hour_out_of_range":       typed("time-window", `{"allowedHours":[{"start":24,"end":24}]}`),
		"time_day_out_of_range":        typed("time-window", `{"allowedDays":[7]}`),
		"time_hours_not_array":         typed("time-window", `{"allowedHours":{"start":1,"end":2}}`),
		"chains_empty":                 typed("allowed-chains", `{"chains":[]}`),
		"chains_empty_entry":           typed("allowed-chains", `{"chains":[""]}`),
		"duplicate_ids":                `[{"id":"x","type":"allowed-chains","enabled":true,"config":{"chains":["eip155:56"]}},{"id":"x","type":"allowed-chains","enabled":false,"config":{"chains":["eip155:56"]}}]`,
		"two_enabled_auto_approve":     `[{"type":"auto-approve-threshold","enabled":true,"config":{"threshold":"1"}},{"type":"auto-approve-threshold","enabled":true,"config":{"threshold":"2"}}]`,
		"auto_approve_bad_even_if_off": `[{"type":"auto-approve-threshold","enabled":false,"config":{"threshold":"x"}}]`,
	}
	for name, body := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			rules, err := domain.ParsePolicyRules([]byte(body))
			if !domain.IsKind(err, domain.KindInvalid) || domain.CodeOf(err) != "INVALID_POLICY" {
				t.Fatalf("got rules %+v, err %v; want INVALID_POLICY", rules, err)
			}
		})
	}
}

func TestParsePolicyRulesAllowsOneDisabledExtraAutoApprove(t *testing.T) {
	t.Parallel()
	body := `[{"type":"auto-approve-threshold","enabled":true,"config":{"threshold":"1"}},{"type":"auto-approve-threshold","enabled":false,"config":{"threshold":"2"}}]`
	if _, err := domain.ParsePolicyRules([]byte(body)); err != nil {
		t.Fatal(err)
	}
}

// encodePolicyRules renders rules in the wire form ParsePolicyRules reads.
func encodePolicyRules(t testing.TB, rules []domain.PolicyRule) []byte {
	t.Helper()
	type wire struct {
		ID      string          `json:"id,omitempty"`
		Type    string          `json:"type"`
		Enabled bool            `json:"enabled"`
		Config  json.RawMessage `json:"config"`
	}
	out := make([]wire, len(rules))
	for i, r := range rules {
		out[i] = wire{r.ID, string(r.Type), r.Enabled, r.Config}
	}
	b, err := json.Marshal(out)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func FuzzParsePolicyRules(f *testing.F) {
	for _, seed := range []string{
		`[]`,
		`[{"type":"spending-limit","enabled":true,"config":{"maxPerTx":"1000"}}]`,
		`[{"type":"spending-limit","enabled":true,"config":{"maxAmount":"5","period":"WEEKLY"}}]`,
		`[{"type":"auto-approve-threshold","enabled":true,"config":{"threshold":"00000000000000000000000000000001"}}]`,
		`[{"type":"approved-addresses","enabled":true,"config":{"mode":"whitelist","addresses":["` + addrAlice + `","` + addrSol + `"]}}]`,
		`[{"type":"rate-limit","enabled":true,"config":{"maxTxPerHour":1e3,"maxTxPerDay":9007199254740993}}]`,
		`[{"type":"time-window","enabled":true,"config":{"allowedHours":[{"start":-0,"end":2.0}],"allowedDays":[null]}}]`,
		`[{"type":"allowed-chains","enabled":true,"config":{"chains":["eip155:56","solana:5eykt4UsFv8P8NJdTREpY1vzqKqZKvdp"]}}]`,
		`[{"type":"leverage-cap","enabled":true,"config":{"max":"\u0000"}}]`,
		`[{"type":"spending-limit","enabled":true,"config":{"maxPerTx":"1","maxPerTx":2}}]`,
		`[{"type":"spending-limit","enabled":true,"config":{"maxPerTxUsd":1e309}}]`,
		`[{"type":"x","enabled":true,"config":{}}]` + strings.Repeat(" ", 10),
		`[[[[[[[[[[]]]]]]]]]]`,
		"[\xff]",
		`[{"id":"` + strings.Repeat("a", 300) + `","type":"rate-limit","enabled":false,"config":{"maxTxPerHour":1,"maxTxPerDay":1}}]`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		rules, err := domain.ParsePolicyRules(data)
		if err != nil {
			if !domain.IsKind(err, domain.KindInvalid) {
				t.Fatalf("error of kind %s: %v", domain.KindOf(err), err)
			}
			return
		}
		// Whatever parses must evaluate without panicking, report one result
		// per rule, and never approve on a broken (failing) evaluable rule.
		req := domain.PolicyRequest{To: addrAlice, Value: mustPolicyWei(t, milliBNBWei), Network: netBSC}
		dec := domain.EvaluatePolicies(rules, req, []domain.PolicySpend{{At: policyNoon, Network: netBSC, Value: mustPolicyWei(t, "1")}}, policyNoon)
		if len(dec.Results) != len(rules) {
			t.Fatalf("%d results for %d rules", len(dec.Results), len(rules))
		}
		if dec.Verdict == domain.PolicyApprove {
			for _, r := range dec.Results {
				if !r.Passed {
					t.Fatalf("approved with failed rule %+v", r)
				}
			}
		}
		// And what parses must survive its own wire form unchanged.
		again, err := domain.ParsePolicyRules(encodePolicyRules(t, rules))
		if err != nil {
			t.Fatalf("re-parse of %s: %v", encodePolicyRules(t, rules), err)
		}
		if len(again) != len(rules) {
			t.Fatalf("re-parse gave %d rules, want %d", len(again), len(rules))
		}
	})
}
