package transport_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/agentwallet/agentwallet/app"
)

func TestAddresses_null_when_absent_then_values_after_generate(t *testing.T) {
	t.Parallel()
	e := newEnv(t, nil)
	res := e.do(req{path: "/api/wallet/addresses"})
	wantStatus(t, res, http.StatusOK, "")
	for _, k := range []string{"evmAddress", "solanaAddress"} {
		v, ok := res.body[k]
		if !ok || v != nil {
			t.Fatalf("%s = %v (present %v), want null; body %s", k, v, ok, res.raw)
		}
	}
	gen := e.post("/api/wallet/generate", `{}`)
	wantStatus(t, gen, http.StatusOK, "")
	evm, sol := e.addresses()
	if s, _ := evm.(string); !strings.HasPrefix(s, "0x") || len(s) != 42 {
		t.Fatalf("evmAddress = %v", evm)
	}
	if s, _ := sol.(string); len(s) < 32 {
		t.Fatalf("solanaAddress = %v", sol)
	}
	ws := gen.body["wallets"].([]any)
	got := map[string]any{}
	for _, w := range ws {
		m := w.(map[string]any)
		got[m["chain"].(string)] = m["address"]
	}
	if got["evm"] != evm || got["solana"] != sol {
		t.Fatalf("generate answered %v, addresses %v %v", got, evm, sol)
	}
}

func TestGenerate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		body      string
		status    int
		code      string
		wantEVM   bool
		wantSol   bool
		evmPrefix bool
	}{
		{name: "default_is_both", body: `{}`, status: 200, wantEVM: true, wantSol: true},
		{name: "empty_body_is_both", body: ``, status: 200, wantEVM: true, wantSol: true},
		{name: "both_explicit", body: `{"chain":"both","source":"local"}`, status: 200, wantEVM: true, wantSol: true},
		{name: "evm_only", body: `{"chain":"evm"}`, status: 200, wantEVM: true},
		{name: "solana_only", body: `{"chain":"solana"}`, status: 200, wantSol: true},
		{name: "unknown_chain_is_400", body: `{"chain":"bitcoin"}`, status: 400, code: "INVALID_REQUEST"},
		{name: "cloud_source_is_400", body: `{"source":"cloud"}`, status: 400, code: "INVALID_REQUEST"},
		{name: "steward_source_is_503", body: `{"source":"steward"}`, status: 503, code: "STEWARD_NOT_CONFIGURED"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, nil)
			res := e.do(req{method: http.MethodPost, path: "/api/wallet/generate", body: tc.body})
			wantStatus(t, res, tc.status, tc.code)
			evm, sol := e.addresses()
			if (evm != nil) != tc.wantEVM || (sol != nil) != tc.wantSol {
				t.Fatalf("after generate: evm %v sol %v, want evm %v sol %v", evm, sol, tc.wantEVM, tc.wantSol)
			}
			if tc.status != 200 {
				return
			}
			if res.body["ok"] != true || res.body["source"] != "local" {
				t.Fatalf("body = %s", res.raw)
			}
			ws := res.body["wallets"].([]any)
			n := 0
			if tc.wantEVM {
				n++
			}
			if tc.wantSol {
				n++
			}
			if len(ws) != n {
				t.Fatalf("wallets = %v, want %d", ws, n)
			}
			for _, w := range ws {
				m := w.(map[string]any)
				if m["chain"] == "evm" && !strings.HasPrefix(m["address"].(string), "0x") {
					t.Fatalf("evm address %v does not start with 0x", m["address"])
				}
				if len(m) != 2 {
					t.Fatalf("wallet entry has extra fields: %v", m)
				}
			}
		})
	}
}

