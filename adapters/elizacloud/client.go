// Package elizacloud is the Eliza Cloud adapter: browser login sessions,
// account and credits, billing, hosted agents and cloud wallets, over the
// cloud's HTTP API with an outbound guard against SSRF.
package elizacloud

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"time"

	"github.com/agentwallet/agentwallet/domain"
	"github.com/agentwallet/agentwallet/ports"
)

var (
	_ ports.CloudLogin       = (*Client)(nil)
	_ ports.CloudAccount     = (*Client)(nil)
	_ ports.CloudBilling     = (*Client)(nil)
	_ ports.CloudAgents      = (*Client)(nil)
	_ ports.CloudProvisioner = (*Client)(nil)
	_ ports.CloudWallets     = (*Client)(nil)
)

// Options configure a Client. Zero values take the defaults noted.
type Options struct {
	SiteURL       string // default DefaultSiteURL; the API is <site>/api/v1
	AgentsPrefix  string // product segment of agent paths, default "milady"
	AllowLoopback bool   // admit http, loopback and private-network targets (local use, tests)

	LoginTimeout   time.Duration // default 10s
	CreditsTimeout time.Duration // account and credits, default 10s
	BillingTimeout time.Duration // default 15s
	AgentsTimeout  time.Duration // agents and wallets, default 30s

	// LookupHost resolves host names before every connection; default the
	// system resolver. Tests substitute it to play DNS answers.
	LookupHost func(ctx context.Context, host string) ([]netip.Addr, error)
}

// maxBody caps what the client reads from the cloud; larger answers are
// refused rather than buffered.
const maxBody = 1 << 20

// Client talks to Eliza Cloud. It is safe for concurrent use; the API key is
// passed on every call, so the client holds no login state.
type Client struct {
	site    *url.URL // nil when siteErr is set
	siteErr error    // the configured URL was refused; every call returns it
	prefix  string
	opts    Options
	strict  *http.Client // never follows redirects
	billing *http.Client // follows up to 4 same-origin redirects
}

// NewClient builds a Client. A refused site URL does not fail construction:
// every call then returns the refusal (KindInvalid, code
// UNSAFE_UPSTREAM_URL), so the daemon still starts and can say why.
func NewClient(opts Options) *Client {
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&opts.LoginTimeout, 10*time.Second)
	def(&opts.CreditsTimeout, 10*time.Second)
	def(&opts.BillingTimeout, 15*time.Second)
	def(&opts.AgentsTimeout, 30*time.Second)
	if opts.LookupHost == nil {
		opts.LookupHost = systemLookup
	}
	prefix := strings.Trim(opts.AgentsPrefix, "/")
	if prefix == "" || strings.ContainsAny(prefix, "/?#%") {
		prefix = "milady"
	}
	site, err := NormalizeSiteURL(opts.SiteURL, opts.AllowLoopback)
	g := &guard{allowLoopback: opts.AllowLoopback, lookup: opts.LookupHost, dialer: net.Dialer{Timeout: 10 * time.Second}}
	transport := &http.Transport{
		Proxy:                 nil, // a proxy would be dialled instead of the checked address
		DialContext:           g.dialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          16,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: 0, // bounded by each call's context
	}
	c := &Client{site: site, siteErr: err, prefix: prefix, opts: opts}
	c.strict = &http.Client{
		Transport:     transport,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	c.billing = &http.Client{
		Transport: transport,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) > 4 || req.URL.Scheme != via[0].URL.Scheme || !strings.EqualFold(req.URL.Host, via[0].URL.Host) {
				return http.ErrUseLastResponse
			}
			return nil
		},
	}
	return c
}

// SiteURL is the normalised site base, or "" when it was refused.
func (c *Client) SiteURL() string {
	if c.site == nil {
		return ""
	}
	return c.site.String()
}

// call describes one request to the cloud.
type call struct {
	op      string // for errors, e.g. "elizacloud.credits"
	method  string
	path    string // from the site root, e.g. "/api/v1/credits/balance"
	query   url.Values
	key     domain.CloudAPIKey // sent as X-API-Key when set
	body    any                // JSON-encoded when non-nil
	timeout time.Duration
	billing bool // follow same-origin redirects
}

// response is a 2xx answer: its status and body.
type response struct {
	status int
	body   []byte
}

// do sends the call. Non-2xx answers, redirects, transport failures and
// timeouts come back as domain errors from errors.go.
func (c *Client) do(ctx context.Context, cl call) (response, error) {
	if c.siteErr != nil {
		return response{}, c.siteErr
	}
	u := *c.site
	u.Path += cl.path
	u.RawQuery = cl.query.Encode()
	var body io.Reader
	if cl.body != nil {
		b, err := json.Marshal(cl.body)
		if err != nil {
			return response{}, domain.Errorf(domain.KindInternal, "encode request").WithOp(cl.op).Wrap(err)
		}
		body = bytes.NewReader(b)
	}
	ctx, cancel := context.WithTimeout(ctx, cl.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, cl.method, u.String(), body)
	if err != nil {
		return response{}, domain.Errorf(domain.KindInternal, "build request").WithOp(cl.op).Wrap(err)
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", "agentwallet")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if !cl.key.IsZero() {
		req.Header.Set("X-API-Key", cl.key.Reveal())
	}
	hc := c.strict
	if cl.billing {
		hc = c.billing
	}
	resp, err := hc.Do(req)
	if err != nil {
		return response{}, transportError(cl.op, ctx, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, maxBody+1))
	if err != nil {
		return response{}, transportError(cl.op, ctx, err)
	}
	if len(b) > maxBody {
		return response{}, domain.Errorf(domain.KindUpstream, "Eliza Cloud answer is larger than %d bytes", maxBody).WithOp(cl.op)
	}
	if resp.StatusCode >= 300 && resp.StatusCode < 400 {
		return response{}, redirectError(cl.op)
	}
	if resp.StatusCode < 200 || resp.StatusCode >= 300 {
		return response{}, statusError(cl.op, resp.StatusCode, b)
	}
	return response{status: resp.StatusCode, body: b}, nil
}
