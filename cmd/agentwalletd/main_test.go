package main

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mr-tron/base58"

	"github.com/agentwallet/agentwallet/adapters/keystore"
)

const (
	hardhatKey  = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"
	hardhatAddr = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"
	passphrase  = "correct horse battery staple"
)

var cheapKDF = keystore.KDFParams{Time: 1, MemoryKiB: 64, Threads: 1}

// syncBuffer is a log sink the server goroutines and the test share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func lookupFrom(m map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

// daemon is one running Main.
type daemon struct {
	t      *testing.T
	m      *Main
	cancel context.CancelFunc
	done   chan error
	token  string
}

// startDaemon loads and runs a Main on :0 with stateDir, returning once it
// serves, or the error Run returned before serving.
func startDaemon(t *testing.T, logs io.Writer, stateDir string, env map[string]string) (*daemon, error) {
	t.Helper()
	m := NewMain(logs)
	if err := m.Load([]string{"--addr", "127.0.0.1:0", "--state-dir", stateDir}, lookupFrom(env)); err != nil {
		t.Fatalf("Load: %v", err)
	}
	m.Options.KDF = cheapKDF
	ctx, cancel := context.WithCancel(context.Background())
	d := &daemon{t: t, m: m, cancel: cancel, done: make(chan error, 1)}
	go func() { d.done <- m.Run(ctx) }()
	select {
	case <-m.Ready():
	case err := <-d.done:
		cancel()
		m.Close()
		return nil, err
	case <-time.After(30 * time.Second):
		cancel()
		t.Fatal("daemon did not become ready")
	}
	d.token = m.App.APIToken()
	t.Cleanup(d.stop)
	return d, nil
}

// stop cancels Run, waits for it and closes the app; idempotent.
func (d *daemon) stop() {
	if d.cancel == nil {
		return
	}
	d.cancel()
	d.cancel = nil
	select {
	case err := <-d.done:
		if err != nil {
			d.t.Errorf("Run returned %v", err)
		}
	case <-time.After(30 * time.Second):
		d.t.Error("daemon did not stop")
	}
	d.m.Close()
}

// call makes a real HTTP request and decodes the JSON answer.
func (d *daemon) call(t *testing.T, method, path, body string, headers ...string) (int, map[string]any) {
	t.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, "http://"+d.m.Addr()+path, r)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+d.token)
	req.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	var out map[string]any
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatalf("%s %s: not JSON: %s", method, path, raw)
	}
	return res.StatusCode, out
}

func (d *daemon) addresses(t *testing.T) (evm, sol any) {
	t.Helper()
	st, body := d.call(t, http.MethodGet, "/api/wallet/addresses", "")
	if st != 200 {
		t.Fatalf("addresses: %d %v", st, body)
	}
	return body["evmAddress"], body["solanaAddress"]
}

func (d *daemon) export(t *testing.T) (evmKey, solKey string) {
	t.Helper()
	st, body := d.call(t, http.MethodPost, "/api/wallet/export", `{"confirm":true}`)
	if st != 200 {
		t.Fatalf("export: %d %v", st, body)
	}
	evm, _ := body["evm"].(map[string]any)
	sol, _ := body["solana"].(map[string]any)
	if evm == nil || sol == nil {
		t.Fatalf("export body = %v", body)
	}
	return evm["privateKey"].(string), sol["privateKey"].(string)
}

// secretForms lists the textual forms a key could leak in: hex with and
// without 0x in both cases, base58, and for Solana the seed half in hex.
func secretForms(t *testing.T, key string) []string {
	t.Helper()
	var raw []byte
	if strings.HasPrefix(key, "0x") {
		b, err := hex.DecodeString(key[2:])
		if err != nil {
			t.Fatal(err)
		}
		raw = b
	} else {
		b, err := base58.Decode(key)
		if err != nil || len(b) != 64 {
			t.Fatalf("solana export %q: %v", key, err)
		}
		raw = b
	}
	h := hex.EncodeToString(raw)
	forms := []string{h, "0x" + h, strings.ToUpper(h), "0x" + strings.ToUpper(h), base58.Encode(raw), string(raw)}
	if len(raw) == 64 {
		seed := hex.EncodeToString(raw[:32])
		forms = append(forms, seed, strings.ToUpper(seed), base58.Encode(raw[:32]), string(raw[:32]))
	}
	return forms
}

