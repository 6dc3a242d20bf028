package app

import (
	"context"
	"math/big"
	"time"

	"github.com/agentwallet/agentwallet/domain"
)

// ExecuteInput is a trade execute request.
type ExecuteInput struct {
	QuoteInput
	DeadlineSeconds *int64
	Confirm         bool
	Source          string
	Agent           bool      // the request carried the agent-action header
	IdempotencyKey  string    // optional Idempotency-Key header
	QuotedAt        time.Time // when the caller's quote was taken; zero when none was sent
}

// ExecuteResult is the execute response: always the unsigned transaction(s),
// plus the execution when the daemon signed and broadcast.
type ExecuteResult struct {
	Side                  domain.TradeSide
	Mode                  string // "local" when executed, else "user-sign"
	Quote                 Quote
	Executed              bool
	RequiresUserSignature bool
	UnsignedTx            UnsignedTx
	UnsignedApprovalTx    *UnsignedTx
	RequiresApproval      bool
	Execution             *Execution
	Approval              *Execution // a sell's approval that a policy held; the swap was not sent
	Reason                string     // why the daemon did not sign, when confirm was asked
}

// Execute quotes afresh and either returns unsigned transactions or, with
// confirm, a local key and the permission mode's consent, signs and
// broadcasts them (the approval first when a sell's allowance is short).
func (t *Trading) Execute(ctx context.Context, in ExecuteInput) (ExecuteResult, error) {
	return idempotent(ctx, t, "trade.execute", in.IdempotencyKey, in, func(ctx context.Context) (ExecuteResult, error) {
		return t.execute(ctx, in)
	})
}

func (t *Trading) execute(ctx context.Context, in ExecuteInput) (ExecuteResult, error) {
	// A caller acting on a quote it showed someone must not have the trade
	// silently re-priced long after: refuse stale quotes. The swap itself is
	// always built from a fresh quote.
	if domain.QuoteExpired(in.QuotedAt, t.clock.Now()) {
		return ExecuteResult{}, errQuoteExpired
	}
	q, err := t.Quote(ctx, in.QuoteInput)
	if err != nil {
		return ExecuteResult{}, err
	}
	from := q.Preflight.WalletAddress
	deadline := t.clock.Now().Add(time.Duration(domain.DeadlineSeconds(in.DeadlineSeconds)) * time.Second)
	swap, err := t.chain.Router.SwapCall(domain.SwapParams{Side: q.Side, AmountIn: q.In.Units, MinOut: q.MinReceive.Units, Path: q.Path, Recipient: from, Deadline: deadline})
	if err != nil {
		return ExecuteResult{}, err
	}
	res := ExecuteResult{Side: q.Side, Mode: "user-sign", Quote: q, RequiresUserSignature: true,
		UnsignedTx: t.unsigned(from, swap, deadline.Unix())}
	var approve *domain.EVMCall
	if q.Side == domain.SideSell {
		allowed, err := t.chain.ERC20.Allowance(ctx, q.TokenAddress, from, q.RouterAddress)
		if err != nil {
			return ExecuteResult{}, err
		}
		if allowed.Cmp(q.In.Units) < 0 {
			// Approve the whole balance, not just this sell: the next sell then
			// needs no approval, and the router can never move more than the
			// wallet held (an unlimited approval could).
			held, err := t.chain.ERC20.TokenBalance(ctx, q.TokenAddress, from)
			if err != nil {
				return ExecuteResult{}, err
			}
			call, err := t.chain.ERC20.ApproveCall(q.TokenAddress, q.RouterAddress, maxInt(held, q.In.Units))
			if err != nil {
				return ExecuteResult{}, err
			}
			approve = &call
			u := t.unsigned(from, call, 0)
			u.Spender, u.AmountWei = q.RouterAddress, maxInt(held, q.In.Units).String()
			res.UnsignedApprovalTx, res.RequiresApproval = &u, true
		}
	}
	if !in.Confirm {
		return res, nil
	}
	viaSteward := t.steward.Configured()
	if !viaSteward {
		_, local, err := t.evmWallet(ctx)
		if err != nil {
			return ExecuteResult{}, err
		}
		if !local {
			res.Reason = "no local EVM key: the user must sign"
			return res, nil
		}
	}
	g, err := t.gate(ctx, in.Agent)
	if err != nil {
		return ExecuteResult{}, err
	}
	if !g.LocalSigning {
		res.Reason = g.Reason
		return res, nil
	}
	if domain.QuoteExpired(q.QuotedAt, t.clock.Now()) {
		return ExecuteResult{}, errQuoteExpired
	}
	if refused, err := t.useQuota(ctx, g); err != nil || refused != "" {
		res.Reason = refused
		return res, err
	}
	exec := &Execution{Status: string(domain.TxPending)}
	if approve != nil {
		sent, held, err := t.send(ctx, from, *approve, 0, policyKey(in.IdempotencyKey, "approve"), "token approval for a sell")
		if err != nil {
			return ExecuteResult{}, err
		}
		if held != nil {
			// A held approval stops the sell: the swap would fail without it.
			res.Mode, res.RequiresUserSignature, res.Approval = t.signingMode(), false, held
			return res, nil
		}
		exec.ApprovalHash = sent.Hash
		if err := t.waitSuccess(ctx, sent.Hash); err != nil {
			return ExecuteResult{}, err
		}
	}
	sent, held, err := t.send(ctx, from, swap, swapMinGas, policyKey(in.IdempotencyKey, "swap"), "BSC "+string(q.Side))
	if err != nil {
		return ExecuteResult{}, err
	}
	res.Mode, res.RequiresUserSignature = t.signingMode(), false
	if held != nil {
		held.ApprovalHash = exec.ApprovalHash
		res.Execution = held
		return res, nil
	}
	exec.Hash, exec.Nonce, exec.GasLimit, exec.ValueWei, exec.ExplorerURL = sent.Hash, sent.Nonce, sent.GasLimit, sent.Value.String(), t.TxURL(sent.Hash)
	exec.NonceUnknown = viaSteward
	t.appendLedger(ctx, domain.LedgerRecord{
		Hash: sent.Hash, Kind: domain.LedgerSwap, CreatedAt: t.clock.Now(), Source: domain.ParseTradeSource(in.Source),
		Side: q.Side, TokenAddress: q.TokenAddress, SlippageBps: q.SlippageBps, Route: q.Path, In: q.In, Out: q.Out,
		Nonce: sent.Nonce, ExplorerURL: exec.ExplorerURL,
	})
	res.Executed, res.Execution = true, exec
	return res, nil
}

