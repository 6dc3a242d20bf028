package domain

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"math/big"
	"strconv"
)

// policyFields is a rule's config object with each field still raw, so every
// field's JSON type can be checked exactly (a wei cap must be a string, never
// a number that lost precision).
type policyFields map[string]json.RawMessage

var errPolicyConfigNotObject = errors.New("config must be an object")

// maxUint256 bounds every wei amount a policy may name.
var maxUint256 = new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 256), big.NewInt(1))

func decodePolicyFields(raw json.RawMessage) (policyFields, error) {
	if !jsonStartsWith(raw, '{') {
		return nil, errPolicyConfigNotObject
	}
	var f policyFields
	if err := json.Unmarshal(raw, &f); err != nil {
		return nil, errPolicyConfigNotObject
	}
	if f == nil {
		f = policyFields{}
	}
	return f, nil
}

// has reports whether the field is present. JSON has no undefined, so a
// present null counts as set (and then fails its type check), as in Steward.
func (f policyFields) has(key string) bool {
	_, ok := f[key]
	return ok
}

// str reads a string field. ok is false when the field is absent.
func (f policyFields) str(key string) (s string, ok bool, err error) {
	raw, ok := f[key]
	if !ok {
		return "", false, nil
	}
	if err := json.Unmarshal(raw, &s); err != nil || !isJSONString(raw) {
		return "", true, errors.New(key + " must be a string")
	}
	return s, true, nil
}

// wei reads a uint256 decimal string field.
func (f policyFields) wei(key string) (*big.Int, bool, error) {
	s, ok, err := f.str(key)
	if !ok {
		return nil, false, nil
	}
	v, good := parseUint256(s)
	if err != nil || !good {
		return nil, true, errors.New(key + " must be a uint256 decimal string of wei")
	}
	return v, true, nil
}

// usd reads a non-negative finite number field.
func (f policyFields) usd(key string) (float64, bool, error) {
	raw, ok := f[key]
	if !ok {
		return 0, false, nil
	}
	var n json.Number
	bad := errors.New(key + " must be a non-negative finite number")
	if isJSONString(raw) || json.Unmarshal(raw, &n) != nil {
		return 0, true, bad
	}
	v, err := strconv.ParseFloat(string(n), 64)
	if err != nil || v < 0 || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, true, bad
	}
	return v, true, nil
}

// integer reads an integral number field within [lo, hi].
func (f policyFields) integer(key string, lo, hi int64) (int64, bool, error) {
	raw, ok := f[key]
	if !ok {
		return 0, false, nil
	}
	v, err := jsonInteger(raw)
	if err != nil || v < lo || v > hi {
		return 0, true, errors.New(key + " must be an integer from " + strconv.FormatInt(lo, 10) + " to " + strconv.FormatInt(hi, 10))
	}
	return v, true, nil
}

// strs reads an array-of-strings field.
func (f policyFields) strs(key string) ([]string, bool, error) {
	raw, ok := f[key]
	if !ok {
		return nil, false, nil
	}
	var items []json.RawMessage
	bad := errors.New(key + " must be an array of strings")
	if !jsonStartsWith(raw, '[') || json.Unmarshal(raw, &items) != nil {
		return nil, true, bad
	}
	out := make([]string, 0, len(items))
	for _, it := range items {
		var s string
		if !isJSONString(it) || json.Unmarshal(it, &s) != nil {
			return nil, true, bad
		}
		out = append(out, s)
	}
	return out, true, nil
}

// array reads an array field as raw items.
func (f policyFields) array(key string) ([]json.RawMessage, bool, error) {
	raw, ok := f[key]
	if !ok {
		return nil, false, nil
	}
	var items []json.RawMessage
	if !jsonStartsWith(raw, '[') || json.Unmarshal(raw, &items) != nil {
		return nil, true, errors.New(key + " must be an array")
	}
	return items, true, nil
}

func isJSONString(raw json.RawMessage) bool { return jsonStartsWith(raw, '"') }

// jsonStartsWith reports whether the JSON value begins with c, which tells
// its type (object, array, string) without decoding it.
func jsonStartsWith(raw json.RawMessage, c byte) bool {
	raw = bytes.TrimSpace(raw)
	return len(raw) > 0 && raw[0] == c
}

// jsonInteger reads a JSON number that is integral ("3" or "3.0", not "3.5"
// or "\"3\"") and fits in an int64.
func jsonInteger(raw json.RawMessage) (int64, error) {
	var n json.Number
	if isJSONString(raw) || json.Unmarshal(raw, &n) != nil {
		return 0, errors.New("not a number")
	}
	if v, err := n.Int64(); err == nil {
		return v, nil
	}
	v, err := strconv.ParseFloat(string(n), 64)
	if err != nil || v != math.Trunc(v) || math.Abs(v) > 1<<53 {
		return 0, errors.New("not an integer")
	}
	return int64(v), nil
}

// parseUint256 parses a plain decimal string (digits only, leading zeros
// allowed) that fits in 256 bits.
func parseUint256(s string) (*big.Int, bool) {
	if s == "" || len(s) > 100 {
		return nil, false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return nil, false
		}
	}
	v, ok := new(big.Int).SetString(s, 10)
	if !ok || v.Cmp(maxUint256) > 0 {
		return nil, false
	}
	return v, true
}