func TestEndToEnd_generate_import_export_restart_wrong_passphrase(t *testing.T) {
	logs := &syncBuffer{}
	dir := filepath.Join(t.TempDir(), "state")
	env := map[string]string{"AGENTWALLET_PASSPHRASE": passphrase}

	d1, err := startDaemon(t, logs, dir, env)
	if err != nil {
		t.Fatalf("first start: %v", err)
	}
	if st, body := d1.call(t, http.MethodPost, "/api/wallet/generate", `{}`); st != 200 {
		t.Fatalf("generate: %d %v", st, body)
	}
	genEVM, genSol := d1.export(t)
	if st, body := d1.call(t, http.MethodPost, "/api/wallet/import", `{"privateKey":"`+hardhatKey+`"}`); st != 200 || body["address"] != hardhatAddr || body["chain"] != "evm" {
		t.Fatalf("import: %d %v", st, body)
	}
	evmKey, solKey := d1.export(t)
	if evmKey != hardhatKey || solKey != genSol {
		t.Fatalf("export after import = %s / %s", evmKey, solKey)
	}
	evm1, sol1 := d1.addresses(t)
	if evm1 != hardhatAddr || sol1 == nil {
		t.Fatalf("addresses = %v %v", evm1, sol1)
	}
	// Unauthenticated calls are refused on the real listener too.
	tok := d1.token
	d1.token = "wrong"
	if st, _ := d1.call(t, http.MethodGet, "/api/wallet/addresses", ""); st != 401 {
		t.Fatalf("wrong token: %d", st)
	}
	d1.token = tok
	d1.stop()

	// Restart on the same state dir: same addresses, same API token file.
	d2, err := startDaemon(t, logs, dir, env)
	if err != nil {
		t.Fatalf("second start: %v", err)
	}
	if d2.token != tok {
		t.Fatalf("API token changed across restarts")
	}
	if evm2, sol2 := d2.addresses(t); evm2 != evm1 || sol2 != sol1 {
		t.Fatalf("after restart: %v %v, want %v %v", evm2, sol2, evm1, sol1)
	}
	d2.stop()

	// Wrong passphrase: Run fails before listening, naming the passphrase.
	m3 := NewMain(logs)
	if err := m3.Load([]string{"--addr", "127.0.0.1:0", "--state-dir", dir}, lookupFrom(map[string]string{"AGENTWALLET_PASSPHRASE": "wrong " + passphrase})); err != nil {
		t.Fatal(err)
	}
	m3.Options.KDF = cheapKDF
	err = m3.Run(context.Background())
	if err == nil || !strings.Contains(strings.ToLower(err.Error()), "passphrase") {
		t.Fatalf("wrong passphrase: err = %v, want one mentioning the passphrase", err)
	}
	if m3.listener != nil {
		t.Fatal("wrong passphrase: a listener was opened")
	}
	select {
	case <-m3.Ready():
		t.Fatal("wrong passphrase: Ready was closed")
	default:
	}
	if err := m3.Close(); err != nil {
		t.Fatalf("Close after failed start: %v", err)
	}

	// No passphrase at all on a passphrase keystore fails cleanly too.
	m4 := NewMain(logs)
	if err := m4.Load([]string{"--addr", "127.0.0.1:0", "--state-dir", dir}, lookupFrom(nil)); err != nil {
		t.Fatal(err)
	}
	if err := m4.Run(context.Background()); err == nil || !strings.Contains(strings.ToLower(err.Error()), "passphrase") {
		t.Fatalf("missing passphrase: err = %v", err)
	}
	m4.Close()

	// Scan the database files and every log line for the keys.
	var files []string
	for _, n := range []string{"agentwallet.db", "agentwallet.db-wal", "agentwallet.db-shm"} {
		p := filepath.Join(dir, n)
		if _, err := os.Stat(p); err == nil {
			files = append(files, p)
		}
	}
	if len(files) == 0 {
		t.Fatal("no database file in the state dir")
	}
	type blob struct{ name, data string }
	blobs := []blob{{"logs", logs.String()}}
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		blobs = append(blobs, blob{filepath.Base(p), string(b)})
	}
	for _, key := range []string{genEVM, genSol, hardhatKey} {
		for _, f := range secretForms(t, key) {
			for _, b := range blobs {
				if strings.Contains(b.data, f) {
					t.Errorf("%s contains a private key (form %q)", b.name, f[:min(len(f), 12)]+"...")
				}
			}
		}
	}
	if strings.Contains(logs.String(), passphrase) {
		t.Error("logs contain the passphrase")
	}
	if !strings.Contains(logs.String(), "agentwalletd listening") {
		t.Errorf("logs lack the listening line: %s", logs.String())
	}
	for _, p := range append(files, filepath.Join(dir, "api-token")) {
		if fi, err := os.Stat(p); err == nil && fi.Mode().Perm() != 0o600 {
			t.Errorf("%s mode %v, want 0600", filepath.Base(p), fi.Mode().Perm())
		}
	}
	if fi, err := os.Stat(dir); err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("state dir mode: %v %v", fi.Mode().Perm(), err)
	}
}

