package transport_test

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestAuth(t *testing.T) {
	t.Parallel()
	e := newEnv(t, nil)
	tests := []struct {
		name    string
		headers map[string]string
		status  int
	}{
		{name: "missing", status: 401},
		{name: "bearer_ok", headers: map[string]string{"Authorization": "Bearer " + testToken}, status: 200},
		{name: "bearer_lowercase_scheme_ok", headers: map[string]string{"Authorization": "bearer " + testToken}, status: 200},
		{name: "x_api_key_ok", headers: map[string]string{"X-Api-Key": testToken}, status: 200},
		{name: "bearer_wrong", headers: map[string]string{"Authorization": "Bearer wrong"}, status: 401},
		{name: "x_api_key_wrong", headers: map[string]string{"X-Api-Key": "wrong"}, status: 401},
		{name: "bearer_empty", headers: map[string]string{"Authorization": "Bearer "}, status: 401},
		{name: "token_prefix", headers: map[string]string{"Authorization": "Bearer " + testToken[:len(testToken)-1]}, status: 401},
		{name: "token_longer", headers: map[string]string{"Authorization": "Bearer " + testToken + "x"}, status: 401},
		{name: "basic_scheme", headers: map[string]string{"Authorization": "Basic " + testToken}, status: 401},
		{name: "wrong_bearer_beats_good_api_key", headers: map[string]string{"Authorization": "Bearer wrong", "X-Api-Key": testToken}, status: 401},
	}
	paths := []struct{ method, path, body string }{
		{http.MethodGet, "/api/wallet/addresses", ""},
		{http.MethodPost, "/api/wallet/generate", `{"chain":"bitcoin"}`},
		{http.MethodPost, "/api/wallet/import", `{}`},
		{http.MethodPost, "/api/wallet/export", `{}`},
	}
	for _, tc := range tests {
		for _, p := range paths {
			res := e.do(req{method: p.method, path: p.path, body: p.body, headers: tc.headers, noAuth: true})
			if tc.status == 401 {
				wantStatus(t, res, 401, "UNAUTHORIZED")
				continue
			}
			if res.status == 401 {
				t.Errorf("%s %s %s: authenticated request got 401", tc.name, p.method, p.path)
			}
		}
	}
	// A refused request must not have reached the export guard (no audit).
	if es := auditOutcomes(t, e.dir); len(es) != 3 {
		t.Fatalf("audit has %d entries, want 3 (only the authenticated exports): %+v", len(es), es)
	}
}

func TestHealthAndReadyNeedNoAuth(t *testing.T) {
	t.Parallel()
	e := newEnv(t, nil)
	for _, p := range []string{"/healthz", "/readyz"} {
		res := e.do(req{path: p, noAuth: true})
		wantStatus(t, res, 200, "")
		if res.body["ok"] != true {
			t.Fatalf("%s = %s", p, res.raw)
		}
	}
}

func TestReadyz_503_when_store_closed(t *testing.T) {
	t.Parallel()
	e := newEnv(t, nil)
	e.app.Close()
	res := e.do(req{path: "/readyz", noAuth: true})
	if res.status != http.StatusServiceUnavailable || res.body["ok"] != false {
		t.Fatalf("readyz with a closed store = %d %s", res.status, res.raw)
	}
}

func TestHostGuard(t *testing.T) {
	t.Parallel()
	e := newEnv(t, nil)
	tests := []struct {
		host   string
		status int
	}{
		{"127.0.0.1:2138", 200},
		{"localhost:2138", 200},
		{"LOCALHOST", 200},
		{"[::1]:2138", 200},
		{"evil.example", 403},
		{"evil.example:2138", 403},
		{"127.0.0.1.evil.example", 403},
		{"localhost.evil.example:2138", 403},
	}
	for _, tc := range tests {
		for _, p := range []string{"/api/wallet/addresses", "/healthz"} {
			res := e.do(req{path: p, host: tc.host})
			wantStatus(t, res, tc.status, "")
			if tc.status == 403 {
				wantEnvelope(t, res, "FORBIDDEN")
			}
		}
	}
}

func TestHostGuard_allowed_hosts_from_config(t *testing.T) {
	t.Parallel()
	e := newEnv(t, nil)
	e.close()
	cfg := e.cfg
	cfg.HTTP.AllowedHosts = []string{"wallet.internal"}
	e = openEnv(t, cfg)
	wantStatus(t, e.do(req{path: "/healthz", host: "wallet.internal:2138"}), 200, "")
	wantStatus(t, e.do(req{path: "/healthz", host: "other.internal"}), 403, "FORBIDDEN")
}

