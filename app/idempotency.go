package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strings"

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
			return zero, domain.Errorf(domain.KindConflict, "a request with this Idempotency-Key is still running").WithCode("IDEMPOTENCY_IN_PROGRESS")
		}
		var out Out
		if err := json.Unmarshal(rec.Response, &out); err != nil {
			return zero, domain.Errorf(domain.KindInternal, "stored idempotent response").Wrap(err)
		}
		return out, nil
	}
	out, err := fn(ctx)
	if err != nil {
		// Nothing this request did is worth replaying; let a retry run.
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
