package keystore_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/core/types"
	"github.com/mr-tron/base58"

	"github.com/agentwallet/agentwallet/adapters/keystore"
	"github.com/agentwallet/agentwallet/adapters/sqlite"
	"github.com/agentwallet/agentwallet/domain"
	"github.com/agentwallet/agentwallet/ports"
)

const (
	hardhatKey  = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"
	hardhatAddr = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"
)

// cheapKDF keeps tests fast; the default parameters are benchmarked below.
var cheapKDF = keystore.KDFParams{Time: 1, MemoryKiB: 64, Threads: 1}

type env struct {
	dir   string
	store *sqlite.Store
}

func newEnv(t testing.TB) *env {
	t.Helper()
	dir := t.TempDir()
	s, err := sqlite.Open(context.Background(), filepath.Join(dir, "agentwallet.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return &env{dir: dir, store: s}
}

func (e *env) open(t testing.TB, passphrase string) (*keystore.Keystore, error) {
	t.Helper()
	return keystore.Open(context.Background(), keystore.Options{
		Records: e.store, Passphrase: []byte(passphrase), KeyFile: filepath.Join(e.dir, "master.key"), KDF: cheapKDF,
	})
}

func (e *env) mustOpen(t testing.TB, passphrase string) *keystore.Keystore {
	t.Helper()
	ks, err := e.open(t, passphrase)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	return ks
}

func solanaKey(t testing.TB) (ed25519.PrivateKey, string) {
	t.Helper()
	seed := bytes.Repeat([]byte{7}, 32)
	priv := ed25519.NewKeyFromSeed(seed)
	return priv, base58.Encode(priv[32:])
}

func TestImportKnownEVMVector(t *testing.T) {
	ks := newEnv(t).mustOpen(t, "pw")
	ctx := context.Background()
	for _, k := range []string{hardhatKey, strings.TrimPrefix(hardhatKey, "0x"), "  " + strings.ToUpper(hardhatKey[2:]) + "\n"} {
		w, err := ks.Import(ctx, domain.ChainEVM, k)
		if err != nil || w.Address != hardhatAddr {
			t.Fatalf("Import(%q) = %+v, %v; want %s", k, w, err, hardhatAddr)
		}
	}
	keys, err := ks.Export(ctx)
	if err != nil || len(keys) != 1 || keys[0].PrivateKey != hardhatKey {
		t.Fatalf("Export = %+v, %v; want the 0x-prefixed key", keys, err)
	}
}

func TestSolanaKeyForms(t *testing.T) {
	priv, addr := solanaKey(t)
	nums := make([]int, len(priv))
	for i, b := range priv {
		nums[i] = int(b)
	}
	jsonForm, _ := json.Marshal(nums)
	forms := map[string]string{
		"base58_64_bytes": base58.Encode(priv),
		"base58_32_seed":  base58.Encode(priv[:32]),
		"json_byte_array": string(jsonForm),
	}
	for name, form := range forms {
		t.Run(name, func(t *testing.T) {
			ks := newEnv(t).mustOpen(t, "")
			w, err := ks.Import(context.Background(), domain.ChainSolana, form)
			if err != nil || w.Address != addr {
				t.Fatalf("Import = %+v, %v; want %s", w, err, addr)
			}
			keys, err := ks.Export(context.Background())
			if err != nil || keys[0].PrivateKey != base58.Encode(priv) {
				t.Fatalf("Export = %+v, %v; want base58 of seed‖pubkey", keys, err)
			}
			// The exported form imports back to the same address.
			if w2, err := ks.Import(context.Background(), domain.ChainSolana, keys[0].PrivateKey); err != nil || w2.Address != addr {
				t.Fatalf("re-import = %+v, %v", w2, err)
			}
		})
	}
}

func TestInvalidKeysAreRefusedAndOldKeyKept(t *testing.T) {
	ks := newEnv(t).mustOpen(t, "pw")
	ctx := context.Background()
	if _, err := ks.Import(ctx, domain.ChainEVM, hardhatKey); err != nil {
		t.Fatal(err)
	}
	priv, _ := solanaKey(t)
	mismatched := append(append([]byte{}, priv[:32]...), bytes.Repeat([]byte{9}, 32)...)
	other := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{8}, 32))
	swappedHalf := append(append([]byte{}, priv[:32]...), other[32:]...)
	cases := []struct {
		name  string
		chain domain.Chain
		key   string
	}{
		{"evm_63_hex", domain.ChainEVM, hardhatKey[:65]},
		{"evm_65_hex", domain.ChainEVM, hardhatKey + "0"},
		{"evm_non_hex", domain.ChainEVM, "0x" + strings.Repeat("zz", 32)},
		{"evm_empty", domain.ChainEVM, ""},
		{"evm_zero_scalar", domain.ChainEVM, "0x" + strings.Repeat("00", 32)},
		{"evm_above_curve_order", domain.ChainEVM, "0x" + strings.Repeat("ff", 32)},
		{"evm_given_base58", domain.ChainEVM, base58.Encode(priv)},
		{"solana_given_hex", domain.ChainSolana, hardhatKey},
		{"solana_wrong_length", domain.ChainSolana, base58.Encode(make([]byte, 40))},
		{"solana_not_base58", domain.ChainSolana, "0OIl"},
		{"solana_pubkey_not_matching_seed", domain.ChainSolana, base58.Encode(mismatched)},
		{"solana_other_valid_pubkey_half", domain.ChainSolana, base58.Encode(swappedHalf)},
		{"solana_json_out_of_range", domain.ChainSolana, "[256" + strings.Repeat(",1", 63) + "]"},
		{"solana_json_malformed", domain.ChainSolana, "[1,2,"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ks.Import(ctx, c.chain, c.key)
			if domain.KindOf(err) != domain.KindUnprocessable || domain.CodeOf(err) != "INVALID_KEY" {
				t.Fatalf("err = %v (kind %v, code %s); want unprocessable INVALID_KEY", err, domain.KindOf(err), domain.CodeOf(err))
			}
			if c.key != "" && len(c.key) > 8 && strings.Contains(err.Error(), c.key) {
				t.Fatal("error message echoes the key")
			}
		})
	}
	ws, err := ks.Wallets(ctx)
	if err != nil || len(ws) != 1 || ws[0].Address != hardhatAddr {
		t.Fatalf("after bad imports Wallets = %+v, %v; want the old key", ws, err)
	}
}

