package domain

import "strings"

// TradePermissionMode says whether the daemon may sign trades and transfers
// with its local key, and for whom.
type TradePermissionMode string

// The trade permission modes the product knows.
const (
	// TradeModeUserSignOnly never signs: every execute returns an unsigned tx.
	TradeModeUserSignOnly TradePermissionMode = "user-sign-only"
	// TradeModeManualLocalKey signs for human requests, never for the agent.
	TradeModeManualLocalKey TradePermissionMode = "manual-local-key"
	// TradeModeAgentAuto signs for humans, and for the agent within a daily quota.
	TradeModeAgentAuto TradePermissionMode = "agent-auto"
)

// DefaultAgentDailyTradeLimit is how many agent trades agent-auto signs per
// UTC day unless configured otherwise.
const DefaultAgentDailyTradeLimit = 25

// ParseTradePermissionMode parses a mode strictly, for writes: anything but
// the three names is KindInvalid.
func ParseTradePermissionMode(s string) (TradePermissionMode, error) {
	switch m := TradePermissionMode(strings.TrimSpace(s)); m {
	case TradeModeUserSignOnly, TradeModeManualLocalKey, TradeModeAgentAuto:
		return m, nil
	}
	return "", Errorf(KindInvalid, "tradePermissionMode must be one of user-sign-only, manual-local-key, agent-auto; got %q", Clip(s, 40))
}

// ResolveTradePermissionMode reads a stored mode leniently: unset or unknown
// values fall back to the safe default, user-sign-only.
func ResolveTradePermissionMode(s string) TradePermissionMode {
	m, err := ParseTradePermissionMode(s)
	if err != nil {
		return TradeModeUserSignOnly
	}
	return m
}

// AgentActionHeaders are the request headers that mark an agent-initiated
// request; the reference's two route families each read one of them.
var AgentActionHeaders = []string{"x-eliza-agent-action", "x-elizaos-agent-action"}

// IsAgentAction reports whether any of the given header values marks the
// request as the agent's: 1, true, yes or agent, trimmed, any case.
func IsAgentAction(values ...string) bool {
	for _, v := range values {
		switch strings.ToLower(strings.TrimSpace(v)) {
		case "1", "true", "yes", "agent":
			return true
		}
	}
	return false
}

// TradeActor is who asked for a trade.
type TradeActor uint8

// The actors.
const (
	ActorHuman TradeActor = iota // a person through the app or a script
	ActorAgent                   // the agent acting on its own (agent-action header)
)

// TradeGate is a permission decision: may the local key sign, and if not, why.
type TradeGate struct {
	LocalSigning bool   // the daemon may sign and broadcast
	UsesQuota    bool   // an allowed agent trade that counts toward the daily quota
	Reason       string // why local signing is refused; empty when allowed
}

// Decide applies the mode to a request by actor. agentTradesToday is how many
// agent trades were already signed this UTC day and dailyLimit the quota for
// agent-auto (a non-positive limit means the default).
func (m TradePermissionMode) Decide(actor TradeActor, agentTradesToday, dailyLimit int) TradeGate {
	if dailyLimit <= 0 {
		dailyLimit = DefaultAgentDailyTradeLimit
	}
	switch ResolveTradePermissionMode(string(m)) {
	case TradeModeManualLocalKey:
		if actor == ActorAgent {
			return TradeGate{Reason: "trade permission mode manual-local-key does not let the agent sign; a person must confirm"}
		}
		return TradeGate{LocalSigning: true}
	case TradeModeAgentAuto:
		if actor != ActorAgent {
			return TradeGate{LocalSigning: true}
		}
		if agentTradesToday >= dailyLimit {
			return TradeGate{Reason: "agent-auto daily limit of " + itoa(dailyLimit) + " agent trades reached for today (UTC)"}
		}
		return TradeGate{LocalSigning: true, UsesQuota: true}
	default:
		return TradeGate{Reason: "trade permission mode user-sign-only: the user must sign"}
	}
}
