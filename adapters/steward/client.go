// Package steward is the HTTP client for a Steward policy and signing
// service: agent lookup, delegated signing, the approval queue, policies and
// history, speaking Steward's {ok, data|error} envelope.
package steward

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/agentwallet/agentwallet/domain"
	"github.com/agentwallet/agentwallet/ports"
)

var (
	_ ports.StewardAgents    = (*Client)(nil)
	_ ports.StewardSigner    = (*Client)(nil)
	_ ports.StewardApprovals = (*Client)(nil)
	_ ports.StewardPolicies  = (*Client)(nil)
	_ ports.StewardHistory   = (*Client)(nil)
)

// Defaults, as Steward's own SDK applies them.
const (
	DefaultTimeout = 30 * time.Second
	maxBodyBytes   = 8 << 20
)

// Options configure a Client. Only the composition root builds them.
type Options struct {
	BaseURL           string        // STEWARD_API_URL; trailing slashes are dropped
	APIKey            string        // STEWARD_API_KEY, sent as X-Steward-Key
	TenantID          string        // STEWARD_TENANT_ID, sent as X-Steward-Tenant
	AgentToken        string        // STEWARD_AGENT_TOKEN, sent as Bearer only when there is no API key
	AllowInsecureHTTP bool          // allow plain http to hosts other than loopback
	Timeout           time.Duration // per attempt; 0 means DefaultTimeout
	Transport         http.RoundTripper
	NewIdempotencyKey func() string // nil means a random UUID
}

// Client talks to one Steward deployment. It is safe for concurrent use.
type Client struct {
	base    string
	opts    Options
	http    *http.Client
	newKey  func() string
	timeout time.Duration
}

// NewClient validates the options and builds a Client. The base URL must be
// https, or http to a loopback host unless AllowInsecureHTTP is set, so keys
// and signing requests never cross a network in the clear by accident.
func NewClient(opts Options) (*Client, error) {
	base := strings.TrimRight(strings.TrimSpace(opts.BaseURL), "/")
	u, err := url.Parse(base)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return nil, domain.Errorf(domain.KindInvalid, "steward base URL must be an http(s) URL, got %q", base).WithCode("INVALID_CONFIG")
	}
	if u.Scheme == "http" && !opts.AllowInsecureHTTP && !isLoopbackHost(u.Hostname()) {
		return nil, domain.Errorf(domain.KindInvalid, "steward base URL %q uses plain http to a non-loopback host", base).WithCode("INVALID_CONFIG")
	}
	c := &Client{base: base, opts: opts, newKey: opts.NewIdempotencyKey, timeout: opts.Timeout}
	if c.newKey == nil {
		c.newKey = func() string { return uuid.NewString() }
	}
	if c.timeout <= 0 {
		c.timeout = DefaultTimeout
	}
	transport := opts.Transport
	if transport == nil {
		transport = http.DefaultTransport
	}
	c.http = &http.Client{
		Transport: transport,
		// A redirect could carry the tenant key to another host.
		CheckRedirect: func(*http.Request, []*http.Request) error { return errRedirect },
	}
	return c, nil
}

// BaseURL is the normalised base URL, for status reports.
func (c *Client) BaseURL() string { return c.base }

var errRedirect = errors.New("steward answered with a redirect, which is refused")

func isLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// call is one request: method, path, optional JSON body, and how many times a
// transport failure or 502/503/504 may be retried.
type call struct {
	op       string
	method   string
	path     string
	query    url.Values
	body     any
	idemKey  string // sent as Idempotency-Key on every attempt
	attempts int    // 0 means 1
	noAuth   bool
}

// reply is a decoded answer: the HTTP status and the envelope.
type reply struct {
	status int
	env    envelope
	raw    []byte
}