func TestOriginGuard(t *testing.T) {
	t.Parallel()
	e := newEnv(t, nil)
	tests := []struct {
		origin string
		status int
	}{
		{"http://localhost:5173", 200},
		{"http://127.0.0.1:3000", 200},
		{"app://-", 200},
		{"capacitor://localhost", 200},
		{"https://evil.example", 403},
		{"http://localhost.evil.example", 403},
		{"null", 403},
		{"file://", 403},
	}
	for _, tc := range tests {
		func() {
			res := e.do(req{path: "/api/wallet/addresses", headers: map[string]string{"Origin": tc.origin}})
			if res.status != tc.status {
				t.Fatalf("Origin %q: status %d, want %d", tc.origin, res.status, tc.status)
			}
			acao := res.header.Get("Access-Control-Allow-Origin")
			if tc.status == 200 && acao != tc.origin {
				t.Fatalf("Access-Control-Allow-Origin = %q, want %q", acao, tc.origin)
			}
			if tc.status == 403 {
				wantEnvelope(t, res, "FORBIDDEN")
				if acao != "" {
					t.Fatalf("refused origin got Access-Control-Allow-Origin %q", acao)
				}
			}
		}()
	}
}

func TestOriginGuard_preflight(t *testing.T) {
	t.Parallel()
	e := newEnv(t, nil)
	for _, path := range []string{"/api/wallet/export", "/api/wallet/addresses"} {
		hr := httptest.NewRequest(http.MethodOptions, path, nil)
		hr.Host = testHost
		hr.Header.Set("Origin", "http://localhost:5173")
		hr.Header.Set("Access-Control-Request-Method", "POST")
		hr.Header.Set("Access-Control-Request-Headers", "authorization, content-type")
		rec := httptest.NewRecorder()
		e.router.ServeHTTP(rec, hr)
		if rec.Code != http.StatusNoContent {
			t.Fatalf("preflight %s = %d %s, want 204", path, rec.Code, rec.Body)
		}
		h := rec.Header()
		if h.Get("Access-Control-Allow-Origin") != "http://localhost:5173" {
			t.Fatalf("preflight ACAO = %q", h.Get("Access-Control-Allow-Origin"))
		}
		if !strings.Contains(h.Get("Access-Control-Allow-Methods"), "POST") ||
			!strings.Contains(strings.ToLower(h.Get("Access-Control-Allow-Headers")), "authorization") {
			t.Fatalf("preflight headers = %v", h)
		}
	}
	hr := httptest.NewRequest(http.MethodOptions, "/api/wallet/export", nil)
	hr.Host = testHost
	hr.Header.Set("Origin", "https://evil.example")
	rec := httptest.NewRecorder()
	e.router.ServeHTTP(rec, hr)
	if rec.Code != http.StatusForbidden || rec.Header().Get("Access-Control-Allow-Origin") != "" {
		t.Fatalf("evil preflight = %d %v", rec.Code, rec.Header())
	}
}

func TestOriginGuard_null_origin_opt_in(t *testing.T) {
	t.Parallel()
	e := newEnv(t, nil)
	e.close()
	cfg := e.cfg
	cfg.HTTP.AllowNullOrigin = true
	cfg.HTTP.AllowedOrigins = []string{"https://app.example.com"}
	e = openEnv(t, cfg)
	for _, o := range []string{"null", "https://app.example.com"} {
		wantStatus(t, e.do(req{path: "/api/wallet/addresses", headers: map[string]string{"Origin": o}}), 200, "")
	}
	wantStatus(t, e.do(req{path: "/api/wallet/addresses", headers: map[string]string{"Origin": "https://other.example.com"}}), 403, "FORBIDDEN")
}

func TestBodyLimit(t *testing.T) {
	t.Parallel()
	e := newEnv(t, nil)
	big := `{"privateKey":"` + strings.Repeat("a", 1<<20) + `"}`
	for _, path := range []string{"/api/wallet/import", "/api/wallet/generate", "/api/wallet/export"} {
		// With a Content-Length.
		wantStatus(t, e.post(path, big), http.StatusRequestEntityTooLarge, "PAYLOAD_TOO_LARGE")
		// Streamed, without a Content-Length.
		hr := httptest.NewRequest(http.MethodPost, path, io.MultiReader(bytes.NewReader([]byte(big))))
		hr.ContentLength = -1
		hr.Host = testHost
		hr.Header.Set("Authorization", "Bearer "+testToken)
		wantStatus(t, e.serve(hr), http.StatusRequestEntityTooLarge, "PAYLOAD_TOO_LARGE")
	}
	if evm, sol := e.addresses(); evm != nil || sol != nil {
		t.Fatalf("an oversized request changed state: %v %v", evm, sol)
	}
	// Just under the limit is parsed (and refused for its content, not its size).
	under := `{"chain":"evm","pad":"` + strings.Repeat(" ", (1<<20)-40) + `"}`
	if len(under) > 1<<20 {
		t.Fatalf("test body %d bytes is over the limit", len(under))
	}
	wantStatus(t, e.post("/api/wallet/generate", under), 200, "")
}

