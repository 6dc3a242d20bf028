package transport_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/agentwallet/agentwallet/adapters/elizacloud/elizacloudfake"
	"github.com/agentwallet/agentwallet/app"
	"github.com/agentwallet/agentwallet/domain"
	"github.com/agentwallet/agentwallet/transport"
)

// cloudEnv is a real daemon (app + router on a temp state dir) whose cloud
// is the Eliza Cloud fake on 127.0.0.1.
type cloudEnv struct {
	t    *testing.T
	fake *elizacloudfake.Fake
	srv  *httptest.Server
	cfg  app.Config
	app  *app.App
	h    http.Handler
}

func newCloudEnv(t *testing.T, fopts elizacloudfake.Options, mutate func(*app.Config)) *cloudEnv {
	t.Helper()
	e := &cloudEnv{t: t, fake: elizacloudfake.New(fopts)}
	e.srv = httptest.NewServer(e.fake)
	t.Cleanup(e.srv.Close)
	cfg := app.DefaultConfig()
	cfg.StateDir = t.TempDir()
	cfg.APIToken = "test-token"
	cfg.AllowLoopbackUpstreams = true
	cfg.Cloud.BaseURL = e.srv.URL
	cfg.Cloud.ProvisionPoll = time.Millisecond
	cfg.Cloud.ProvisionWait = 5 * time.Second
	if mutate != nil {
		mutate(&cfg)
	}
	e.cfg = cfg
	e.start()
	return e
}

func (e *cloudEnv) start() {
	e.t.Helper()
	a, err := app.New(context.Background(), e.cfg, app.Options{})
	if err != nil {
		e.t.Fatalf("app.New: %v", err)
	}
	e.app = a
	e.h = transport.NewRouter(transport.Deps{App: a})
	e.t.Cleanup(func() { _ = a.Close() })
}

// restart stops the daemon and starts it again on the same state dir.
func (e *cloudEnv) restart() {
	e.t.Helper()
	if err := e.app.Close(); err != nil {
		e.t.Fatal(err)
	}
	e.start()
}

// do sends a request and decodes the JSON answer.
func (e *cloudEnv) do(method, path string, body any) (int, map[string]any) {
	e.t.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			e.t.Fatal(err)
		}
		rd = bytes.NewReader(b)
	}
	req := httptest.NewRequest(method, path, rd)
	req.Host = "127.0.0.1"
	req.Header.Set("Authorization", "Bearer test-token")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	rec := httptest.NewRecorder()
	e.h.ServeHTTP(rec, req)
	var out map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
		e.t.Fatalf("%s %s: answer %d is not a JSON object: %s", method, path, rec.Code, rec.Body)
	}
	return rec.Code, out
}

// login runs the whole browser login through HTTP and returns the key the
// cloud minted.
func (e *cloudEnv) login() string {
	e.t.Helper()
	code, body := e.do(http.MethodPost, "/api/cloud/login", nil)
	if code != http.StatusOK || body["ok"] != true {
		e.t.Fatalf("login = %d %v", code, body)
	}
	id, _ := body["sessionId"].(string)
	if !strings.Contains(body["browserUrl"].(string), "/auth/cli-login?session="+id) {
		e.t.Errorf("browserUrl = %v", body["browserUrl"])
	}
	path := "/api/cloud/login/status?sessionId=" + id
	if code, body = e.do(http.MethodGet, path, nil); code != http.StatusOK || body["status"] != "pending" {
		e.t.Fatalf("first poll = %d %v, want pending", code, body)
	}
	code, body = e.do(http.MethodGet, path, nil)
	key := e.fake.SessionKey(id)
	if code != http.StatusOK || body["status"] != "authenticated" || key == "" || body["keyPrefix"] != key[:12] {
		e.t.Fatalf("second poll = %d %v, want authenticated with the key's prefix", code, body)
	}
	if strings.Contains(cloudJSON(e.t, body), key) {
		e.t.Fatal("the login answer contains the whole key")
	}
	// A repeat poll (the key is no longer released) still reads authenticated.
	if code, body = e.do(http.MethodGet, path, nil); code != http.StatusOK || body["status"] != "authenticated" {
		e.t.Fatalf("repeat poll = %d %v", code, body)
	}
	return key
}