// do runs the call and returns the reply for any HTTP status; only transport
// failures and unreadable bodies are errors here. Callers map statuses.
func (c *Client) do(ctx context.Context, cl call) (reply, error) {
	var payload []byte
	if cl.body != nil {
		b, err := json.Marshal(cl.body)
		if err != nil {
			return reply{}, domain.Errorf(domain.KindInternal, "encode steward request").WithOp(cl.op).Wrap(err)
		}
		payload = b
	}
	var (
		rep reply
		err error
	)
	for range max(cl.attempts, 1) {
		rep, err = c.once(ctx, cl, payload)
		if err == nil && !retryableStatus(rep.status) {
			return rep, nil
		}
		if ctx.Err() != nil || errors.Is(err, errRedirect) || errors.Is(err, errMalformed) || errors.Is(err, errTooLarge) {
			break
		}
	}
	if err != nil {
		return reply{}, transportError(ctx, cl.op, err)
	}
	return rep, nil
}

func retryableStatus(s int) bool {
	return s == http.StatusBadGateway || s == http.StatusServiceUnavailable || s == http.StatusGatewayTimeout
}

func (c *Client) once(ctx context.Context, cl call, payload []byte) (reply, error) {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	u := c.base + cl.path
	if len(cl.query) > 0 {
		u += "?" + cl.query.Encode()
	}
	var body io.Reader
	if payload != nil {
		body = bytes.NewReader(payload)
	}
	req, err := http.NewRequestWithContext(ctx, cl.method, u, body)
	if err != nil {
		return reply{}, err
	}
	req.Header.Set("Accept", "application/json")
	if payload != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if !cl.noAuth {
		c.authorize(req)
	}
	if cl.idemKey != "" {
		req.Header.Set("Idempotency-Key", cl.idemKey)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return reply{}, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, maxBodyBytes+1))
	if err != nil {
		return reply{}, err
	}
	if len(raw) > maxBodyBytes {
		return reply{}, errTooLarge
	}
	rep := reply{status: resp.StatusCode, raw: raw}
	if len(bytes.TrimSpace(raw)) == 0 {
		// Steward's clients read an empty body as {ok: <http ok>}.
		ok := resp.StatusCode < 300
		rep.env.OK = &ok
		return rep, nil
	}
	if err := json.Unmarshal(raw, &rep.env); err != nil {
		if resp.StatusCode >= 400 {
			// A proxy's HTML error page still says what went wrong: its status.
			rep.env = envelope{}
			return rep, nil
		}
		return rep, errMalformed
	}
	return rep, nil
}

var (
	errMalformed = errors.New("steward answered with malformed JSON")
	errTooLarge  = errors.New("steward response is larger than 8 MiB")
)

// authorize sets credentials the way the reference daemon does: the tenant
// key wins; the agent token is sent only when there is no key.
func (c *Client) authorize(req *http.Request) {
	switch {
	case c.opts.APIKey != "":
		req.Header.Set("X-Steward-Key", c.opts.APIKey)
	case c.opts.AgentToken != "":
		req.Header.Set("Authorization", "Bearer "+c.opts.AgentToken)
	}
	if c.opts.TenantID != "" {
		req.Header.Set("X-Steward-Tenant", c.opts.TenantID)
	}
}

// decodeData unmarshals the envelope's data into v.
func decodeData(op string, rep reply, v any) error {
	if len(rep.env.Data) == 0 || string(rep.env.Data) == "null" {
		return upstreamMalformed(op, "no data in the reply")
	}
	if err := json.Unmarshal(rep.env.Data, v); err != nil {
		return upstreamMalformed(op, "unexpected data shape").Wrap(err)
	}
	return nil
}

func agentPath(prefix, agentID string, rest ...string) string {
	p := prefix + "/" + url.PathEscape(agentID)
	for _, r := range rest {
		p += "/" + url.PathEscape(r)
	}
	return p
}

func pageQuery(p domain.StewardPage) url.Values {
	p = p.Normalize()
	return url.Values{"limit": {fmt.Sprint(p.Limit)}, "offset": {fmt.Sprint(p.Offset)}}
}