func TestGenerate_second_time_is_409_and_replace_rotates_only_that_chain(t *testing.T) {
	t.Parallel()
	e := newEnv(t, nil)
	wantStatus(t, e.post("/api/wallet/generate", `{}`), 200, "")
	evm1, sol1 := e.addresses()

	for _, body := range []string{`{}`, `{"chain":"evm"}`, `{"chain":"solana"}`, `{"chain":"evm","replace":false}`} {
		wantStatus(t, e.post("/api/wallet/generate", body), http.StatusConflict, "KEY_EXISTS")
	}
	if evm, sol := e.addresses(); evm != evm1 || sol != sol1 {
		t.Fatalf("refused generate changed addresses: %v %v -> %v %v", evm1, sol1, evm, sol)
	}

	wantStatus(t, e.post("/api/wallet/generate", `{"chain":"evm","replace":true}`), 200, "")
	evm2, sol2 := e.addresses()
	if evm2 == evm1 || sol2 != sol1 {
		t.Fatalf("replace evm: evm %v -> %v (want changed), sol %v -> %v (want same)", evm1, evm2, sol1, sol2)
	}
	wantStatus(t, e.post("/api/wallet/generate", `{"chain":"solana","replace":true}`), 200, "")
	evm3, sol3 := e.addresses()
	if evm3 != evm2 || sol3 == sol2 {
		t.Fatalf("replace solana: evm %v -> %v (want same), sol %v -> %v (want changed)", evm2, evm3, sol2, sol3)
	}
}

func TestGenerate_partial_conflict_creates_nothing(t *testing.T) {
	t.Parallel()
	e := newEnv(t, nil)
	wantStatus(t, e.post("/api/wallet/generate", `{"chain":"evm"}`), 200, "")
	wantStatus(t, e.post("/api/wallet/generate", `{"chain":"both"}`), http.StatusConflict, "KEY_EXISTS")
	if _, sol := e.addresses(); sol != nil {
		t.Fatalf("a refused generate of both created a solana key %v", sol)
	}
}

func TestImport(t *testing.T) {
	t.Parallel()
	solB58, solJSON, solAddr := solanaTestKey(t)
	tests := []struct {
		name   string
		body   string
		status int
		code   string
		chain  string
		addr   string
	}{
		{name: "hardhat_with_0x", body: `{"privateKey":"` + hardhatKey + `"}`, status: 200, chain: "evm", addr: hardhatAddr},
		{name: "hardhat_without_0x", body: `{"privateKey":"` + strings.TrimPrefix(hardhatKey, "0x") + `"}`, status: 200, chain: "evm", addr: hardhatAddr},
		{name: "hardhat_upper_hex_with_chain", body: `{"privateKey":"0x` + strings.ToUpper(hardhatKey[2:]) + `","chain":"evm"}`, status: 200, chain: "evm", addr: hardhatAddr},
		{name: "hardhat_surrounding_space", body: `{"privateKey":"  ` + hardhatKey + "\\n" + `"}`, status: 200, chain: "evm", addr: hardhatAddr},
		{name: "solana_base58_64_bytes", body: `{"privateKey":"` + solB58 + `"}`, status: 200, chain: "solana", addr: solAddr},
		{name: "solana_base58_with_chain", body: `{"privateKey":"` + solB58 + `","chain":"solana"}`, status: 200, chain: "solana", addr: solAddr},
		{name: "solana_json_array", body: `{"privateKey":"` + solJSON + `"}`, status: 200, chain: "solana", addr: solAddr},
		{name: "missing_private_key", body: `{}`, status: 400, code: "INVALID_REQUEST"},
		{name: "blank_private_key", body: `{"privateKey":"   "}`, status: 400, code: "INVALID_REQUEST"},
		{name: "unknown_chain", body: `{"privateKey":"` + hardhatKey + `","chain":"bitcoin"}`, status: 400, code: "INVALID_REQUEST"},
		{name: "not_hex_as_evm", body: `{"privateKey":"` + strings.Repeat("zz", 32) + `","chain":"evm"}`, status: 422, code: "INVALID_KEY"},
		{name: "short_hex", body: `{"privateKey":"0xabcdef"}`, status: 422, code: "INVALID_KEY"},
		{name: "zero_scalar", body: `{"privateKey":"0x` + strings.Repeat("0", 64) + `"}`, status: 422, code: "INVALID_KEY"},
		{name: "solana_base58_as_evm", body: `{"privateKey":"` + solB58 + `","chain":"evm"}`, status: 422, code: "INVALID_KEY"},
		{name: "evm_0x_as_solana", body: `{"privateKey":"` + hardhatKey + `","chain":"solana"}`, status: 422, code: "INVALID_KEY"},
		{name: "solana_bad_base58", body: `{"privateKey":"not-base58-0OIl"}`, status: 422, code: "INVALID_KEY"},
		{name: "solana_wrong_length", body: `{"privateKey":"` + solB58[:20] + `"}`, status: 422, code: "INVALID_KEY"},
		{name: "solana_json_out_of_range", body: `{"privateKey":"[256,1,2]"}`, status: 422, code: "INVALID_KEY"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, nil)
			res := e.post("/api/wallet/import", tc.body)
			wantStatus(t, res, tc.status, tc.code)
			if tc.status != 200 {
				if evm, sol := e.addresses(); evm != nil || sol != nil {
					t.Fatalf("failed import stored a key: %v %v", evm, sol)
				}
				return
			}
			if res.body["ok"] != true || res.body["chain"] != tc.chain || res.body["address"] != tc.addr {
				t.Fatalf("body = %s, want chain %s address %s", res.raw, tc.chain, tc.addr)
			}
			evm, sol := e.addresses()
			got := evm
			if tc.chain == "solana" {
				got = sol
			}
			if got != tc.addr {
				t.Fatalf("addresses show %v, want %s", got, tc.addr)
			}
			e.noKeyIn(hardhatKey, nil)
			e.noKeyIn(solB58, nil)
		})
	}
}

