package elizacloud

import (
	"context"
	"net/http"
	"net/url"

	"github.com/agentwallet/agentwallet/domain"
)

// Account reads GET /api/v1/user.
func (c *Client) Account(ctx context.Context, key domain.CloudAPIKey) (domain.CloudAccount, error) {
	const op = "elizacloud.account"
	resp, err := c.do(ctx, call{op: op, method: http.MethodGet, path: "/api/v1/user", key: key, timeout: c.opts.CreditsTimeout})
	if err != nil {
		return domain.CloudAccount{}, err
	}
	a, err := parseUser(resp.body)
	if err != nil {
		return domain.CloudAccount{}, malformed(op, "user", err)
	}
	return a, nil
}

// CreditBalance reads GET /api/v1/credits/balance.
func (c *Client) CreditBalance(ctx context.Context, key domain.CloudAPIKey) (domain.USD, error) {
	const op = "elizacloud.credits"
	resp, err := c.do(ctx, call{op: op, method: http.MethodGet, path: "/api/v1/credits/balance", key: key, timeout: c.opts.CreditsTimeout})
	if err != nil {
		return domain.USD{}, err
	}
	b, err := parseBalance(resp.body)
	if err != nil {
		return domain.USD{}, malformed(op, "credit balance", err)
	}
	return b, nil
}

// TopUpURL is the site's billing settings page.
func (c *Client) TopUpURL() string {
	return c.sitePage("/dashboard/settings", url.Values{"tab": {"billing"}})
}
