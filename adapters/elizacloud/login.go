package elizacloud

import (
	"context"
	"net/http"
	"net/url"

	"github.com/agentwallet/agentwallet/domain"
)

// CreateLoginSession registers sessionID with the cloud (POST
// /api/auth/cli-session). Any 2xx is success.
func (c *Client) CreateLoginSession(ctx context.Context, sessionID string) error {
	const op = "elizacloud.login.create"
	_, err := c.do(ctx, call{op: op, method: http.MethodPost, path: "/api/auth/cli-session",
		body: createSessionRequest{SessionID: sessionID}, timeout: c.opts.LoginTimeout})
	return err
}

// PollLoginSession reads the session (GET /api/auth/cli-session/:id); 404
// means unknown or expired.
func (c *Client) PollLoginSession(ctx context.Context, sessionID string) (domain.CloudSessionPoll, error) {
	const op = "elizacloud.login.poll"
	resp, err := c.do(ctx, call{op: op, method: http.MethodGet, path: "/api/auth/cli-session/" + url.PathEscape(sessionID),
		timeout: c.opts.LoginTimeout})
	if err != nil {
		return domain.CloudSessionPoll{}, err
	}
	p, err := parseSessionPoll(resp.body)
	if err != nil {
		return domain.CloudSessionPoll{}, malformed(op, "login session", err)
	}
	return p, nil
}

// BrowserURL is <site>/auth/cli-login?session=<id>.
func (c *Client) BrowserURL(sessionID string) string {
	return c.sitePage("/auth/cli-login", url.Values{"session": {sessionID}})
}

// sitePage builds a page URL on the site, or on the default site when the
// configured one was refused (the page is only shown, never fetched).
func (c *Client) sitePage(path string, q url.Values) string {
	u := url.URL{Scheme: "https", Host: "www.elizacloud.ai"}
	if c.site != nil {
		u = *c.site
	}
	u.Path += path
	u.RawQuery = q.Encode()
	return u.String()
}
