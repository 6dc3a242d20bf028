package stewardfake_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/agentwallet/agentwallet/adapters/steward/stewardfake"
	"github.com/agentwallet/agentwallet/domain"
)

// The fake is also tested in raw HTTP here, for behaviour the Go client never
// triggers on its own (it always sends an Idempotency-Key, for one).

type rawFake struct {
	t   *testing.T
	f   *stewardfake.Fake
	url string
	now time.Time
}

func newRaw(t *testing.T) *rawFake {
	t.Helper()
	rf := &rawFake{t: t, now: time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)} // a Wednesday
	rf.f = stewardfake.New(stewardfake.Options{TenantID: "t1", APIKey: "k1", Now: func() time.Time { return rf.now },
		Agents: []domain.StewardAgent{{ID: "a1", EVMAddress: "0x1111111111111111111111111111111111111111"}}})
	srv := httptest.NewServer(stewardfake.Handler(rf.f))
	t.Cleanup(srv.Close)
	rf.url = srv.URL
	return rf
}

func (rf *rawFake) do(method, path, body string, hdr map[string]string) (int, string) {
	rf.t.Helper()
	req, _ := http.NewRequest(method, rf.url+path, strings.NewReader(body))
	req.Header.Set("X-Steward-Key", "k1")
	req.Header.Set("X-Steward-Tenant", "t1")
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		rf.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestSignWithoutIdempotencyKey(t *testing.T) {
	t.Parallel()
	rf := newRaw(t)
	tx := `{"to":"0x2222222222222222222222222222222222222222","value":"1","chainId":56}`
	if code, body := rf.do("POST", "/vault/a1/sign", tx, nil); code != 428 || !strings.Contains(body, `"ok":false`) {
		t.Errorf("broadcast without key: %d %s", code, body)
	}
	noBroadcast := `{"to":"0x2222222222222222222222222222222222222222","value":"1","chainId":56,"broadcast":false}`
	if code, body := rf.do("POST", "/vault/a1/sign", noBroadcast, nil); code != 403 || !strings.Contains(body, `"results":[]`) {
		t.Errorf("sign-only with empty policy set: %d %s; want 403 with empty results", code, body)
	}
}

func TestSignValidation(t *testing.T) {
	t.Parallel()
	rf := newRaw(t)
	key := map[string]string{"Idempotency-Key": "k"}
	for _, body := range []string{
		`{`,
		`{"to":"0x12","value":"1"}`,
		`{"to":"0x2222222222222222222222222222222222222222","value":1}`,
		`{"to":"0x2222222222222222222222222222222222222222","value":"-1"}`,
		`{"to":"0x2222222222222222222222222222222222222222","value":"1.5"}`,
	} {
		if code, resp := rf.do("POST", "/vault/a1/sign", body, key); code != 400 {
			t.Errorf("%s: %d %s, want 400", body, code, resp)
		}
	}
}

func TestTimeWindowUsesInjectedClock(t *testing.T) {
	t.Parallel()
	rf := newRaw(t)
	policy := `[{"type":"time-window","enabled":true,"config":{"allowedHours":[{"start":9,"end":17}]}}]`
	if code, body := rf.do("PUT", "/agents/a1/policies", policy, nil); code != 200 {
		t.Fatalf("put: %d %s", code, body)
	}
	tx := `{"to":"0x2222222222222222222222222222222222222222","value":"1","chainId":56}`
	if code, body := rf.do("POST", "/vault/a1/sign", tx, map[string]string{"Idempotency-Key": "1"}); code != 200 {
		t.Errorf("at noon: %d %s", code, body)
	}
	rf.now = rf.now.Add(6 * time.Hour)
	if code, body := rf.do("POST", "/vault/a1/sign", tx, map[string]string{"Idempotency-Key": "2"}); code != 403 || !strings.Contains(body, "not in allowed windows") {
		t.Errorf("at 18:00: %d %s", code, body)
	}
}

func TestRateLimitCountsExecutedTransactions(t *testing.T) {
	t.Parallel()
	rf := newRaw(t)
	policy := `[{"type":"rate-limit","enabled":true,"config":{"maxTxPerHour":2,"maxTxPerDay":10}}]`
	if code, body := rf.do("PUT", "/agents/a1/policies", policy, nil); code != 200 {
		t.Fatalf("put: %d %s", code, body)
	}
	tx := `{"to":"0x2222222222222222222222222222222222222222","value":"1","chainId":56}`
	want := []int{200, 200, 403}
	for i, w := range want {
		if code, body := rf.do("POST", "/vault/a1/sign", tx, map[string]string{"Idempotency-Key": string(rune('a' + i))}); code != w {
			t.Errorf("sign %d: %d %s, want %d", i, code, body, w)
		}
	}
	rf.now = rf.now.Add(time.Hour)
	if code, body := rf.do("POST", "/vault/a1/sign", tx, map[string]string{"Idempotency-Key": "z"}); code != 200 {
		t.Errorf("an hour later: %d %s", code, body)
	}
}

func TestPolicyValidationMessages(t *testing.T) {
	t.Parallel()
	rf := newRaw(t)
	if code, body := rf.do("PUT", "/agents/a1/policies", `{"policies":[]}`, nil); code != 400 || !strings.Contains(body, "Request body must be a JSON array of policies") {
		t.Errorf("wrapped body: %d %s", code, body)
	}
	if code, body := rf.do("PUT", "/agents/a1/policies", `[{"type":"rate-limit","enabled":true,"config":{"maxTxPerHour":1.5,"maxTxPerDay":1}}]`, nil); code != 400 || !strings.Contains(body, "maxTxPerHour") {
		t.Errorf("fractional rate: %d %s", code, body)
	}
	if code, body := rf.do("GET", "/vault/a1/transactions?status=bogus", "", nil); code != 400 {
		t.Errorf("bad status filter: %d %s", code, body)
	}
}

func TestAuthScopes(t *testing.T) {
	t.Parallel()
	rf := newRaw(t)
	tok := rf.f.IssueAgentToken("a1")
	bearer := map[string]string{"Authorization": "Bearer " + tok, "X-Steward-Key": ""}
	if code, _ := rf.do("GET", "/agents/a1", "", bearer); code != 200 {
		t.Errorf("own agent with token: %d", code)
	}
	bearer["X-Steward-Tenant"] = "other"
	if code, body := rf.do("GET", "/agents/a1", "", bearer); code != 403 || !strings.Contains(body, "Tenant header does not match token") {
		t.Errorf("tenant mismatch: %d %s", code, body)
	}
	if code, body := rf.do("GET", "/health", "", map[string]string{"X-Steward-Key": "wrong"}); code != 200 || strings.Contains(body, `"ok":`) || !strings.Contains(body, `"status":"ok"`) {
		t.Errorf("health must be open and bare: %d %s", code, body)
	}
	if code, body := rf.do("GET", "/agents", "", map[string]string{"X-Steward-Key": "wrong"}); code != 403 || strings.TrimSpace(body) != `{"error":"Forbidden","ok":false}` {
		t.Errorf("bad key: %d %q", code, body)
	}
}