func TestGenerateRefusesOverwrite(t *testing.T) {
	ks := newEnv(t).mustOpen(t, "pw")
	ctx := context.Background()
	w1, err := ks.Generate(ctx, domain.ChainEVM, false)
	if err != nil || !strings.HasPrefix(w1.Address, "0x") || len(w1.Address) != 42 {
		t.Fatalf("Generate = %+v, %v", w1, err)
	}
	if _, err := ks.Generate(ctx, domain.ChainEVM, false); domain.CodeOf(err) != "KEY_EXISTS" || domain.KindOf(err) != domain.KindConflict {
		t.Fatalf("second Generate err = %v; want conflict KEY_EXISTS", err)
	}
	w2, err := ks.Generate(ctx, domain.ChainEVM, true)
	if err != nil || w2.Address == w1.Address {
		t.Fatalf("replace Generate = %+v, %v; want a new address", w2, err)
	}
	s, err := ks.Generate(ctx, domain.ChainSolana, false)
	if err != nil || len(s.Address) < 32 {
		t.Fatalf("Solana Generate = %+v, %v", s, err)
	}
	keys, _ := ks.Export(ctx)
	if len(keys) != 2 || keys[1].Address != s.Address || len(keys[0].PrivateKey) != 66 {
		t.Fatalf("Export = %+v", keys)
	}
	// The generated Solana secret re-derives its address.
	raw, _ := base58.Decode(keys[1].PrivateKey)
	if base58.Encode(ed25519.PrivateKey(raw).Public().(ed25519.PublicKey)) != s.Address {
		t.Fatal("generated Solana key does not match its address")
	}
}

func TestWrongPassphraseAndModeMismatchFail(t *testing.T) {
	e := newEnv(t)
	ks := e.mustOpen(t, "correct horse")
	if _, err := ks.Import(context.Background(), domain.ChainEVM, hardhatKey); err != nil {
		t.Fatal(err)
	}
	if _, err := e.open(t, "wrong horse"); err != keystore.ErrWrongPassphrase {
		t.Fatalf("wrong passphrase err = %v, want ErrWrongPassphrase", err)
	}
	_, err := e.open(t, "")
	if domain.KindOf(err) != domain.KindUnauthenticated || !strings.Contains(err.Error(), "AGENTWALLET_PASSPHRASE") {
		t.Fatalf("no passphrase on a passphrase keystore err = %v", err)
	}
	if _, err := e.open(t, "correct horse"); err != nil {
		t.Fatalf("right passphrase: %v", err)
	}
	// A key-file keystore refuses a passphrase, and a replaced key file.
	f := newEnv(t)
	f.mustOpen(t, "")
	if _, err := f.open(t, "pw"); domain.KindOf(err) != domain.KindUnauthenticated {
		t.Fatalf("passphrase on key-file keystore err = %v", err)
	}
	if err := os.WriteFile(filepath.Join(f.dir, "master.key"), bytes.Repeat([]byte{1}, 32), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := f.open(t, ""); err != keystore.ErrWrongPassphrase {
		t.Fatalf("replaced master key err = %v, want ErrWrongPassphrase", err)
	}
	fi, err := os.Stat(filepath.Join(f.dir, "master.key"))
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("master key mode = %v, %v", fi, err)
	}
}

