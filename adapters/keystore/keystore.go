// Package keystore keeps private keys encrypted at rest and signs with them.
// Keys are sealed with XChaCha20-Poly1305 under a key-encryption key (KEK)
// derived from a passphrase (argon2id) or from a generated master key file
// (HKDF). The associated data binds each ciphertext to its format version,
// chain and address, so a record cannot be swapped or altered unnoticed.
package keystore

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sync"

	"golang.org/x/crypto/argon2"
	"golang.org/x/crypto/chacha20poly1305"
	"golang.org/x/crypto/hkdf"

	"github.com/agentwallet/agentwallet/domain"
	"github.com/agentwallet/agentwallet/ports"
)

var (
	_ ports.KeyStore = (*Keystore)(nil)
	_ ports.Signer   = (*Keystore)(nil)
	_ ports.Sealer   = (*Keystore)(nil)
)

const (
	metaKDF   = "keystore.kdf"
	metaCheck = "keystore.check"
	checkText = "agentwallet keystore check v1"
	hkdfInfo  = "agentwallet keystore v1"
	modeArgon = "argon2id"
	modeFile  = "keyfile"
)

// KDFParams are argon2id's cost parameters for passphrase mode.
type KDFParams struct {
	Time      uint32 `json:"time"`
	MemoryKiB uint32 `json:"memoryKiB"`
	Threads   uint8  `json:"threads"`
}

// DefaultKDF is about 80 ms and 64 MiB on a 2-core machine: slow enough to
// make guessing a passphrase expensive, fast enough for every start-up.
var DefaultKDF = KDFParams{Time: 3, MemoryKiB: 64 * 1024, Threads: 2}

// Options configure Open.
type Options struct {
	Records    ports.KeyRecords
	Passphrase []byte    // when empty, the master key file is used
	KeyFile    string    // path of the generated master key file
	KDF        KDFParams // zero means DefaultKDF; only used when the keystore is first created
	Clock      ports.Clock
	Logger     *slog.Logger
}

// Keystore is the encrypted key store and signer.
type Keystore struct {
	records ports.KeyRecords
	aead    aeadCipher
	clock   ports.Clock
	mu      sync.Mutex // serialises check-then-write mutations
}

type kdfMeta struct {
	Mode string `json:"mode"`
	Salt []byte `json:"salt"`
	KDFParams
}

// ErrWrongPassphrase is returned by Open when the passphrase (or master key
// file) does not unlock the existing keystore.
var ErrWrongPassphrase = &domain.Error{Op: "keystore.open", Kind: domain.KindUnauthenticated,
	Msg: "the keystore cannot be unlocked: wrong passphrase (AGENTWALLET_PASSPHRASE / AGENTWALLET_PASSPHRASE_FILE) or wrong master key file"}

