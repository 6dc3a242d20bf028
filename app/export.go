package app

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"strconv"
	"strings"

	"github.com/agentwallet/agentwallet/domain"
)

const exportAction = "wallet.export"

// ExportInput is a key export request as the transport received it.
type ExportInput struct {
	Confirm     bool
	HeaderToken string // X-Eliza-Export-Token; preferred over BodyToken
	BodyToken   string // body exportToken
	Client      string // client address and user agent, for the audit log
}

// ExportResult holds the exported keys; nil where no key exists.
type ExportResult struct {
	EVM    *domain.ExportedKey
	Solana *domain.ExportedKey
}

// Export returns the private keys in plaintext after every guard passes:
// not disabled, under the rate limit, confirmed, and with the export token
// when one is configured. Every attempt is audited, and an attempt that
// cannot be audited is refused.
func (w *Wallets) Export(ctx context.Context, in ExportInput) (ExportResult, error) {
	now := w.clock.Now()
	refuse := func(outcome string, err *domain.Error) (ExportResult, error) {
		if aerr := w.audit.RecordAudit(ctx, domain.AuditEntry{At: now, Action: exportAction, Outcome: outcome, Client: in.Client}); aerr != nil {
			return ExportResult{}, aerr
		}
		w.log.WarnContext(ctx, "wallet export refused", "outcome", outcome, "client", in.Client)
		return ExportResult{}, err.WithOp(exportAction)
	}
	if w.export.Disabled {
		return refuse("refused:disabled", domain.Errorf(domain.KindGone, "private key export is disabled by the operator (AGENTWALLET_EXPORT_DISABLED)").WithCode("EXPORT_DISABLED"))
	}
	n, err := w.attempts.RecordAttempt(ctx, exportAction, now, w.export.Window)
	if err != nil {
		return ExportResult{}, err
	}
	if n > w.export.MaxAttempts {
		return refuse("refused:rate_limited", domain.Errorf(domain.KindRateLimited, "too many export attempts: at most %d per %s", w.export.MaxAttempts, w.export.Window))
	}
	if !in.Confirm {
		return refuse("refused:unconfirmed", domain.Errorf(domain.KindForbidden, "export requires explicit confirmation: send \"confirm\": true").WithCode("EXPORT_FORBIDDEN"))
	}
	if w.export.Token != "" {
		given := strings.TrimSpace(in.HeaderToken)
		if given == "" {
			given = strings.TrimSpace(in.BodyToken)
		}
		if given == "" {
			return refuse("refused:token_missing", domain.Errorf(domain.KindUnauthenticated, "export token required (X-Eliza-Export-Token header or exportToken field)"))
		}
		if !equalSecret(given, w.export.Token) {
			return refuse("refused:token_invalid", domain.Errorf(domain.KindUnauthenticated, "invalid export token"))
		}
	}
	keys, err := w.keys.Export(ctx)
	if err != nil {
		return ExportResult{}, err
	}
	var out ExportResult
	for i := range keys {
		switch keys[i].Chain {
		case domain.ChainEVM:
			out.EVM = &keys[i]
		case domain.ChainSolana:
			out.Solana = &keys[i]
		}
	}
	if err := w.audit.RecordAudit(ctx, domain.AuditEntry{At: now, Action: exportAction, Outcome: "allowed", Client: in.Client,
		Detail: "exported " + strconv.Itoa(len(keys)) + " key(s)"}); err != nil {
		return ExportResult{}, err
	}
	w.log.WarnContext(ctx, "wallet private keys exported", "client", in.Client, "count", len(keys))
	return out, nil
}

// equalSecret compares in constant time, also hiding the lengths.
func equalSecret(a, b string) bool {
	ha, hb := sha256.Sum256([]byte(a)), sha256.Sum256([]byte(b))
	return subtle.ConstantTimeCompare(ha[:], hb[:]) == 1
}
