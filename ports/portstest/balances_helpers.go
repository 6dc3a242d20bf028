package portstest

import (
	"context"
	"testing"
	"time"

	"github.com/agentwallet/agentwallet/domain"
)

// hangBudget is how long a suite lets a call against a hung upstream run
// before its context ends. Only the error kind is asserted, never the time.
const hangBudget = 100 * time.Millisecond

// Fixed test addresses.
const (
	OwnerA = "0x1111111111111111111111111111111111111111"
	OwnerB = "0x2222222222222222222222222222222222222222"
	TokenX = "0xaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	TokenY = "0xbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
)

func testCtx(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func wantErrKind(t *testing.T, err error, k domain.Kind) {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want kind %v", k)
	}
	if got := domain.KindOf(err); got != k {
		t.Fatalf("error %v has kind %v, want %v", err, got, k)
	}
}

func mainnet(slug string) domain.EVMChain {
	for _, c := range domain.EVMChains(domain.NetworkMainnet) {
		if c.Slug == slug {
			return c
		}
	}
	panic("no chain " + slug)
}
