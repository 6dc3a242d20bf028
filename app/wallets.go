package app

import (
	"context"
	"log/slog"
	"time"

	"github.com/agentwallet/agentwallet/ports"
)

// Wallets is the key-management use case group: addresses, generate,
// import and the guarded export.
type Wallets struct {
	keys     ports.KeyStore
	audit    ports.AuditLog
	attempts ports.AttemptCounter
	clock    ports.Clock
	log      *slog.Logger
	export   ExportPolicy
	steward  stewardWallets                                                // nil unless Steward is configured
	primary  func(ctx context.Context, local Addresses) (Addresses, error) // nil: local addresses
}

// ExportPolicy is how the operator guards key export.
type ExportPolicy struct {
	Token       string        // when set, callers must present it
	Disabled    bool          // export answers 410
	MaxAttempts int           // attempts allowed per Window
	Window      time.Duration // rate-limit window
}

// NewWallets builds the use case group from its ports.
func NewWallets(keys ports.KeyStore, audit ports.AuditLog, attempts ports.AttemptCounter, clock ports.Clock, log *slog.Logger, export ExportPolicy) *Wallets {
	return &Wallets{keys: keys, audit: audit, attempts: attempts, clock: clock, log: log, export: export}
}
