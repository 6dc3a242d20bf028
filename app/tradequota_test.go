package app_test

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"go.uber.org/mock/gomock"

	"github.com/agentwallet/agentwallet/app"
	"github.com/agentwallet/agentwallet/domain"
	"github.com/agentwallet/agentwallet/ports"
)

// barrierCounter is an in-memory attempt counter whose first n
// CountAttempts calls wait until n of them have arrived (or a short time
// passed), so concurrent requests all read the same count, as they can
// against the store.
type barrierCounter struct {
	mu      sync.Mutex
	at      []time.Time
	n       int
	arrived int
	release chan struct{}
}

func newBarrierCounter(n int) *barrierCounter {
	return &barrierCounter{n: n, release: make(chan struct{})}
}

func (c *barrierCounter) RecordAttempt(_ context.Context, _ string, at time.Time, _ time.Duration) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.at = append(c.at, at)
	return len(c.at), nil
}

func (c *barrierCounter) CountAttempts(_ context.Context, _ string, since time.Time) (int, error) {
	c.mu.Lock()
	wait := c.arrived < c.n
	if wait {
		c.arrived++
		if c.arrived == c.n {
			close(c.release)
		}
	}
	c.mu.Unlock()
	if wait {
		select {
		case <-c.release:
		case <-time.After(2 * time.Second):
		}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	count := 0
	for _, at := range c.at {
		if !at.Before(since) {
			count++
		}
	}
	return count, nil
}

// TestConcurrentAgentTradesStayWithinDailyLimit pins that agent-auto's daily
// quota holds under concurrency: requests that all saw the same count
// before booking must not together sign more trades than the limit.
func TestConcurrentAgentTradesStayWithinDailyLimit(t *testing.T) {
	const callers, limit = 28, 25 // newTrading's daily limit
	tr, m := newTrading(t, "agent-auto")
	counter := newBarrierCounter(callers)
	m.attempts.EXPECT().CountAttempts(gomock.Any(), gomock.Any(), gomock.Any()).DoAndReturn(counter.CountAttempts).AnyTimes()
	m.attempts.EXPECT().RecordAttempt(gomock.Any(), gomock.Any(), gomock.Any(), gomock.Any()).DoAndReturn(counter.RecordAttempt).AnyTimes()
	m.expectBuyQuote()
	m.settings.EXPECT().Setting(gomock.Any(), app.SettingTradePermissionMode).Return("", false, nil).AnyTimes()
	var sent atomic.Int32
	m.sender.EXPECT().Submit(gomock.Any(), gomock.Any(), gomock.Any()).DoAndReturn(func(_ context.Context, req domain.EVMTxRequest, _ ports.SignEVMTxFunc) (domain.SentTx, error) {
		n := sent.Add(1)
		return domain.SentTx{Hash: fmt.Sprintf("0x%02x", n), Nonce: uint64(n), Value: req.Call.Value}, nil
	}).AnyTimes()
	m.ledger.EXPECT().AppendLedger(gomock.Any(), gomock.Any()).Return(nil).AnyTimes()

	var wg sync.WaitGroup
	var executed, refused atomic.Int32
	for range callers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res, err := tr.Execute(context.Background(), buyInput(true, true))
			switch {
			case err != nil:
				t.Errorf("Execute: %v", err)
			case res.Executed:
				executed.Add(1)
			case res.Reason != "":
				refused.Add(1)
			}
		}()
	}
	wg.Wait()
	if executed.Load() != limit || sent.Load() != limit || refused.Load() != callers-limit {
		t.Fatalf("executed %d, sent %d, refused %d; want %d, %d, %d", executed.Load(), sent.Load(), refused.Load(), limit, limit, callers-limit)
	}
}