func cloudJSON(t testing.TB, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestCloudLoginFlowThenCreditsUseSavedKey(t *testing.T) {
	t.Parallel()
	e := newCloudEnv(t, elizacloudfake.Options{}, nil)
	key := e.login()
	code, body := e.do(http.MethodGet, "/api/cloud/credits", nil)
	if code != http.StatusOK || body["connected"] != true || body["balance"] != 15.5 || body["low"] != false || body["critical"] != false {
		t.Fatalf("credits = %d %v", code, body)
	}
	reqs := e.fake.Requests()
	last := reqs[len(reqs)-1]
	if last.Path != "/api/v1/credits/balance" || last.Header.Get("X-API-Key") != key {
		t.Errorf("credits call went to %s with key %q, want the saved key", last.Path, last.Header.Get("X-API-Key"))
	}
	code, body = e.do(http.MethodGet, "/api/cloud/status", nil)
	if code != http.StatusOK || body["connected"] != true || body["hasApiKey"] != true || body["userId"] != "user-123" || body["organizationId"] != "org-456" {
		t.Errorf("status = %d %v", code, body)
	}
}

func TestCloudLoginSurvivesRestartAndKeyIsSealed(t *testing.T) {
	t.Parallel()
	e := newCloudEnv(t, elizacloudfake.Options{}, nil)
	key := e.login()
	e.restart()
	if code, body := e.do(http.MethodGet, "/api/cloud/credits", nil); code != http.StatusOK || body["connected"] != true || body["balance"] != 15.5 {
		t.Fatalf("credits after restart = %d %v", code, body)
	}
	raw, err := readStateDir(e.cfg.StateDir)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(raw, []byte(key)) || bytes.Contains(raw, []byte(key[6:30])) {
		t.Error("the cloud API key is stored in clear in the state directory")
	}
}

func TestCloudDisconnectThenCreditsNotConnected(t *testing.T) {
	t.Parallel()
	e := newCloudEnv(t, elizacloudfake.Options{}, func(c *app.Config) { c.Cloud.APIKey = "eliza_configured_key_0000000000" })
	e.login()
	// Disconnect needs no cloud: make every cloud call fail.
	e.srv.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { t.Errorf("disconnect called the cloud: %s", r.URL) })
	code, body := e.do(http.MethodPost, "/api/cloud/disconnect", nil)
	if code != http.StatusOK || body["ok"] != true || body["status"] != "disconnected" {
		t.Fatalf("disconnect = %d %v", code, body)
	}
	code, body = e.do(http.MethodGet, "/api/cloud/credits", nil)
	if code != http.StatusOK || body["connected"] != false || body["balance"] != nil {
		t.Fatalf("credits after disconnect = %d %v", code, body)
	}
	code, body = e.do(http.MethodGet, "/api/cloud/status", nil)
	if body["connected"] != false || body["hasApiKey"] != false || body["userId"] != nil || body["organizationId"] != nil || body["topUpUrl"] == "" {
		t.Errorf("status after disconnect = %d %v", code, body)
	}
	// The configured key must not come back after a restart.
	e.restart()
	if _, body = e.do(http.MethodGet, "/api/cloud/status", nil); body["hasApiKey"] != false {
		t.Errorf("the configured key came back after disconnect and restart: %v", body)
	}
}

func TestCloudCreditsThresholdsAndAuthRejected(t *testing.T) {
	t.Parallel()
	e := newCloudEnv(t, elizacloudfake.Options{}, nil)
	key := e.login()
	tests := []struct {
		balance       string
		want          float64
		low, critical bool
	}{
		{"1.25", 1.25, true, false},
		{"0.3", 0.3, true, true},
		{"2", 2, false, false},
	}
	for _, tt := range tests {
		e.fake.SetBalance(tt.balance)
		_, body := e.do(http.MethodGet, "/api/cloud/credits", nil)
		if body["balance"] != tt.want || body["low"] != tt.low || body["critical"] != tt.critical {
			t.Errorf("balance %s: credits = %v", tt.balance, body)
		}
	}
	e.fake.RevokeKey(key)
	code, body := e.do(http.MethodGet, "/api/cloud/credits", nil)
	if code != http.StatusOK || body["authRejected"] != true || body["connected"] != true || body["balance"] != nil || body["error"] == "" {
		t.Errorf("credits with a revoked key = %d %v", code, body)
	}
	e.fake.SetFault("/api/v1/credits/balance", elizacloudfake.Fault{Status: 500})
	code, body = e.do(http.MethodGet, "/api/cloud/credits", nil)
	if code != http.StatusOK || body["authRejected"] != nil || body["error"] == nil {
		t.Errorf("credits with a failing cloud = %d %v", code, body)
	}
}

func TestCloudCustomThresholds(t *testing.T) {
	t.Parallel()
	e := newCloudEnv(t, elizacloudfake.Options{Balance: "4"}, func(c *app.Config) {
		c.Cloud.CreditsLow, c.Cloud.CreditsCritical = "5", "1"
	})
	e.login()
	if _, body := e.do(http.MethodGet, "/api/cloud/credits", nil); body["low"] != true || body["critical"] != false {
		t.Errorf("credits 4 against 5/1 = %v", body)
	}
}