func TestImport_failure_keeps_old_key_and_server_stays_healthy(t *testing.T) {
	t.Parallel()
	e := newEnv(t, nil)
	wantStatus(t, e.post("/api/wallet/import", `{"privateKey":"`+hardhatKey+`"}`), 200, "")
	solB58, _, _ := solanaTestKey(t)
	wantStatus(t, e.post("/api/wallet/import", `{"privateKey":"`+solB58+`"}`), 200, "")
	evm0, sol0 := e.addresses()

	bad := []string{
		`{"privateKey":"0x1234","chain":"evm"}`,
		`{"privateKey":"` + strings.Repeat("g", 64) + `"}`,
		`{"privateKey":"` + solB58 + `","chain":"evm"}`,
		`{"privateKey":"` + hardhatKey + `","chain":"solana"}`,
		`{"privateKey":"[1,2,3]"}`,
		`{"privateKey":"0x` + strings.Repeat("f", 64) + `"}`, // above the curve order
		`{"privateKey":"0X"}`,
		`{"privateKey":"` + solB58[:len(solB58)-3] + `"}`,
		`{"privateKey":"[` + strings.Repeat("1,", 63) + `-1]"}`,
		`{"privateKey":"@@@"}`,
	}
	for i, b := range bad {
		res := e.post("/api/wallet/import", b)
		wantStatus(t, res, http.StatusUnprocessableEntity, "INVALID_KEY")
		if strings.Contains(res.raw, strings.TrimPrefix(hardhatKey, "0x")) || strings.Contains(res.raw, solB58) {
			t.Fatalf("bad import %d echoed a key: %s", i, res.raw)
		}
	}
	if evm, sol := e.addresses(); evm != evm0 || sol != sol0 {
		t.Fatalf("bad imports changed addresses: %v %v -> %v %v", evm0, sol0, evm, sol)
	}
	res := e.do(req{path: "/healthz", noAuth: true})
	wantStatus(t, res, 200, "")
	if res.body["ok"] != true {
		t.Fatalf("healthz = %s", res.raw)
	}
}

func TestImport_replaces_existing_key(t *testing.T) {
	t.Parallel()
	e := newEnv(t, nil)
	wantStatus(t, e.post("/api/wallet/generate", `{}`), 200, "")
	_, sol0 := e.addresses()
	wantStatus(t, e.post("/api/wallet/import", `{"privateKey":"`+hardhatKey+`"}`), 200, "")
	evm, sol := e.addresses()
	if evm != hardhatAddr || sol != sol0 {
		t.Fatalf("after import: %v %v, want %s and unchanged %v", evm, sol, hardhatAddr, sol0)
	}
}