func TestTamperedOrSwappedRecordsFailAuthentication(t *testing.T) {
	e := newEnv(t)
	ks := e.mustOpen(t, "pw")
	ctx := context.Background()
	if _, err := ks.Import(ctx, domain.ChainEVM, hardhatKey); err != nil {
		t.Fatal(err)
	}
	if _, err := ks.Generate(ctx, domain.ChainSolana, false); err != nil {
		t.Fatal(err)
	}
	evm, _ := e.store.KeyRecord(ctx, domain.ChainEVM)
	sol, _ := e.store.KeyRecord(ctx, domain.ChainSolana)

	flipped := evm
	flipped.Ciphertext = append([]byte{}, evm.Ciphertext...)
	flipped.Ciphertext[3] ^= 1
	readdressed := evm
	readdressed.Address = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"
	swapped := sol
	swapped.Nonce, swapped.Ciphertext = evm.Nonce, evm.Ciphertext
	reversioned := evm
	reversioned.Version = 2

	for name, rec := range map[string]ports.KeyRecord{"flipped_bit": flipped, "other_address": readdressed, "swapped_ciphertext": swapped, "other_version": reversioned} {
		t.Run(name, func(t *testing.T) {
			if err := e.store.PutKeyRecord(ctx, rec); err != nil {
				t.Fatal(err)
			}
			_, err := ks.Export(ctx)
			if err == nil || !strings.Contains(err.Error(), "failed authentication") {
				t.Fatalf("Export err = %v, want authentication failure", err)
			}
			// Restore both records for the next case.
			e.store.PutKeyRecord(ctx, evm)
			e.store.PutKeyRecord(ctx, sol)
		})
	}
	if _, err := ks.Export(ctx); err != nil {
		t.Fatalf("restored records: %v", err)
	}
}

