package domain

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"slices"
	"strings"
	"time"
)

// policyEnv is what one evaluation knows: the request, the caller's clock and
// the spend counters derived from past spends.
type policyEnv struct {
	req       PolicyRequest
	chain     Chain // address family of req.Network
	chainOK   bool  // whether req.Network is a recognised CAIP-2 id
	now       time.Time
	spentDay  *big.Int // spent on req.Network in the 24 h before now
	spentWeek *big.Int // spent on req.Network in the 7 days before now
	count1h   int      // transactions on any network in the hour before now
	count24h  int      // transactions on any network in the 24 h before now
}

// policyCheck evaluates one compiled rule against a request.
type policyCheck func(env *policyEnv) (passed bool, reason string)

// compilePolicy checks a rule's config and turns it into a check. The same
// error serves validation (a 400 on PUT) and evaluation (the rule fails
// closed with the error as its reason), so the two can never disagree.
func compilePolicy(t PolicyType, config json.RawMessage) (policyCheck, error) {
	f, err := decodePolicyFields(config)
	if err != nil {
		return nil, err
	}
	switch t {
	case PolicySpendingLimit:
		return compileSpendingLimit(f)
	case PolicyAutoApproveThreshold:
		return compileAutoApprove(f)
	case PolicyApprovedAddresses:
		return compileApprovedAddresses(f)
	case PolicyRateLimit:
		return compileRateLimit(f)
	case PolicyTimeWindow:
		return compileTimeWindow(f)
	case PolicyAllowedChains:
		return compileAllowedChains(f)
	}
	if opaquePolicyTypes[t] {
		return nil, fmt.Errorf("policy type %s is not evaluated by the local policy engine", t)
	}
	return nil, fmt.Errorf("unknown policy type: %s", t)
}

// spendCaps are a spending-limit's caps; nil means unbounded.
type spendCaps struct{ tx, day, week *big.Int }

func compileSpendingLimit(f policyFields) (policyCheck, error) {
	if f.has("maxPerTransaction") {
		return nil, errors.New("spending-limit uses maxPerTx, not maxPerTransaction")
	}
	known := []string{"maxPerTx", "maxPerDay", "maxPerWeek", "maxPerTxUsd", "maxPerDayUsd", "maxPerWeekUsd", "maxAmount"}
	if !slices.ContainsFunc(known, f.has) {
		return nil, errors.New("spending-limit requires at least one wei or USD limit")
	}
	caps, err := legacySpendCaps(f)
	if err != nil {
		return nil, err
	}
	// Canonical fields win per dimension, so a legacy rule that gains one
	// canonical cap keeps its other legacy caps.
	for _, c := range []struct {
		key string
		dst **big.Int
	}{{"maxPerTx", &caps.tx}, {"maxPerDay", &caps.day}, {"maxPerWeek", &caps.week}} {
		v, ok, err := f.wei(c.key)
		if err != nil {
			return nil, err
		}
		if ok {
			*c.dst = v
		}
	}
	usd := false
	for _, key := range []string{"maxPerTxUsd", "maxPerDayUsd", "maxPerWeekUsd"} {
		_, ok, err := f.usd(key)
		if err != nil {
			return nil, err
		}
		usd = usd || ok
	}
	return func(env *policyEnv) (bool, string) {
		if usd {
			return false, "USD spending limit cannot be evaluated because no price oracle is available"
		}
		v := env.req.Value
		switch {
		case caps.tx != nil && v.Cmp(caps.tx) > 0:
			return false, fmt.Sprintf("Transaction value %s exceeds per-tx limit %s", v, caps.tx)
		case caps.day != nil && new(big.Int).Add(env.spentDay, v).Cmp(caps.day) > 0:
			return false, fmt.Sprintf("Would exceed daily spending limit (%s)", caps.day)
		case caps.week != nil && new(big.Int).Add(env.spentWeek, v).Cmp(caps.week) > 0:
			return false, fmt.Sprintf("Would exceed weekly spending limit (%s)", caps.week)
		}
		return true, ""
	}, nil
}

// legacySpendCaps reads Steward's older maxAmount + period form. An unknown
// period is a per-transaction cap rather than no cap, as in Steward.
func legacySpendCaps(f policyFields) (spendCaps, error) {
	amount, ok, err := f.wei("maxAmount")
	if err != nil || !ok {
		return spendCaps{}, err
	}
	period, _, err := f.str("period")
	if err != nil {
		return spendCaps{}, err
	}
	switch strings.ToLower(period) {
	case "", "day", "daily":
		return spendCaps{tx: amount, day: amount}, nil
	case "week", "weekly":
		return spendCaps{tx: amount, week: amount}, nil
	default:
		return spendCaps{tx: amount}, nil
	}
}

func compileAutoApprove(f policyFields) (policyCheck, error) {
	if _, ok, err := f.usd("thresholdUsd"); err != nil {
		return nil, err
	} else if ok {
		return func(*policyEnv) (bool, string) {
			return false, "Auto-approve USD threshold cannot be evaluated because no price oracle is available"
		}, nil
	}
	threshold, ok, err := f.wei("threshold")
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, errors.New("auto-approve-threshold requires threshold (wei) or thresholdUsd")
	}
	return func(env *policyEnv) (bool, string) {
		if env.req.Value.Cmp(threshold) <= 0 {
			return true, "Below auto-approve threshold"
		}
		return false, fmt.Sprintf("Value %s exceeds auto-approve threshold %s", env.req.Value, threshold)
	}, nil
}

