package transport_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mr-tron/base58"

	"github.com/agentwallet/agentwallet/adapters/keystore"
	"github.com/agentwallet/agentwallet/adapters/sqlite"
	"github.com/agentwallet/agentwallet/app"
	"github.com/agentwallet/agentwallet/domain"
	"github.com/agentwallet/agentwallet/transport"
)

const (
	testToken    = "test-api-token-0123456789abcdef"
	testHost     = "127.0.0.1:2138"
	hardhatKey   = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"
	hardhatAddr  = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"
	cheapKDFTime = 1
)

// cheapKDF keeps passphrase keystores fast in tests.
var cheapKDF = keystore.KDFParams{Time: cheapKDFTime, MemoryKiB: 64, Threads: 1}

// env is one app on a temp state dir and its router.
type env struct {
	t      testing.TB
	dir    string
	cfg    app.Config
	app    *app.App
	router http.Handler
	// bodies collects every response body, so tests can check that no key
	// leaked outside export.
	bodies []string
}

// newEnv builds a real app on a fresh temp dir; mutate may adjust the config.
func newEnv(t testing.TB, mutate func(*app.Config)) *env {
	t.Helper()
	cfg := app.DefaultConfig()
	cfg.StateDir = t.TempDir()
	cfg.APIToken = app.Secret(testToken)
	if mutate != nil {
		mutate(&cfg)
	}
	return openEnv(t, cfg)
}

// openEnv opens an app on cfg (for restarts on the same state dir).
func openEnv(t testing.TB, cfg app.Config) *env {
	t.Helper()
	a, err := app.New(context.Background(), cfg, app.Options{KDF: cheapKDF})
	if err != nil {
		t.Fatalf("app.New: %v", err)
	}
	e := &env{t: t, dir: cfg.StateDir, cfg: cfg, app: a, router: transport.NewRouter(transport.Deps{App: a})}
	t.Cleanup(func() { e.close() })
	return e
}

func (e *env) close() {
	if e.app != nil {
		e.app.Close()
		e.app = nil
	}
}

// response is a recorded answer with its decoded JSON body.
type response struct {
	status int
	header http.Header
	raw    string
	body   map[string]any
}

// req describes one request; the zero value is an authenticated GET with a
// loopback Host.
type req struct {
	method  string
	path    string
	body    string
	headers map[string]string
	noAuth  bool
	host    string
}

func (e *env) do(r req) response {
	e.t.Helper()
	if r.method == "" {
		r.method = http.MethodGet
	}
	var body io.Reader
	if r.body != "" {
		body = strings.NewReader(r.body)
	}
	hr := httptest.NewRequest(r.method, r.path, body)
	hr.Host = testHost
	if r.host != "" {
		hr.Host = r.host
	}
	if r.body != "" {
		hr.Header.Set("Content-Type", "application/json")
	}
	if !r.noAuth {
		hr.Header.Set("Authorization", "Bearer "+testToken)
	}
	for k, v := range r.headers {
		hr.Header.Set(k, v)
	}
	return e.serve(hr)
}

func (e *env) serve(hr *http.Request) response {
	e.t.Helper()
	rec := httptest.NewRecorder()
	e.router.ServeHTTP(rec, hr)
	res := response{status: rec.Code, header: rec.Header(), raw: rec.Body.String()}
	e.bodies = append(e.bodies, res.raw)
	if res.raw != "" {
		if err := json.Unmarshal(rec.Body.Bytes(), &res.body); err != nil {
			e.t.Fatalf("%s %s: response is not a JSON object: %v\n%s", hr.Method, hr.URL.Path, err, res.raw)
		}
	}
	return res
}

func (e *env) post(path, body string) response {
	e.t.Helper()
	return e.do(req{method: http.MethodPost, path: path, body: body})
}

// wantStatus fails unless res has status, and for errors the envelope with
// code (any code when code is "").
func wantStatus(t testing.TB, res response, status int, code string) {
	t.Helper()
	if res.status != status {
		t.Fatalf("status = %d, want %d; body %s", res.status, status, res.raw)
	}
	if status >= 400 {
		wantEnvelope(t, res, code)
	}
}

// wantEnvelope checks the spec's error envelope: non-empty error and code.
func wantEnvelope(t testing.TB, res response, code string) {
	t.Helper()
	msg, _ := res.body["error"].(string)
	got, _ := res.body["code"].(string)
	if msg == "" || got == "" {
		t.Fatalf("error body lacks error/code: %s", res.raw)
	}
	if code != "" && got != code {
		t.Fatalf("code = %q, want %q; body %s", got, code, res.raw)
	}
}

// addresses reads GET /api/wallet/addresses.
func (e *env) addresses() (evm, sol any) {
	e.t.Helper()
	res := e.do(req{path: "/api/wallet/addresses"})
	wantStatus(e.t, res, http.StatusOK, "")
	return res.body["evmAddress"], res.body["solanaAddress"]
}

// auditOutcomes reads the export audit log through a fresh store on the
// state dir's database, oldest first.
func auditOutcomes(t testing.TB, dir string) []domain.AuditEntry {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(dir, "agentwallet.db"))
	if err != nil {
		t.Fatalf("sqlite.Open: %v", err)
	}
	defer st.Close()
	es, err := st.AuditEntries(context.Background(), "wallet.export", 1000)
	if err != nil {
		t.Fatalf("AuditEntries: %v", err)
	}
	for i, j := 0, len(es)-1; i < j; i, j = i+1, j-1 {
		es[i], es[j] = es[j], es[i]
	}
	return es
}

// solanaTestKey is a fixed ed25519 key: its base58 64-byte form, JSON
// array form, and address.
func solanaTestKey(t testing.TB) (b58, jsonArray, addr string) {
	t.Helper()
	seed := bytes.Repeat([]byte{7}, ed25519.SeedSize)
	priv := ed25519.NewKeyFromSeed(seed)
	nums := make([]int, len(priv))
	for i, b := range priv {
		nums[i] = int(b)
	}
	arr, err := json.Marshal(nums)
	if err != nil {
		t.Fatal(err)
	}
	return base58.Encode(priv), string(arr), base58.Encode(priv[ed25519.SeedSize:])
}

// keyForms returns the textual forms a secret could leak in.
func keyForms(secret string) []string {
	s := strings.TrimPrefix(secret, "0x")
	forms := []string{s, strings.ToUpper(s)}
	if b, err := hex.DecodeString(s); err == nil {
		forms = append(forms, base58.Encode(b))
	} else if b, err := base58.Decode(secret); err == nil {
		forms = append(forms, hex.EncodeToString(b), hex.EncodeToString(b[:32]))
	}
	return forms
}

// noKeyIn fails if any response body collected so far (other than those at
// the indexes in skip) contains a form of secret.
func (e *env) noKeyIn(secret string, skip map[int]bool) {
	e.t.Helper()
	for i, b := range e.bodies {
		if skip[i] {
			continue
		}
		for _, f := range keyForms(secret) {
			if strings.Contains(strings.ToLower(b), strings.ToLower(f)) {
				e.t.Fatalf("response %d leaks a private key: %s", i, b)
			}
		}
	}
}