// Open unlocks the keystore, creating its KDF parameters and master key file
// on first use. A wrong passphrase gives ErrWrongPassphrase.
func Open(ctx context.Context, opts Options) (*Keystore, error) {
	if opts.Records == nil {
		return nil, errors.New("keystore: Records is required")
	}
	if opts.Clock == nil {
		opts.Clock = ports.SystemClock{}
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	mode := modeFile
	if len(opts.Passphrase) > 0 {
		mode = modeArgon
	}
	meta, err := loadOrCreateKDF(ctx, opts, mode)
	if err != nil {
		return nil, err
	}
	if meta.Mode != mode {
		if meta.Mode == modeArgon {
			return nil, &domain.Error{Op: "keystore.open", Kind: domain.KindUnauthenticated,
				Msg: "the keystore is protected by a passphrase: set AGENTWALLET_PASSPHRASE or AGENTWALLET_PASSPHRASE_FILE"}
		}
		return nil, &domain.Error{Op: "keystore.open", Kind: domain.KindUnauthenticated,
			Msg: "the keystore uses a master key file, not a passphrase: unset AGENTWALLET_PASSPHRASE and AGENTWALLET_PASSPHRASE_FILE"}
	}
	var kek []byte
	if mode == modeArgon {
		kek = argon2.IDKey(opts.Passphrase, meta.Salt, meta.Time, meta.MemoryKiB, meta.Threads, chacha20poly1305.KeySize)
	} else {
		master, err := loadOrCreateMasterKey(opts.KeyFile, opts.Logger)
		if err != nil {
			return nil, err
		}
		kek = make([]byte, chacha20poly1305.KeySize)
		if _, err := io.ReadFull(hkdf.New(sha256.New, master, meta.Salt, []byte(hkdfInfo)), kek); err != nil {
			return nil, fmt.Errorf("keystore: derive key: %w", err)
		}
		clear(master)
	}
	a, err := newAEAD(kek)
	clear(kek)
	if err != nil {
		return nil, err
	}
	ks := &Keystore{records: opts.Records, aead: a, clock: opts.Clock}
	if err := ks.verifyCheck(ctx); err != nil {
		return nil, err
	}
	return ks, nil
}

func loadOrCreateKDF(ctx context.Context, opts Options, mode string) (kdfMeta, error) {
	raw, err := opts.Records.Meta(ctx, metaKDF)
	if domain.IsKind(err, domain.KindNotFound) {
		m := kdfMeta{Mode: mode, Salt: make([]byte, 16)}
		if _, err := rand.Read(m.Salt); err != nil {
			return kdfMeta{}, err
		}
		if mode == modeArgon {
			m.KDFParams = opts.KDF
			if m.KDFParams == (KDFParams{}) {
				m.KDFParams = DefaultKDF
			}
		}
		fresh, err := json.Marshal(m)
		if err != nil {
			return kdfMeta{}, err
		}
		raw, err = opts.Records.PutMetaIfAbsent(ctx, metaKDF, fresh)
		if err != nil {
			return kdfMeta{}, err
		}
	} else if err != nil {
		return kdfMeta{}, err
	}
	var m kdfMeta
	if err := json.Unmarshal(raw, &m); err != nil || len(m.Salt) < 16 {
		return kdfMeta{}, fmt.Errorf("keystore: corrupt KDF metadata")
	}
	if m.Mode == modeArgon && (m.Time == 0 || m.MemoryKiB < 8*uint32(max(m.Threads, 1)) || m.Threads == 0) {
		return kdfMeta{}, fmt.Errorf("keystore: corrupt KDF parameters")
	}
	return m, nil
}

// loadOrCreateMasterKey reads the 32-byte master key file, creating it (0600,
// never overwriting) when absent.
func loadOrCreateMasterKey(path string, log *slog.Logger) ([]byte, error) {
	if path == "" {
		return nil, errors.New("keystore: no passphrase and no master key file path")
	}
	b, err := os.ReadFile(path)
	if err == nil {
		if len(b) != 32 {
			return nil, fmt.Errorf("keystore: master key file %s is corrupt (want 32 bytes, got %d)", path, len(b))
		}
		return b, nil
	}
	if !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("keystore: read master key file: %w", err)
	}
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, fmt.Errorf("keystore: create master key file: %w", err)
	}
	if _, err := f.Write(key); err != nil {
		f.Close()
		return nil, err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return nil, err
	}
	if err := f.Close(); err != nil {
		return nil, err
	}
	log.Warn("no keystore passphrase given: keys are encrypted under a generated master key file; anyone who can read it can decrypt the keys. Set AGENTWALLET_PASSPHRASE for passphrase protection.",
		"masterKeyFile", path)
	return key, nil
}

func (ks *Keystore) verifyCheck(ctx context.Context) error {
	fresh, err := ks.aead.seal([]byte(checkText), []byte(metaCheck))
	if err != nil {
		return err
	}
	stored, err := ks.records.PutMetaIfAbsent(ctx, metaCheck, fresh)
	if err != nil {
		return err
	}
	pt, err := ks.aead.open(stored, []byte(metaCheck))
	if err != nil || string(pt) != checkText {
		return ErrWrongPassphrase
	}
	return nil
}