func compileApprovedAddresses(f policyFields) (policyCheck, error) {
	addrs, ok, err := f.strs("addresses")
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, errors.New("approved-addresses requires addresses")
	}
	mode, _, err := f.str("mode")
	if err != nil || (mode != "whitelist" && mode != "blacklist") {
		return nil, errors.New(`approved-addresses requires mode "whitelist" or "blacklist"`)
	}
	listed := map[Chain]map[string]bool{ChainEVM: {}, ChainSolana: {}}
	for _, a := range addrs {
		c, ok := policyAddressChain(a)
		if !ok {
			return nil, fmt.Errorf("approved-addresses contains an invalid address %q", policyTruncate(a))
		}
		listed[c][normalizePolicyAddress(a, c)] = true
	}
	return func(env *policyEnv) (bool, string) {
		to := env.req.To
		if c, ok := policyAddressChain(to); !ok || !env.chainOK || c != env.chain {
			return false, "Destination address does not match the chain's address family"
		}
		in := listed[env.chain][normalizePolicyAddress(to, env.chain)]
		switch {
		case mode == "whitelist" && !in:
			return false, fmt.Sprintf("Destination address %s not in whitelist", to)
		case mode == "blacklist" && in:
			return false, fmt.Sprintf("Destination address %s is blacklisted", to)
		}
		return true, ""
	}, nil
}

func compileRateLimit(f policyFields) (policyCheck, error) {
	const most = 1 << 31
	perHour, okH, err := f.integer("maxTxPerHour", 1, most)
	if err != nil {
		return nil, err
	}
	perDay, okD, err := f.integer("maxTxPerDay", 1, most)
	if err != nil {
		return nil, err
	}
	if !okH || !okD {
		return nil, errors.New("rate-limit requires maxTxPerHour and maxTxPerDay")
	}
	return func(env *policyEnv) (bool, string) {
		switch {
		case int64(env.count1h) >= perHour:
			return false, fmt.Sprintf("Hourly tx limit reached (%d)", perHour)
		case int64(env.count24h) >= perDay:
			return false, fmt.Sprintf("Daily tx limit reached (%d)", perDay)
		}
		return true, ""
	}, nil
}

func compileTimeWindow(f policyFields) (policyCheck, error) {
	type window struct{ start, end int64 }
	rawHours, _, err := f.array("allowedHours")
	if err != nil {
		return nil, err
	}
	hours := make([]window, 0, len(rawHours))
	for _, raw := range rawHours {
		w, err := decodePolicyFields(raw)
		if err != nil {
			return nil, errors.New("allowedHours entries must be {start, end} objects")
		}
		start, okS, errS := w.integer("start", 0, 23)
		end, okE, errE := w.integer("end", 0, 24)
		if !okS || !okE || errS != nil || errE != nil {
			return nil, errors.New("allowedHours entries need start 0-23 and end 0-24")
		}
		hours = append(hours, window{start, end})
	}
	rawDays, _, err := f.array("allowedDays")
	if err != nil {
		return nil, err
	}
	days := make([]time.Weekday, 0, len(rawDays))
	for _, raw := range rawDays {
		d, err := jsonInteger(raw)
		if err != nil || d < 0 || d > 6 {
			return nil, errors.New("allowedDays entries must be integers 0-6 (0 = Sunday)")
		}
		days = append(days, time.Weekday(d))
	}
	if len(hours) == 0 && len(days) == 0 {
		return nil, errors.New("time-window rule has no allowed days or hours configured")
	}
	return func(env *policyEnv) (bool, string) {
		now := env.now.UTC()
		if len(days) > 0 && !slices.Contains(days, now.Weekday()) {
			return false, fmt.Sprintf("Transactions not allowed on day %d", now.Weekday())
		}
		h := int64(now.Hour())
		if len(hours) > 0 && !slices.ContainsFunc(hours, func(w window) bool { return h >= w.start && h < w.end }) {
			return false, fmt.Sprintf("Current hour %d UTC not in allowed windows", h)
		}
		return true, ""
	}, nil
}

func compileAllowedChains(f policyFields) (policyCheck, error) {
	chains, _, err := f.strs("chains")
	if err != nil || len(chains) == 0 || slices.Contains(chains, "") {
		return nil, errors.New("allowed-chains requires a non-empty chains array of CAIP-2 ids")
	}
	return func(env *policyEnv) (bool, string) {
		if !env.chainOK {
			return false, fmt.Sprintf("Chain %s is not a recognised chain", policyTruncate(env.req.Network))
		}
		if !slices.Contains(chains, env.req.Network) {
			return false, fmt.Sprintf("Chain %s is not in the allowed chains list", env.req.Network)
		}
		return true, ""
	}, nil
}

// policyTruncate shortens outside input quoted in messages.
func policyTruncate(s string) string {
	const most = 64
	if len(s) <= most {
		return s
	}
	return s[:most] + "..."
}