func TestExport_requires_confirm(t *testing.T) {
	t.Parallel()
	for name, body := range map[string]string{"empty_object": `{}`, "empty_body": ``, "confirm_false": `{"confirm":false}`, "token_without_confirm": `{"confirm":false,"exportToken":"x"}`} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, nil)
			wantStatus(t, e.post("/api/wallet/import", `{"privateKey":"`+hardhatKey+`"}`), 200, "")
			wantStatus(t, e.post("/api/wallet/export", body), http.StatusForbidden, "EXPORT_FORBIDDEN")
			e.noKeyIn(hardhatKey, nil)
		})
	}
}

func TestExport_no_keys_answers_nulls(t *testing.T) {
	t.Parallel()
	e := newEnv(t, nil)
	res := e.post("/api/wallet/export", `{"confirm":true}`)
	wantStatus(t, res, 200, "")
	if len(res.body) != 2 || res.body["evm"] != nil || res.body["solana"] != nil {
		t.Fatalf("body = %s, want {evm:null, solana:null}", res.raw)
	}
	if _, ok := res.body["evm"]; !ok {
		t.Fatalf("evm key absent: %s", res.raw)
	}
}

func TestExport_returns_keys_and_only_export_shows_them(t *testing.T) {
	t.Parallel()
	e := newEnv(t, nil)
	solB58, _, solAddr := solanaTestKey(t)
	wantStatus(t, e.post("/api/wallet/import", `{"privateKey":"`+hardhatKey[2:]+`"}`), 200, "")
	wantStatus(t, e.post("/api/wallet/import", `{"privateKey":"`+solB58+`"}`), 200, "")
	e.addresses()
	res := e.post("/api/wallet/export", `{"confirm":true}`)
	wantStatus(t, res, 200, "")
	exportIdx := len(e.bodies) - 1
	evm := res.body["evm"].(map[string]any)
	sol := res.body["solana"].(map[string]any)
	if evm["privateKey"] != hardhatKey || evm["address"] != hardhatAddr {
		t.Fatalf("evm export = %v", evm)
	}
	if sol["privateKey"] != solB58 || sol["address"] != solAddr {
		t.Fatalf("solana export = %v", sol)
	}
	e.addresses()
	e.noKeyIn(hardhatKey, map[int]bool{exportIdx: true})
	// The import request bodies carried the keys; no response did.
	e.noKeyIn(solB58, map[int]bool{exportIdx: true})
}

func TestExport_generated_keys_never_appear_elsewhere(t *testing.T) {
	t.Parallel()
	e := newEnv(t, nil)
	e.post("/api/wallet/generate", `{}`)
	e.post("/api/wallet/generate", `{"replace":true}`)
	e.post("/api/wallet/generate", `{}`)
	e.addresses()
	res := e.post("/api/wallet/export", `{"confirm":true}`)
	wantStatus(t, res, 200, "")
	idx := len(e.bodies) - 1
	for _, c := range []string{"evm", "solana"} {
		k := res.body[c].(map[string]any)["privateKey"].(string)
		e.noKeyIn(k, map[int]bool{idx: true})
	}
}

func TestExport_token(t *testing.T) {
	t.Parallel()
	const tok = "export-secret-token"
	tests := []struct {
		name    string
		body    string
		headers map[string]string
		status  int
		outcome string
	}{
		{name: "missing", body: `{"confirm":true}`, status: 401, outcome: "refused:token_missing"},
		{name: "wrong_body", body: `{"confirm":true,"exportToken":"nope"}`, status: 401, outcome: "refused:token_invalid"},
		{name: "wrong_header", body: `{"confirm":true}`, headers: map[string]string{"X-Eliza-Export-Token": "nope"}, status: 401, outcome: "refused:token_invalid"},
		{name: "body_ok", body: `{"confirm":true,"exportToken":"` + tok + `"}`, status: 200, outcome: "allowed"},
		{name: "header_ok", body: `{"confirm":true}`, headers: map[string]string{"X-Eliza-Export-Token": tok}, status: 200, outcome: "allowed"},
		{name: "bad_header_good_body", body: `{"confirm":true,"exportToken":"` + tok + `"}`, headers: map[string]string{"X-Eliza-Export-Token": "nope"}, status: 401, outcome: "refused:token_invalid"},
		{name: "good_token_unconfirmed", body: `{"exportToken":"` + tok + `"}`, status: 403, outcome: "refused:unconfirmed"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, func(c *app.Config) { c.Export.Token = app.Secret(tok) })
			wantStatus(t, e.post("/api/wallet/import", `{"privateKey":"`+hardhatKey+`"}`), 200, "")
			res := e.do(req{method: http.MethodPost, path: "/api/wallet/export", body: tc.body, headers: tc.headers})
			wantStatus(t, res, tc.status, "")
			if tc.status == 200 {
				if res.body["evm"].(map[string]any)["privateKey"] != hardhatKey {
					t.Fatalf("export body = %s", res.raw)
				}
			} else {
				e.noKeyIn(hardhatKey, nil)
			}
			if strings.Contains(res.raw, tok) {
				t.Fatalf("response echoes the export token: %s", res.raw)
			}
			es := auditOutcomes(t, e.dir)
			if len(es) != 1 || es[0].Outcome != tc.outcome {
				t.Fatalf("audit = %+v, want one %q", es, tc.outcome)
			}
		})
	}
}