func TestCloudLoginStatusBranches(t *testing.T) {
	t.Parallel()
	e := newCloudEnv(t, elizacloudfake.Options{}, nil)
	if code, body := e.do(http.MethodGet, "/api/cloud/login/status", nil); code != http.StatusBadRequest || body["status"] != "error" {
		t.Errorf("without sessionId = %d %v", code, body)
	}
	_, body := e.do(http.MethodPost, "/api/cloud/login", nil)
	id := body["sessionId"].(string)
	e.fake.ExpireSession(id)
	if code, body := e.do(http.MethodGet, "/api/cloud/login/status?sessionId="+id, nil); code != http.StatusOK || body["status"] != "expired" {
		t.Errorf("expired = %d %v", code, body)
	}
	e.fake.SetFault("/api/auth/cli-session/"+id, elizacloudfake.Fault{Status: 500})
	if code, body := e.do(http.MethodGet, "/api/cloud/login/status?sessionId="+id, nil); code != http.StatusOK || body["status"] != "error" {
		t.Errorf("upstream 500 = %d %v", code, body)
	}
	e.fake.SetFault("/api/auth/cli-session/"+id, elizacloudfake.Fault{Malformed: true})
	if code, body := e.do(http.MethodGet, "/api/cloud/login/status?sessionId="+id, nil); code != http.StatusBadGateway || body["status"] != "error" {
		t.Errorf("malformed = %d %v", code, body)
	}
}

func TestCloudLoginRedirectRefused(t *testing.T) {
	t.Parallel()
	e := newCloudEnv(t, elizacloudfake.Options{}, nil)
	e.fake.SetRedirect("/api/auth/cli-session", e.srv.URL+"/elsewhere")
	code, body := e.do(http.MethodPost, "/api/cloud/login", nil)
	if code != http.StatusBadGateway || body["code"] != domain.CodeUpstreamRedirect {
		t.Fatalf("login through a redirect = %d %v, want 502", code, body)
	}
	e.fake.SetRedirect("/api/auth/cli-session", "")
	e.fake.SetFault("/api/auth/cli-session", elizacloudfake.Fault{Status: 500})
	if code, _ := e.do(http.MethodPost, "/api/cloud/login", nil); code != http.StatusBadGateway {
		t.Errorf("login with upstream 500 = %d, want 502", code)
	}
	// The cloud refusing our request is not the caller's mistake: 502, not 400.
	e.fake.SetFault("/api/auth/cli-session", elizacloudfake.Fault{Status: 400})
	if code, body := e.do(http.MethodPost, "/api/cloud/login", nil); code != http.StatusBadGateway {
		t.Errorf("login with upstream 400 = %d %v, want 502", code, body)
	}
}

func TestCloudPrivateBaseRefusedUnlessLoopbackSwitch(t *testing.T) {
	t.Parallel()
	e := newCloudEnv(t, elizacloudfake.Options{}, func(c *app.Config) {
		c.AllowLoopbackUpstreams = false
		c.Cloud.BaseURL = "https://10.0.0.5"
	})
	code, body := e.do(http.MethodPost, "/api/cloud/login", nil)
	if code != http.StatusBadRequest || body["code"] != domain.CodeUnsafeUpstream {
		t.Fatalf("login with a private base = %d %v, want 400", code, body)
	}
	// The fake's own 127.0.0.1 base is refused too without the switch ...
	e2 := newCloudEnv(t, elizacloudfake.Options{}, func(c *app.Config) { c.AllowLoopbackUpstreams = false })
	if code, _ := e2.do(http.MethodPost, "/api/cloud/login", nil); code != http.StatusBadRequest {
		t.Errorf("login with a loopback base and the switch off = %d, want 400", code)
	}
	if e2.fake.Count(http.MethodPost, "/api/auth/cli-session") != 0 {
		t.Error("the refused base was contacted")
	}
	// ... and works with it (every other test runs with the switch on).
	e3 := newCloudEnv(t, elizacloudfake.Options{}, nil)
	if code, _ := e3.do(http.MethodPost, "/api/cloud/login", nil); code != http.StatusOK {
		t.Errorf("login with the switch on = %d", code)
	}
}

// readStateDir concatenates the state directory's files (database, WAL, key
// files).
func readStateDir(dir string) ([]byte, error) {
	es, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var all []byte
	for _, e := range es {
		if !e.Type().IsRegular() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		all = append(all, b...)
	}
	return all, nil
}