var errQuoteExpired = domain.Errorf(domain.KindConflict, "Quote expired: request a new one").WithCode("QUOTE_EXPIRED")

// swapMinGas is the floor of a swap's gas limit: estimates for a pair's
// first swap in a block run low (providers.md, section 4).
const swapMinGas = 250_000

func (t *Trading) unsigned(from string, call domain.EVMCall, deadline int64) UnsignedTx {
	return UnsignedTx{ChainID: t.policy.ChainID, From: from, To: call.To, Data: call.Data, ValueWei: call.Value.String(),
		Deadline: deadline, ExplorerURL: t.policy.ExplorerURL}
}

// waitSuccess polls until hash is mined; a revert or a timeout is an error.
func (t *Trading) waitSuccess(ctx context.Context, hash string) error {
	ctx, cancel := context.WithTimeout(ctx, t.policy.ApprovalWait)
	defer cancel()
	for {
		st, err := t.chain.Sender.TxState(ctx, hash)
		if err != nil && ctx.Err() == nil {
			return err
		}
		switch st.Status {
		case domain.TxSuccess:
			return nil
		case domain.TxReverted:
			return domain.Errorf(domain.KindUnprocessable, "token approval %s reverted", hash).WithCode("APPROVAL_REVERTED")
		}
		select {
		case <-ctx.Done():
			return domain.Errorf(domain.KindTimeout, "token approval %s not mined in time; retry the sell once it is", hash).WithCode("APPROVAL_PENDING")
		case <-time.After(t.policy.ApprovalPoll):
		}
	}
}

func maxInt(a, b *big.Int) *big.Int {
	if a.Cmp(b) >= 0 {
		return a
	}
	return b
}