func TestExport_rate_limit_survives_restart_and_every_attempt_is_audited(t *testing.T) {
	t.Parallel()
	e := newEnv(t, nil)
	bodies := []string{`{}`, `{"confirm":true}`, `{"confirm":false}`, `{"confirm":true}`, `{}`}
	for i, b := range bodies {
		res := e.post("/api/wallet/export", b)
		if res.status == http.StatusTooManyRequests {
			t.Fatalf("attempt %d rate limited early", i+1)
		}
	}
	wantStatus(t, e.post("/api/wallet/export", `{"confirm":true}`), http.StatusTooManyRequests, "RATE_LIMITED")
	cfg := e.cfg
	e.close()

	e2 := openEnv(t, cfg)
	wantStatus(t, e2.post("/api/wallet/export", `{"confirm":true}`), http.StatusTooManyRequests, "RATE_LIMITED")
	e2.close()

	es := auditOutcomes(t, cfg.StateDir)
	want := []string{"refused:unconfirmed", "allowed", "refused:unconfirmed", "allowed", "refused:unconfirmed", "refused:rate_limited", "refused:rate_limited"}
	if len(es) != len(want) {
		t.Fatalf("audit has %d entries, want %d: %+v", len(es), len(want), es)
	}
	for i, en := range es {
		if en.Outcome != want[i] {
			t.Errorf("audit[%d].Outcome = %q, want %q", i, en.Outcome, want[i])
		}
		if en.Action != "wallet.export" || en.Client == "" || en.At.IsZero() || time.Since(en.At) > time.Hour {
			t.Errorf("audit[%d] = %+v: want action, client and a recent time", i, en)
		}
	}
}

func TestExport_disabled_is_410_and_audited(t *testing.T) {
	t.Parallel()
	e := newEnv(t, func(c *app.Config) { c.Export.Disabled = true })
	wantStatus(t, e.post("/api/wallet/import", `{"privateKey":"`+hardhatKey+`"}`), 200, "")
	wantStatus(t, e.post("/api/wallet/export", `{"confirm":true}`), http.StatusGone, "")
	e.noKeyIn(hardhatKey, nil)
	es := auditOutcomes(t, e.dir)
	if len(es) != 1 || es[0].Outcome != "refused:disabled" {
		t.Fatalf("audit = %+v", es)
	}
}

// The audit log's client must be the connection's address, not whatever a
// caller writes in X-Forwarded-For: the daemon sits behind no proxy.
func TestExport_audit_client_ignores_forwarded_headers(t *testing.T) {
	t.Parallel()
	e := newEnv(t, nil)
	res := e.do(req{method: http.MethodPost, path: "/api/wallet/export", body: `{"confirm":true}`,
		headers: map[string]string{"X-Forwarded-For": "203.0.113.66", "X-Real-Ip": "203.0.113.66", "User-Agent": "tester"}})
	wantStatus(t, res, 200, "")
	es := auditOutcomes(t, e.dir)
	if len(es) != 1 {
		t.Fatalf("audit = %+v", es)
	}
	if !strings.HasPrefix(es[0].Client, "192.0.2.1 ") || strings.Contains(es[0].Client, "203.0.113.66") {
		t.Fatalf("audit client = %q, want the connection's address 192.0.2.1 (httptest's RemoteAddr), not the forged header", es[0].Client)
	}
}
