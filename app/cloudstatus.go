package app

import (
	"context"

	"github.com/agentwallet/agentwallet/domain"
)

// CloudStatus is GET /api/cloud/status.
type CloudStatus struct {
	Connected      bool
	Enabled        bool
	HasAPIKey      bool
	UserID         *string // nil when not known
	OrganizationID *string // nil when not known
	TopUpURL       string
}

// Status reports the cloud link. With a key it asks the cloud who the key
// belongs to (cached for a minute); a key the cloud rejects counts as not
// connected, while an unreachable cloud leaves the ids unknown.
func (c *Cloud) Status(ctx context.Context) CloudStatus {
	key := c.currentKey()
	st := CloudStatus{HasAPIKey: !key.IsZero(), Enabled: c.policy.Enabled || !key.IsZero(), TopUpURL: c.cloud.Account.TopUpURL()}
	if key.IsZero() {
		return st
	}
	st.Connected = true
	acct, err := c.cachedAccount(ctx, key)
	switch {
	case err == nil:
		st.UserID = &acct.UserID
		if acct.OrganizationID != "" {
			st.OrganizationID = &acct.OrganizationID
		}
	case domain.CodeOf(err) == domain.CodeCloudAuthRejected:
		st.Connected = false
	default:
		c.log.WarnContext(ctx, "cloud user lookup failed", "err", err.Error())
	}
	return st
}

// Credits is GET /api/cloud/credits. Failures are part of the answer, not
// errors, as the reference reports them with HTTP 200.
type Credits struct {
	Connected    bool
	Balance      *domain.USD // nil when unknown
	Level        domain.CreditLevel
	AuthRejected bool
	Error        string
	TopUpURL     string
}

// Credits reads the balance and classifies it against the thresholds.
func (c *Cloud) Credits(ctx context.Context) Credits {
	key := c.currentKey()
	out := Credits{TopUpURL: c.cloud.Account.TopUpURL()}
	if key.IsZero() {
		return out
	}
	out.Connected = true
	bal, err := c.cloud.Account.CreditBalance(ctx, key)
	if err != nil {
		out.Error = domain.MessageOf(err)
		out.AuthRejected = domain.CodeOf(err) == domain.CodeCloudAuthRejected
		return out
	}
	out.Balance = &bal
	out.Level = c.policy.Thresholds.Assess(bal)
	return out
}