func TestBodyDecoding(t *testing.T) {
	t.Parallel()
	e := newEnv(t, nil)
	tests := []struct {
		name  string
		body  string
		field string // the error must name it
	}{
		{name: "malformed", body: `{"chain":`},
		{name: "not_json", body: `chain=evm`},
		{name: "array", body: `[]`},
		{name: "number", body: `42`},
		{name: "null", body: `null`},
		{name: "string", body: `"evm"`},
		{name: "trailing_garbage", body: `{}{}`},
		{name: "trailing_text", body: `{} x`},
		{name: "trailing_brace", body: `{}}`},
		{name: "trailing_bracket", body: `{"chain":"evm"}]`},
		{name: "bool_as_string", body: `{"replace":"yes"}`, field: "replace"},
		{name: "string_as_number", body: `{"chain":5}`, field: "chain"},
	}
	for _, tc := range tests {
		for _, path := range []string{"/api/wallet/generate", "/api/wallet/import", "/api/wallet/export"} {
			if tc.field != "" && path != "/api/wallet/generate" {
				continue // only generate has both replace and chain
			}
			res := e.post(path, tc.body)
			if res.status != http.StatusBadRequest {
				t.Errorf("%s %s: status %d, want 400; body %s", tc.name, path, res.status, res.raw)
				continue
			}
			wantEnvelope(t, res, "INVALID_REQUEST")
			if tc.field != "" && !strings.Contains(res.body["error"].(string), tc.field) {
				t.Errorf("%s: error %q does not name field %q", tc.name, res.body["error"], tc.field)
			}
		}
	}
	res := e.post("/api/wallet/export", `{"confirm":"yes"}`)
	wantStatus(t, res, 400, "INVALID_REQUEST")
	if !strings.Contains(res.body["error"].(string), "confirm") {
		t.Fatalf("error %q does not name the field confirm", res.body["error"])
	}
	if es := auditOutcomes(t, e.dir); len(es) != 0 {
		t.Fatalf("malformed export bodies reached the audit log: %+v", es)
	}
	if evm, sol := e.addresses(); evm != nil || sol != nil {
		t.Fatalf("bad bodies changed state: %v %v", evm, sol)
	}
}

func TestUnknownRouteAndMethod(t *testing.T) {
	t.Parallel()
	e := newEnv(t, nil)
	for _, p := range []string{"/nope", "/api/nope", "/api/wallet/keys"} {
		wantStatus(t, e.do(req{path: p}), 404, "NOT_FOUND")
		wantStatus(t, e.do(req{path: p, noAuth: true}), 404, "NOT_FOUND")
	}
	res := e.do(req{method: http.MethodDelete, path: "/api/wallet/addresses"})
	if res.status != http.StatusMethodNotAllowed {
		t.Fatalf("DELETE addresses = %d", res.status)
	}
	wantEnvelope(t, res, "")
}

func TestSecurityHeaders(t *testing.T) {
	t.Parallel()
	e := newEnv(t, nil)
	cases := []req{
		{path: "/healthz", noAuth: true},
		{path: "/api/wallet/addresses"},
		{path: "/api/wallet/addresses", noAuth: true},
		{path: "/nope"},
		{path: "/healthz", host: "evil.example"},
		{method: http.MethodPost, path: "/api/wallet/export", body: `{}`},
	}
	want := map[string]string{
		"X-Content-Type-Options": "nosniff",
		"X-Frame-Options":        "DENY",
		"Cache-Control":          "no-store",
		"Referrer-Policy":        "strict-origin-when-cross-origin",
	}
	for _, c := range cases {
		res := e.do(c)
		for k, v := range want {
			if got := res.header.Get(k); got != v {
				t.Errorf("%s %s: %s = %q, want %q", c.method, c.path, k, got, v)
			}
		}
		if res.header.Get("X-Request-Id") == "" {
			t.Errorf("%s: no X-Request-Id", c.path)
		}
		if ct := res.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
			t.Errorf("%s: Content-Type %q", c.path, ct)
		}
	}
}

func TestRequestID_kept_when_sane(t *testing.T) {
	t.Parallel()
	e := newEnv(t, nil)
	res := e.do(req{path: "/healthz", headers: map[string]string{"X-Request-Id": "abc-123"}})
	if got := res.header.Get("X-Request-Id"); got != "abc-123" {
		t.Fatalf("X-Request-Id = %q", got)
	}
	res = e.do(req{path: "/healthz", headers: map[string]string{"X-Request-Id": "bad id\x7f<script>"}})
	if got := res.header.Get("X-Request-Id"); got == "" || strings.Contains(got, "script") {
		t.Fatalf("X-Request-Id = %q", got)
	}
}

func TestAuthDisabled(t *testing.T) {
	t.Parallel()
	e := newEnv(t, nil)
	e.close()
	cfg := e.cfg
	cfg.AuthDisabled = true
	e = openEnv(t, cfg)
	wantStatus(t, e.do(req{path: "/api/wallet/addresses", noAuth: true}), 200, "")
}

func BenchmarkAddresses(b *testing.B) {
	e := newEnv(b, nil)
	wantStatus(b, e.post("/api/wallet/generate", `{}`), 200, "")
	hr := httptest.NewRequest(http.MethodGet, "/api/wallet/addresses", nil)
	hr.Host = testHost
	hr.Header.Set("Authorization", "Bearer "+testToken)
	b.ReportAllocs()
	for b.Loop() {
		rec := httptest.NewRecorder()
		e.router.ServeHTTP(rec, hr)
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d", rec.Code)
		}
	}
}