// A state directory whose path has URI-special characters must still hold
// the database: the store must not be opened somewhere else.
func TestEndToEnd_state_dir_with_special_characters(t *testing.T) {
	base := t.TempDir()
	dir := filepath.Join(base, "my#wallet?x=1%20")
	logs := &syncBuffer{}
	d, err := startDaemon(t, logs, dir, nil)
	if err != nil {
		t.Fatalf("start: %v", err)
	}
	if st, body := d.call(t, http.MethodPost, "/api/wallet/generate", `{"chain":"evm"}`); st != 200 {
		t.Fatalf("generate: %d %v", st, body)
	}
	d.stop()
	if _, err := os.Stat(filepath.Join(dir, "agentwallet.db")); err != nil {
		t.Errorf("database not in the state dir: %v", err)
	}
	entries, _ := os.ReadDir(base)
	for _, e := range entries {
		if e.Name() != filepath.Base(dir) {
			t.Errorf("stray file %q next to the state dir", e.Name())
		}
	}
}

func TestDispatch_version(t *testing.T) {
	var out, errOut bytes.Buffer
	if err := dispatch(context.Background(), []string{"version"}, &out, &errOut); err != nil {
		t.Fatal(err)
	}
	if got := out.String(); got != "agentwalletd "+version+"\n" {
		t.Fatalf("version printed %q", got)
	}
}

func TestDispatch_help_and_unknown(t *testing.T) {
	var out, errOut bytes.Buffer
	if err := dispatch(context.Background(), []string{"help"}, &out, &errOut); err != nil || !strings.Contains(out.String(), "usage:") {
		t.Fatalf("help: %v %q", err, out.String())
	}
	err := dispatch(context.Background(), []string{"frobnicate"}, &out, &errOut)
	if err == nil || !strings.Contains(err.Error(), "frobnicate") {
		t.Fatalf("unknown command: %v", err)
	}
}

func TestDispatch_token(t *testing.T) {
	t.Setenv("AGENTWALLET_API_TOKEN", "")
	t.Setenv("ELIZA_API_TOKEN", "")
	t.Setenv("AGENTWALLET_STATE_DIR", "")
	dir := t.TempDir()
	path := filepath.Join(dir, "api-token")

	var out, errOut bytes.Buffer
	if err := dispatch(context.Background(), []string{"token", "--state-dir", dir}, &out, &errOut); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out.String(), path) || !strings.Contains(out.String(), "not created yet") {
		t.Fatalf("token before first start: %q", out.String())
	}

	d, err := startDaemon(t, &syncBuffer{}, dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	d.stop()
	out.Reset()
	if err := dispatch(context.Background(), []string{"token", "--state-dir", dir}, &out, &errOut); err != nil {
		t.Fatal(err)
	}
	if out.String() != path+"\n" {
		t.Fatalf("token after first start: %q, want %q", out.String(), path)
	}
	if strings.Contains(out.String(), d.token) {
		t.Fatal("token subcommand printed the token itself")
	}

	t.Setenv("AGENTWALLET_API_TOKEN", "from-the-environment-123456")
	out.Reset()
	if err := dispatch(context.Background(), []string{"token", "--state-dir", dir}, &out, &errOut); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "environment") || strings.Contains(out.String(), "from-the-environment") {
		t.Fatalf("token with env: %q", out.String())
	}

	if err := dispatch(context.Background(), []string{"token", "--bogus"}, &out, &errOut); err == nil {
		t.Fatal("token --bogus: no error")
	}
}

func TestInvalidConfig_reports_every_problem(t *testing.T) {
	m := NewMain(io.Discard)
	env := map[string]string{"ELIZA_WALLET_NETWORK": "foo", "AGENTWALLET_LOG_LEVEL": "loud"}
	if err := m.Load([]string{"--state-dir", t.TempDir()}, lookupFrom(env)); err != nil {
		t.Fatal(err)
	}
	err := m.Run(context.Background())
	if err == nil {
		t.Fatal("Run accepted an invalid config")
	}
	for _, want := range []string{"walletNetwork", "ELIZA_WALLET_NETWORK", "logLevel", "AGENTWALLET_LOG_LEVEL"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error does not mention %s: %v", want, err)
		}
	}
	if m.listener != nil || m.App != nil {
		t.Error("an invalid config still opened the app or a listener")
	}
}

func TestDispatch_serve_invalid_config(t *testing.T) {
	t.Setenv("ELIZA_WALLET_NETWORK", "foo")
	t.Setenv("AGENTWALLET_LOG_LEVEL", "loud")
	var out, errOut bytes.Buffer
	err := dispatch(context.Background(), []string{"serve", "--addr", "127.0.0.1:0", "--state-dir", t.TempDir()}, &out, &errOut)
	if err == nil || !strings.Contains(err.Error(), "walletNetwork") || !strings.Contains(err.Error(), "logLevel") {
		t.Fatalf("serve with a bad config: %v", err)
	}
	err = dispatch(context.Background(), []string{"serve", "extra-arg"}, &out, &errOut)
	if err == nil {
		t.Fatal("serve with an extra argument: no error")
	}
}