func TestSignEVMTxRecoversSender(t *testing.T) {
	ks := newEnv(t).mustOpen(t, "pw")
	ctx := context.Background()
	tx := domain.EVMTx{ChainID: big.NewInt(56), Nonce: 3, To: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", Value: big.NewInt(1e15), Gas: 21000, GasPrice: big.NewInt(3e9)}
	if _, err := ks.SignEVMTx(ctx, tx); domain.CodeOf(err) != "NO_WALLET" {
		t.Fatalf("sign without key err = %v", err)
	}
	if _, err := ks.Import(ctx, domain.ChainEVM, hardhatKey); err != nil {
		t.Fatal(err)
	}
	for name, tx := range map[string]domain.EVMTx{
		"legacy":   tx,
		"eip1559":  {ChainID: big.NewInt(97), Nonce: 4, To: tx.To, Value: big.NewInt(0), Data: []byte{1, 2}, Gas: 50000, GasFeeCap: big.NewInt(5e9), GasTipCap: big.NewInt(1e9)},
		"creation": {ChainID: big.NewInt(1337), Gas: 100000, GasPrice: big.NewInt(1), Value: big.NewInt(0), Data: []byte{0x60}},
	} {
		t.Run(name, func(t *testing.T) {
			signed, err := ks.SignEVMTx(ctx, tx)
			if err != nil {
				t.Fatal(err)
			}
			var decoded types.Transaction
			if err := decoded.UnmarshalBinary(signed.Raw); err != nil {
				t.Fatal(err)
			}
			from, err := types.Sender(types.LatestSignerForChainID(tx.ChainID), &decoded)
			if err != nil || from.Hex() != hardhatAddr || signed.From != hardhatAddr {
				t.Fatalf("sender = %s (%s), %v; want %s", from.Hex(), signed.From, err, hardhatAddr)
			}
			if decoded.Hash().Hex() != signed.Hash || decoded.Nonce() != tx.Nonce || decoded.ChainId().Cmp(tx.ChainID) != 0 {
				t.Fatalf("decoded tx does not match: %s vs %s", decoded.Hash().Hex(), signed.Hash)
			}
		})
	}
	for name, bad := range map[string]domain.EVMTx{"no_chain_id": {To: tx.To}, "bad_to": {ChainID: big.NewInt(1), To: "0x123"}} {
		if _, err := ks.SignEVMTx(ctx, bad); domain.KindOf(err) != domain.KindInvalid {
			t.Errorf("%s: err = %v, want invalid", name, err)
		}
	}
}

func TestSignSolanaVerifies(t *testing.T) {
	ks := newEnv(t).mustOpen(t, "")
	ctx := context.Background()
	w, err := ks.Generate(ctx, domain.ChainSolana, false)
	if err != nil {
		t.Fatal(err)
	}
	msg := []byte("a serialized transaction message")
	sig, err := ks.SignSolana(ctx, msg)
	if err != nil {
		t.Fatal(err)
	}
	pub, _ := base58.Decode(w.Address)
	if !ed25519.Verify(pub, msg, sig) {
		t.Fatal("signature does not verify against the wallet address")
	}
}

func TestSealBindsPurpose(t *testing.T) {
	ks := newEnv(t).mustOpen(t, "pw")
	sealed, err := ks.Seal("provider:ALCHEMY_API_KEY", []byte("alchemy-secret"))
	if err != nil || bytes.Contains(sealed, []byte("alchemy-secret")) {
		t.Fatalf("Seal = %x, %v", sealed, err)
	}
	pt, err := ks.Open("provider:ALCHEMY_API_KEY", sealed)
	if err != nil || string(pt) != "alchemy-secret" {
		t.Fatalf("Open = %q, %v", pt, err)
	}
	if _, err := ks.Open("provider:HELIUS_API_KEY", sealed); err == nil {
		t.Fatal("a sealed value opened under another purpose")
	}
	if _, err := ks.Open("x", []byte{1, 2}); err == nil {
		t.Fatal("short input opened")
	}
}

func TestDatabaseFileHoldsNoPlaintextKeys(t *testing.T) {
	e := newEnv(t)
	ks := e.mustOpen(t, "pw")
	ctx := context.Background()
	if _, err := ks.Import(ctx, domain.ChainEVM, hardhatKey); err != nil {
		t.Fatal(err)
	}
	if _, err := ks.Generate(ctx, domain.ChainSolana, false); err != nil {
		t.Fatal(err)
	}
	keys, _ := ks.Export(ctx)
	sol, _ := base58.Decode(keys[1].PrivateKey)
	evmRaw, _ := hex.DecodeString(hardhatKey[2:])
	needles := [][]byte{[]byte(hardhatKey[2:]), []byte(strings.ToUpper(hardhatKey[2:])), []byte(keys[1].PrivateKey), evmRaw, sol[:32]}
	files, _ := filepath.Glob(filepath.Join(e.dir, "agentwallet.db*"))
	if len(files) == 0 {
		t.Fatal("no database files found")
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range needles {
			if bytes.Contains(b, n) {
				t.Fatalf("%s contains private key material", filepath.Base(f))
			}
		}
	}
}

// FuzzParseKey feeds arbitrary text to the key parser: it must never panic,
// and whatever it accepts must import and export consistently.
func FuzzParseKey(f *testing.F) {
	priv := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{7}, 32))
	for _, s := range []string{
		hardhatKey, hardhatKey[2:], "0x", "0x" + strings.Repeat("ff", 32), strings.Repeat("0", 64),
		base58.Encode(priv), base58.Encode(priv[:32]), "[]", "[1,2,3]", "[" + strings.Repeat("255,", 63) + "255]",
		"[-1]", "[1e3]", "11111111111111111111111111111111", "\x00\xff", "   ", "REDACTED", "[[]]",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, chain := range domain.Chains {
			addr, err := keystore.ParseKey(chain, s)
			if err != nil {
				if k := domain.KindOf(err); k != domain.KindUnprocessable {
					t.Fatalf("ParseKey(%s, %q) kind = %v, want unprocessable", chain, s, k)
				}
				continue
			}
			if addr == "" {
				t.Fatalf("ParseKey(%s, %q) accepted with an empty address", chain, s)
			}
		}
	})
}

// BenchmarkUnlock measures start-up unlock with the production argon2id
// parameters (t=3, 64 MiB, p=2).
func BenchmarkUnlock(b *testing.B) {
	e := newEnv(b)
	opts := keystore.Options{Records: e.store, Passphrase: []byte("benchmark passphrase"), KDF: keystore.DefaultKDF}
	if _, err := keystore.Open(context.Background(), opts); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := keystore.Open(context.Background(), opts); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkUnlockKeyFile measures start-up unlock with a master key file.
func BenchmarkUnlockKeyFile(b *testing.B) {
	e := newEnv(b)
	opts := keystore.Options{Records: e.store, KeyFile: filepath.Join(e.dir, "master.key")}
	if _, err := keystore.Open(context.Background(), opts); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := keystore.Open(context.Background(), opts); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSignEVMTx measures decrypt-and-sign per transaction.
func BenchmarkSignEVMTx(b *testing.B) {
	ks := newEnv(b).mustOpen(b, "pw")
	ctx := context.Background()
	if _, err := ks.Import(ctx, domain.ChainEVM, hardhatKey); err != nil {
		b.Fatal(err)
	}
	tx := domain.EVMTx{ChainID: big.NewInt(56), To: hardhatAddr, Value: big.NewInt(1), Gas: 21000, GasPrice: big.NewInt(1)}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ks.SignEVMTx(ctx, tx); err != nil {
			b.Fatal(err)
		}
	}
}
