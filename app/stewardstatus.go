package app

import (
	"context"
	"net/url"

	"github.com/agentwallet/agentwallet/domain"
)

// StewardStatus is the bridge's state for GET steward-status. Pointers are
// nil where the spec shows null.
type StewardStatus struct {
	Configured    bool
	Available     bool // Steward answered
	Connected     bool // the agent lookup got through (found or not)
	BaseURL       *string
	AgentID       *string
	EVMAddress    *string // Steward's wallet for the agent, else the local one
	SolanaAddress *string // Steward's Solana wallet, when it reported one
	AgentName     *string
	VaultHealth   string // "ok", "degraded" (agent unknown), "error"; empty when not configured
	Error         *string
}

// Status probes Steward: /health, then the agent. An unknown agent (404 or
// 400) leaves the bridge connected but degraded; any other failure makes it
// unavailable with the reason. It fails only when local storage does.
func (s *Steward) Status(ctx context.Context) (StewardStatus, error) {
	if !s.Configured() {
		return StewardStatus{}, nil
	}
	st := StewardStatus{Configured: true, BaseURL: stewardRef(publicURL(s.cfg.BaseURL)), VaultHealth: "error"}
	local, err := s.localEVMAddress(ctx)
	if err != nil {
		return StewardStatus{}, err
	}
	if local != "" {
		st.EVMAddress = stewardRef(local)
	}
	id, ok, err := s.agentID(ctx)
	if err != nil {
		return StewardStatus{}, err
	}
	if ok {
		st.AgentID = stewardRef(id)
	}
	if err := s.remote.Agents.Health(ctx); err != nil {
		st.Error = stewardRef(domain.MessageOf(err))
		return st, nil
	}
	st.Available = true
	if !ok {
		st.Error = stewardRef(domain.MessageOf(errNoStewardAgent))
		return st, nil
	}
	agent, err := s.remote.Agents.Agent(ctx, id)
	switch {
	case err == nil:
		st.Connected, st.VaultHealth = true, "ok"
		if agent.EVMAddress != "" {
			st.EVMAddress = stewardRef(agent.EVMAddress)
		}
		if agent.SolanaAddress != "" {
			st.SolanaAddress = stewardRef(agent.SolanaAddress)
		}
		if agent.Name != "" {
			st.AgentName = stewardRef(agent.Name)
		}
	case domain.IsKind(err, domain.KindNotFound), domain.IsKind(err, domain.KindInvalid):
		st.Connected, st.VaultHealth = true, "degraded"
	default:
		st.Available = false
		st.Error = stewardRef(domain.MessageOf(err))
	}
	return st, nil
}

// publicURL drops what may hold a secret from a URL shown in responses:
// user info, query and fragment.
func publicURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "<unparseable URL>"
	}
	u.User, u.RawQuery, u.Fragment, u.RawFragment, u.ForceQuery = nil, "", "", "", false
	return u.String()
}

func stewardRef[T any](v T) *T { return &v }
