package transport_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/agentwallet/agentwallet/adapters/alchemy/alchemyfake"
	"github.com/agentwallet/agentwallet/adapters/birdeye/birdeyefake"
	"github.com/agentwallet/agentwallet/adapters/helius/heliusfake"
	"github.com/agentwallet/agentwallet/adapters/keystore"
	"github.com/agentwallet/agentwallet/app"
	"github.com/agentwallet/agentwallet/transport"
)

const (
	balToken   = "balances-test-token-0123456789"
	balHost    = "127.0.0.1:2138"
	balEVMKey  = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"
	balEVMAddr = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"
)

// balClock is a clock the test moves.
type balClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *balClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *balClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// balEnv is a real app on a temp dir whose providers point at the three
// fakes, with an EVM key imported and a Solana key generated.
type balEnv struct {
	t       testing.TB
	cfg     app.Config
	app     *app.App
	router  http.Handler
	clock   *balClock
	alchemy *alchemyfake.Fake
	helius  *heliusfake.Fake
	birdeye *birdeyefake.Fake
	solAddr string
}

// newBalEnv builds the env; withKeys puts provider keys in the config (as
// the environment would).
func newBalEnv(t testing.TB, withKeys bool, mutate func(*app.Config)) *balEnv {
	t.Helper()
	e := &balEnv{
		t:       t,
		clock:   &balClock{now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)},
		alchemy: alchemyfake.New("alchemy-secret-key").Start(),
		helius:  heliusfake.New("helius-secret-key").Start(),
		birdeye: birdeyefake.New("birdeye-secret-key").Start(),
	}
	t.Cleanup(func() { e.alchemy.Close(); e.helius.Close(); e.birdeye.Close() })
	cfg := app.DefaultConfig()
	cfg.StateDir = t.TempDir()
	cfg.APIToken = app.Secret(balToken)
	cfg.Providers.AlchemyBaseURL = e.alchemy.BaseURL()
	cfg.Providers.AlchemyPricesBaseURL = e.alchemy.PricesBaseURL()
	cfg.Providers.HeliusBaseURL = e.helius.BaseURL()
	cfg.Providers.BirdeyeBaseURL = e.birdeye.BaseURL()
	if withKeys {
		cfg.Providers.AlchemyAPIKey = "alchemy-secret-key"
		cfg.Providers.HeliusAPIKey = "helius-secret-key"
		cfg.Providers.BirdeyeAPIKey = "birdeye-secret-key"
	}
	if mutate != nil {
		mutate(&cfg)
	}
	e.cfg = cfg
	e.open()
	ctx := context.Background()
	if _, err := e.app.Wallets.Import(ctx, app.ImportInput{PrivateKey: balEVMKey, Chain: "evm"}); err != nil {
		t.Fatal(err)
	}
	res, err := e.app.Wallets.Generate(ctx, app.GenerateInput{Chain: "solana"})
	if err != nil {
		t.Fatal(err)
	}
	e.solAddr = res.Wallets[0].Address
	return e
}

// open (re)opens the app on the env's state dir.
func (e *balEnv) open() {
	e.t.Helper()
	a, err := app.New(context.Background(), e.cfg, app.Options{Clock: e.clock, KDF: keystore.KDFParams{Time: 1, MemoryKiB: 64, Threads: 1}})
	if err != nil {
		e.t.Fatalf("app.New: %v", err)
	}
	e.app = a
	e.router = transport.NewRouter(transport.Deps{App: a})
	e.t.Cleanup(func() { a.Close() })
}

// call sends an authenticated request and decodes the JSON object answer.
func (e *balEnv) call(method, path, body string) (int, map[string]any, string) {
	e.t.Helper()
	var r *http.Request
	if body != "" {
		r = httptest.NewRequest(method, path, strings.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
	} else {
		r = httptest.NewRequest(method, path, nil)
	}
	r.Host = balHost
	r.Header.Set("Authorization", "Bearer "+balToken)
	rec := httptest.NewRecorder()
	e.router.ServeHTTP(rec, r)
	var out map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
		e.t.Fatalf("%s %s: not a JSON object: %v\n%s", method, path, err, rec.Body.String())
	}
	return rec.Code, out, rec.Body.String()
}

// mustGet GETs path and fails unless the answer is 200.
func (e *balEnv) mustGet(path string) (map[string]any, string) {
	e.t.Helper()
	code, body, raw := e.call(http.MethodGet, path, "")
	if code != http.StatusOK {
		e.t.Fatalf("GET %s = %d: %s", path, code, raw)
	}
	return body, raw
}

func (e *balEnv) upstreamRequests() int {
	return e.alchemy.Requests(alchemyfake.ScopeAll) + e.helius.Requests() + e.birdeye.Requests("")
}

func (e *balEnv) resetCounters() {
	e.alchemy.ResetCounters()
	e.helius.ResetCounters()
	e.birdeye.ResetCounters()
}

func newUnauthenticated(path string) *http.Request {
	r := httptest.NewRequest(http.MethodGet, path, nil)
	r.Host = balHost
	return r
}

func serveBal(e *balEnv, r *http.Request) int {
	rec := httptest.NewRecorder()
	e.router.ServeHTTP(rec, r)
	return rec.Code
}

// assertNoSecrets fails if a provider key shows up in a response.
func assertNoSecrets(t testing.TB, raw string) {
	t.Helper()
	for _, s := range []string{"alchemy-secret-key", "helius-secret-key", "birdeye-secret-key"} {
		if strings.Contains(raw, s) {
			t.Fatalf("response leaks %s: %s", s, raw)
		}
	}
}
