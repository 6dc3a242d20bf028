package elizacloud

import (
	"context"
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"strings"

	"github.com/agentwallet/agentwallet/domain"
)

// blockedPrefixes are the address ranges an outbound cloud call may never
// reach: private, loopback, link-local, CGNAT, benchmarking, documentation,
// multicast and reserved space. Reaching them would let a configured (or
// DNS-rebound) cloud URL probe the user's machine or network.
var blockedPrefixes = mustPrefixes(
	"0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16",
	"172.16.0.0/12", "192.0.0.0/24", "192.0.2.0/24", "192.168.0.0/16", "198.18.0.0/15",
	"198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
	"::/128", "::1/128", "fe80::/10", "fc00::/7", "ff00::/8", "2001:db8::/32",
)

// privatePrefixes are the private-network ranges that the loopback switch
// admits along with loopback itself, for a cloud run on the local network.
// Link-local (cloud metadata endpoints) stays refused.
var privatePrefixes = mustPrefixes("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "fc00::/7")

func isPrivateOrLoopback(ip netip.Addr) bool {
	ip = canonicalAddr(ip)
	if ip.IsLoopback() {
		return true
	}
	for _, p := range privatePrefixes {
		if p.Contains(ip) {
			return true
		}
	}
	return false
}

func mustPrefixes(ss ...string) []netip.Prefix {
	out := make([]netip.Prefix, len(ss))
	for i, s := range ss {
		out[i] = netip.MustParsePrefix(s)
	}
	return out
}

// unsafeTargetError is every refusal by the guard.
type unsafeTargetError struct{ reason string }

func (e *unsafeTargetError) Error() string { return "unsafe upstream target: " + e.reason }

func unsafe(format string, args ...any) error {
	return &unsafeTargetError{reason: fmt.Sprintf(format, args...)}
}

// guard refuses outbound connections to anything but public addresses. With
// allowLoopback (local use and tests) loopback and private-network addresses
// and plain http to them are allowed too; link-local, multicast and reserved
// space never are.
type guard struct {
	allowLoopback bool
	lookup        func(ctx context.Context, host string) ([]netip.Addr, error)
	dialer        net.Dialer
}

// nat64Prefix is the well-known NAT64 prefix (RFC 6052): its addresses
// reach the IPv4 address in their last four bytes, which is what must be
// checked. localNAT64Prefix (RFC 8215) is for local translators only.
var (
	nat64Prefix      = netip.MustParsePrefix("64:ff9b::/96")
	localNAT64Prefix = netip.MustParsePrefix("64:ff9b:1::/48")
)

// canonicalAddr strips what would make a prefix test miss: an IPv6 zone
// (netip.Prefix.Contains is always false for a zoned address, yet
// [::1%lo] dials loopback), the IPv4-mapped form, and NAT64 translation.
func canonicalAddr(ip netip.Addr) netip.Addr {
	ip = ip.WithZone("").Unmap()
	if nat64Prefix.Contains(ip) {
		b := ip.As16()
		return netip.AddrFrom4([4]byte(b[12:]))
	}
	return ip
}

func (g *guard) checkAddr(ip netip.Addr) error {
	ip = canonicalAddr(ip)
	if g.allowLoopback && isPrivateOrLoopback(ip) {
		return nil
	}
	if localNAT64Prefix.Contains(ip) {
		return unsafe("%s is a local-use NAT64 address", ip)
	}
	for _, p := range blockedPrefixes {
		if p.Contains(ip) {
			return unsafe("%s is a private, loopback or reserved address", ip)
		}
	}
	return nil
}

func (g *guard) checkHostname(host string) error {
	h := strings.ToLower(strings.TrimSuffix(host, "."))
	if ip, err := netip.ParseAddr(h); err == nil {
		return g.checkAddr(ip)
	}
	if h == "localhost" || strings.HasSuffix(h, ".localhost") {
		if g.allowLoopback {
			return nil
		}
		return unsafe("%s is a loopback name", host)
	}
	if strings.HasSuffix(h, ".local") || h == "" {
		return unsafe("%q is not a public host name", host)
	}
	return nil
}

// dialContext resolves the host itself and checks every answer before
// connecting, so a name that resolves (or is rebound) to a private address
// is refused; a lookup failure fails closed.
func (g *guard) dialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, err
	}
	if err := g.checkHostname(host); err != nil {
		return nil, err
	}
	var ips []netip.Addr
	if ip, err := netip.ParseAddr(host); err == nil {
		ips = []netip.Addr{ip}
	} else if ips, err = g.lookup(ctx, host); err != nil {
		return nil, err
	}
	if len(ips) == 0 {
		return nil, fmt.Errorf("no addresses for %s", host)
	}
	for _, ip := range ips {
		if err := g.checkAddr(ip); err != nil {
			return nil, err
		}
	}
	var lastErr error
	for _, ip := range ips {
		conn, err := g.dialer.DialContext(ctx, network, net.JoinHostPort(ip.Unmap().String(), port))
		if err == nil {
			return conn, nil
		}
		lastErr = err
	}
	return nil, lastErr
}

func systemLookup(ctx context.Context, host string) ([]netip.Addr, error) {
	return net.DefaultResolver.LookupNetIP(ctx, "ip", host)
}

// DefaultSiteURL is Eliza Cloud's public site.
const DefaultSiteURL = "https://www.elizacloud.ai"

// NormalizeSiteURL turns a configured cloud URL into the site base: empty
// means DefaultSiteURL; a trailing "/" or "/api/v1", query and fragment are
// dropped; bare elizacloud.ai becomes www.elizacloud.ai (the apex only
// redirects). It must be https with a public host unless allowLoopback,
// which also admits loopback and private-network hosts and http to them. Refusals are KindInvalid with
// code UNSAFE_UPSTREAM_URL.
func NormalizeSiteURL(raw string, allowLoopback bool) (*url.URL, error) {
	bad := func(why string) (*url.URL, error) {
		return nil, domain.Errorf(domain.KindInvalid, "Eliza Cloud base URL refused: %s", why).WithCode(domain.CodeUnsafeUpstream)
	}
	raw = strings.TrimSpace(raw)
	if raw == "" {
		raw = DefaultSiteURL
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || u.Opaque != "" {
		return bad("not an absolute URL")
	}
	if u.User != nil {
		return bad("credentials in the URL are not allowed")
	}
	g := &guard{allowLoopback: allowLoopback}
	if err := g.checkHostname(u.Hostname()); err != nil {
		return bad(err.(*unsafeTargetError).reason)
	}
	switch u.Scheme {
	case "https":
	case "http":
		if !allowLoopback || !isLocalHost(u.Hostname()) {
			return bad("https is required")
		}
	default:
		return bad("https is required")
	}
	if strings.EqualFold(u.Hostname(), "elizacloud.ai") {
		u.Host = "www.elizacloud.ai"
		if p := u.Port(); p != "" {
			u.Host += ":" + p
		}
	}
	path := strings.TrimRight(u.Path, "/")
	path = strings.TrimSuffix(path, "/api/v1")
	return &url.URL{Scheme: u.Scheme, Host: strings.ToLower(u.Host), Path: strings.TrimRight(path, "/")}, nil
}

// isLocalHost reports a literal loopback or private address, or localhost.
func isLocalHost(h string) bool {
	if ip, err := netip.ParseAddr(h); err == nil {
		return isPrivateOrLoopback(ip)
	}
	h = strings.ToLower(h)
	return h == "localhost" || strings.HasSuffix(h, ".localhost")
}
