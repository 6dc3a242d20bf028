package ports

import (
	"context"
	"time"

	"github.com/agentwallet/agentwallet/domain"
)

//go:generate go tool mockgen -typed -destination=../mocks/store.go -package=mocks . KeyRecords,AuditLog,AttemptCounter,Settings

// KeyRecord is an encrypted private key as stored: the keystore encrypts,
// the store only keeps bytes.
type KeyRecord struct {
	Chain      domain.Chain
	Address    string
	Version    int
	Nonce      []byte
	Ciphertext []byte
	CreatedAt  time.Time
}

// KeyRecords persists encrypted key records and the keystore's metadata (KDF
// salt and parameters, key check value).
type KeyRecords interface {
	// KeyRecord returns the record of chain; none gives KindNotFound.
	KeyRecord(ctx context.Context, chain domain.Chain) (KeyRecord, error)
	// KeyRecordList returns every record, EVM first.
	KeyRecordList(ctx context.Context) ([]KeyRecord, error)
	// PutKeyRecord inserts or replaces the record of rec.Chain atomically.
	PutKeyRecord(ctx context.Context, rec KeyRecord) error
	// Meta returns the metadata value of key; none gives KindNotFound.
	Meta(ctx context.Context, key string) ([]byte, error)
	// PutMetaIfAbsent stores value under key unless one exists, and returns
	// the value that is stored afterwards (so two starters agree).
	PutMetaIfAbsent(ctx context.Context, key string, value []byte) ([]byte, error)
}

// AuditLog is the persistent security log.
type AuditLog interface {
	// RecordAudit appends e. Failure is KindInternal.
	RecordAudit(ctx context.Context, e domain.AuditEntry) error
	// AuditEntries returns the newest entries first, at most limit.
	AuditEntries(ctx context.Context, action string, limit int) ([]domain.AuditEntry, error)
}

// AttemptCounter counts attempts per scope in a sliding window, durably, so a
// restart does not reset a rate limit.
type AttemptCounter interface {
	// RecordAttempt records one attempt in scope at time at and returns how
	// many attempts scope has in (at-window, at], this one included.
	RecordAttempt(ctx context.Context, scope string, at time.Time, window time.Duration) (int, error)
	// CountAttempts returns how many attempts scope has in [since, ∞).
	CountAttempts(ctx context.Context, scope string, since time.Time) (int, error)
}

// Settings persists configuration changed through the API. Values written
// here win over the config file and the environment.
type Settings interface {
	// Setting returns the value of key and whether it is set.
	Setting(ctx context.Context, key string) (string, bool, error)
	// AllSettings returns every stored setting.
	AllSettings(ctx context.Context) (map[string]string, error)
	// UpdateSettings applies changes in one transaction: a nil value deletes
	// the key, any other value sets it.
	UpdateSettings(ctx context.Context, changes map[string]*string) error
}
