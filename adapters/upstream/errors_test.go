package upstream_test

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"testing"

	"github.com/agentwallet/agentwallet/adapters/upstream"
	"github.com/agentwallet/agentwallet/domain"
)

func TestStatusError(t *testing.T) {
	cases := []struct {
		status int
		kind   domain.Kind
		code   string
	}{
		{429, domain.KindUnavailable, upstream.CodeRateLimited},
		{401, domain.KindUnavailable, upstream.CodeAuth},
		{403, domain.KindUnavailable, upstream.CodeAuth},
		{503, domain.KindUnavailable, "UPSTREAM_UNAVAILABLE"},
		{400, domain.KindUpstream, "UPSTREAM_ERROR"},
		{404, domain.KindUpstream, "UPSTREAM_ERROR"},
	}
	for _, c := range cases {
		err := upstream.StatusError("alchemy", "op", c.status, strings.Repeat("x", 500))
		if domain.KindOf(err) != c.kind || domain.CodeOf(err) != c.code {
			t.Errorf("HTTP %d: kind %v code %s, want %v %s", c.status, domain.KindOf(err), domain.CodeOf(err), c.kind, c.code)
		}
		if len(domain.MessageOf(err)) > upstream.MaxMessageLen+60 {
			t.Errorf("HTTP %d: message not truncated (%d bytes)", c.status, len(domain.MessageOf(err)))
		}
	}
}

func TestTransportErrorDropsTheURL(t *testing.T) {
	secretURL := "https://eth-mainnet.g.alchemy.com/v2/SECRET-KEY"
	err := upstream.TransportError("alchemy", "op", context.Background(), &url.Error{Op: "Post", URL: secretURL, Err: errors.New("connection refused")})
	if strings.Contains(err.Error(), "SECRET-KEY") || domain.KindOf(err) != domain.KindUnavailable {
		t.Fatalf("err = %v (kind %v)", err, domain.KindOf(err))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 0)
	defer cancel()
	<-ctx.Done()
	if err := upstream.TransportError("helius", "op", ctx, errors.New("x")); domain.KindOf(err) != domain.KindTimeout {
		t.Fatalf("deadline err kind = %v, want timeout", domain.KindOf(err))
	}
}
