package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strings"
	"sync/atomic"

	"github.com/agentwallet/agentwallet/domain"
)

// maxIdempotencyKeyLen bounds the header we store.
const maxIdempotencyKeyLen = 200

// idempotent runs fn once per (scope, key): a retry with the same key and
// the same input gets the first result without running fn again; the same
// key with another input is a conflict. An empty key runs fn directly.
func idempotent[In any, Out any](ctx context.Context, t *Trading, scope, key string, in In, fn func(context.Context) (Out, error)) (Out, error) {
	var zero Out
	key = strings.TrimSpace(key)
	if key == "" {
		return fn(ctx)
	}
	if len(key) > maxIdempotencyKeyLen {
		return zero, domain.Errorf(domain.KindInvalid, "Idempotency-Key longer than %d characters", maxIdempotencyKeyLen)
	}
	body, err := json.Marshal(in)
	if err != nil {
		return zero, domain.Errorf(domain.KindInternal, "fingerprint request").Wrap(err)
	}
	sum := sha256.Sum256(body)
	fp := hex.EncodeToString(sum[:])
	rec, claimed, err := t.idem.ClaimIdempotencyKey(ctx, scope, key, fp, t.clock.Now())
	if err != nil {
		return zero, err
	}
	if !claimed {
		if rec.Fingerprint != fp {
			return zero, domain.Errorf(domain.KindConflict, "Idempotency-Key was used with a different request").WithCode("IDEMPOTENCY_KEY_REUSED")
		}
		if rec.Response == nil {
			return zero, domain.Errorf(domain.KindConflict, "a request with this Idempotency-Key is still running, or ended with its broadcast in doubt: check tx-status before retrying with a new key").WithCode("IDEMPOTENCY_IN_PROGRESS")
		}
		var out Out
		if err := json.Unmarshal(rec.Response, &out); err != nil {
			return zero, domain.Errorf(domain.KindInternal, "stored idempotent response").Wrap(err)
		}
		return out, nil
	}
	mark := &broadcastMark{}
	out, err := fn(context.WithValue(ctx, broadcastMarkKey{}, mark))
	if err != nil {
		if mark.attempted.Load() && outcomeUnknown(err) {
			// A transaction may be on its way (a broadcast that timed out can
			// still have reached the node): keep the key claimed so a retry
			// with it cannot send the funds twice.
			t.log.WarnContext(ctx, "idempotency key kept after an uncertain broadcast", "scope", scope, "err", err.Error())
			return zero, err
		}
		// Nothing was sent; let a retry run.
		if rerr := t.idem.ReleaseIdempotencyKey(context.WithoutCancel(ctx), scope, key); rerr != nil {
			t.log.ErrorContext(ctx, "release idempotency key", "err", rerr.Error())
		}
		return zero, err
	}
	resp, err := json.Marshal(out)
	if err == nil {
		err = t.idem.CompleteIdempotencyKey(context.WithoutCancel(ctx), scope, key, resp)
	}
	if err != nil {
		t.log.ErrorContext(ctx, "store idempotent response", "err", err.Error())
	}
	return out, nil
}

// broadcastMark records, for one idempotent request, whether signing and
// broadcasting (locally or through Steward) began.
type broadcastMark struct{ attempted atomic.Bool }

type broadcastMarkKey struct{}

// markBroadcast notes in ctx that a transaction is about to be signed and
// sent; idempotent then keeps the key after an uncertain failure.
func markBroadcast(ctx context.Context) {
	if m, ok := ctx.Value(broadcastMarkKey{}).(*broadcastMark); ok {
		m.attempted.Store(true)
	}
}

// outcomeUnknown reports whether err leaves open that the transaction was
// sent: anything but a definite refusal.
func outcomeUnknown(err error) bool {
	switch domain.KindOf(err) {
	case domain.KindTimeout, domain.KindUnavailable, domain.KindUpstream, domain.KindInternal:
		return true
	}
	return false
}
