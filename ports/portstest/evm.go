// Package portstest holds contract suites: one exported Run function per
// port that pins the semantics every adapter of that port must share.
package portstest

import (
	"context"
	"math/big"
	"sync"
	"testing"
	"time"

	"github.com/agentwallet/agentwallet/domain"
	"github.com/agentwallet/agentwallet/ports"
)

// EVMHarness is a chain with a Uniswap-V2-style router, a plain ERC-20 and
// a fee-on-transfer ERC-20 (both 18 decimals, paired with the wrapped native
// token and with liquidity), and a funded wallet the harness can sign for.
type EVMHarness struct {
	Node   ports.EVMNode
	ERC20  ports.ERC20
	Router ports.SwapRouter
	Sender ports.EVMTxSender

	WrappedNative string
	Token         string // plain ERC-20
	FeeToken      string // burns a share of every transfer
	Wallet        string // funded with native coin, holds no tokens
	Sign          ports.SignEVMTxFunc
	// Mine includes every pending transaction in a block; chains that mine
	// on their own may make it a no-op.
	Mine func()
}

// RunEVMChain runs the contract suite of the EVM chain ports against the
// adapter newHarness builds; each subtest gets a fresh chain.
func RunEVMChain(t *testing.T, newHarness func(t *testing.T) EVMHarness) {
	ctx := context.Background()
	ether := new(big.Int).Exp(big.NewInt(10), big.NewInt(18), nil)
	mined := func(t *testing.T, h EVMHarness, hash string) domain.TxState {
		t.Helper()
		h.Mine()
		st, err := h.Sender.TxState(ctx, hash)
		if err != nil {
			t.Fatalf("TxState: %v", err)
		}
		if st.Status != domain.TxSuccess {
			t.Fatalf("tx %s status %s, want success", hash, st.Status)
		}
		return st
	}
	send := func(t *testing.T, h EVMHarness, call domain.EVMCall, minGas uint64) domain.SentTx {
		t.Helper()
		sent, err := h.Sender.Submit(ctx, domain.EVMTxRequest{From: h.Wallet, Call: call, MinGas: minGas}, h.Sign)
		if err != nil {
			t.Fatalf("Submit: %v", err)
		}
		return sent
	}

	t.Run("status_balance_and_code", func(t *testing.T) {
		h := newHarness(t)
		st, err := h.Node.Status(ctx)
		if err != nil || st.Host == "" || st.ChainID == 0 {
			t.Fatalf("Status = %+v, %v", st, err)
		}
		bal, err := h.Node.NativeBalance(ctx, h.Wallet)
		if err != nil || bal.Sign() <= 0 {
			t.Fatalf("NativeBalance = %v, %v", bal, err)
		}
		if ok, err := h.Node.HasCode(ctx, h.Router.RouterAddress()); err != nil || !ok {
			t.Fatalf("HasCode(router) = %v, %v", ok, err)
		}
		if ok, err := h.Node.HasCode(ctx, h.Wallet); err != nil || ok {
			t.Fatalf("HasCode(wallet) = %v, %v", ok, err)
		}
		if _, err := h.Node.NativeBalance(ctx, "0x1234"); domain.CodeOf(err) != "INVALID_ADDRESS" {
			t.Fatalf("NativeBalance(bad) err = %v", err)
		}
	})

	t.Run("token_info_and_invalid_token", func(t *testing.T) {
		h := newHarness(t)
		info, err := h.ERC20.TokenInfo(ctx, h.Token)
		if err != nil || info.Decimals != 18 || info.Symbol == "" || !domain.SameEVMAddress(info.Address, h.Token) {
			t.Fatalf("TokenInfo = %+v, %v", info, err)
		}
		again, err := h.ERC20.TokenInfo(ctx, h.Token)
		if err != nil || again != info {
			t.Fatalf("second TokenInfo = %+v, %v", again, err)
		}
		if _, err := h.ERC20.TokenInfo(ctx, h.Wallet); domain.CodeOf(err) != "INVALID_TOKEN" {
			t.Fatalf("TokenInfo(account without code) err = %v, want INVALID_TOKEN", err)
		}
	})

	t.Run("quote_matches_buy", func(t *testing.T) {
		h := newHarness(t)
		wn, err := h.Router.WrappedNative(ctx)
		if err != nil || !domain.SameEVMAddress(wn, h.WrappedNative) {
			t.Fatalf("WrappedNative = %s, %v", wn, err)
		}
		path := []string{wn, h.Token}
		amounts, err := h.Router.AmountsOut(ctx, ether, path)
		if err != nil || len(amounts) != 2 || amounts[1].Sign() <= 0 {
			t.Fatalf("AmountsOut = %v, %v", amounts, err)
		}
		minOut := domain.MinReceive(amounts[1], 300)
		call, err := h.Router.SwapCall(domain.SwapParams{Side: domain.SideBuy, AmountIn: ether, MinOut: minOut, Path: path, Recipient: h.Wallet, Deadline: time.Now().Add(10 * time.Minute)})
		if err != nil || call.Value.Cmp(ether) != 0 || !domain.SameEVMAddress(call.To, h.Router.RouterAddress()) {
			t.Fatalf("SwapCall = %+v, %v", call, err)
		}
		sent := send(t, h, call, 250_000)
		if sent.GasLimit < 250_000 || sent.Hash == "" {
			t.Fatalf("sent = %+v", sent)
		}
		st := mined(t, h, sent.Hash)
		if st.Confirmations < 1 || st.GasUsed == 0 || st.EffectiveGasPrice == nil || st.Nonce == nil || *st.Nonce != sent.Nonce {
			t.Fatalf("state = %+v", st)
		}
		bal, err := h.ERC20.TokenBalance(ctx, h.Token, h.Wallet)
		if err != nil || bal.Cmp(amounts[1]) != 0 {
			t.Fatalf("bought %v, quoted %v (%v)", bal, amounts[1], err)
		}
	})

	t.Run("sell_needs_approval_once", func(t *testing.T) {
		h := newHarness(t)
		for _, token := range []string{h.Token, h.FeeToken} {
			wn, _ := h.Router.WrappedNative(ctx)
			buy, _ := h.Router.AmountsOut(ctx, ether, []string{wn, token})
			call, err := h.Router.SwapCall(domain.SwapParams{Side: domain.SideBuy, AmountIn: ether, MinOut: domain.MinReceive(buy[1], 300), Path: []string{wn, token}, Recipient: h.Wallet, Deadline: time.Now().Add(time.Minute)})
			if err != nil {
				t.Fatal(err)
			}
			mined(t, h, send(t, h, call, 250_000).Hash)
			held, _ := h.ERC20.TokenBalance(ctx, token, h.Wallet)
			half := new(big.Int).Rsh(held, 1)
			allowed, err := h.ERC20.Allowance(ctx, token, h.Wallet, h.Router.RouterAddress())
			if err != nil || allowed.Sign() != 0 {
				t.Fatalf("initial allowance = %v, %v", allowed, err)
			}
			approve, err := h.ERC20.ApproveCall(token, h.Router.RouterAddress(), held)
			if err != nil || approve.Value.Sign() != 0 || !domain.SameEVMAddress(approve.To, token) {
				t.Fatalf("ApproveCall = %+v, %v", approve, err)
			}
			mined(t, h, send(t, h, approve, 0).Hash)
			if allowed, _ = h.ERC20.Allowance(ctx, token, h.Wallet, h.Router.RouterAddress()); allowed.Cmp(held) != 0 {
				t.Fatalf("allowance after approve = %v, want %v", allowed, held)
			}
			for i := 0; i < 2; i++ { // the second sell reuses the allowance
				q, err := h.Router.AmountsOut(ctx, half, []string{token, wn})
				if err != nil {
					t.Fatal(err)
				}
				// A taxed token delivers less to the pair than sent, so leave room.
				sell, err := h.Router.SwapCall(domain.SwapParams{Side: domain.SideSell, AmountIn: half, MinOut: domain.MinReceive(q[1], 300), Path: []string{token, wn}, Recipient: h.Wallet, Deadline: time.Now().Add(time.Minute)})
				if err != nil || sell.Value.Sign() != 0 {
					t.Fatalf("SwapCall(sell) = %+v, %v", sell, err)
				}
				mined(t, h, send(t, h, sell, 250_000).Hash)
			}
		}
	})

	t.Run("erc20_and_native_transfer_arrive", func(t *testing.T) {
		h := newHarness(t)
		wn, _ := h.Router.WrappedNative(ctx)
		call, _ := h.Router.SwapCall(domain.SwapParams{Side: domain.SideBuy, AmountIn: ether, MinOut: big.NewInt(1), Path: []string{wn, h.Token}, Recipient: h.Wallet, Deadline: time.Now().Add(time.Minute)})
		mined(t, h, send(t, h, call, 250_000).Hash)
		to := "0x00000000000000000000000000000000000000aa"
		tr, err := h.ERC20.TransferCall(h.Token, to, big.NewInt(12345))
		if err != nil {
			t.Fatal(err)
		}
		mined(t, h, send(t, h, tr, 0).Hash)
		if got, _ := h.ERC20.TokenBalance(ctx, h.Token, to); got.Cmp(big.NewInt(12345)) != 0 {
			t.Fatalf("recipient token balance = %v", got)
		}
		sent := send(t, h, domain.EVMCall{To: to, Value: big.NewInt(777)}, 0)
		if sent.GasLimit != 21_000 {
			t.Errorf("native transfer gas limit = %d, want 21000", sent.GasLimit)
		}
		mined(t, h, sent.Hash)
		if got, _ := h.Node.NativeBalance(ctx, to); got.Cmp(big.NewInt(777)) != 0 {
			t.Fatalf("recipient native balance = %v", got)
		}
	})

	t.Run("concurrent_sends_get_consecutive_nonces", func(t *testing.T) {
		h := newHarness(t)
		const n = 20
		var wg sync.WaitGroup
		sent := make([]domain.SentTx, n)
		errs := make([]error, n)
		for i := range n {
			wg.Go(func() {
				sent[i], errs[i] = h.Sender.Submit(ctx, domain.EVMTxRequest{From: h.Wallet, Call: domain.EVMCall{To: "0x00000000000000000000000000000000000000bb", Value: big.NewInt(1)}}, h.Sign)
			})
		}
		wg.Wait()
		seen := map[uint64]bool{}
		var lo uint64 = 1 << 63
		for i := range n {
			if errs[i] != nil {
				t.Fatalf("send %d: %v", i, errs[i])
			}
			seen[sent[i].Nonce] = true
			lo = min(lo, sent[i].Nonce)
		}
		for k := lo; k < lo+n; k++ {
			if !seen[k] {
				t.Fatalf("nonces not consecutive: missing %d in %v", k, seen)
			}
		}
		h.Mine()
		for i := range n {
			mined(t, h, sent[i].Hash)
		}
	})

	t.Run("failures_are_classified", func(t *testing.T) {
		h := newHarness(t)
		bal, _ := h.Node.NativeBalance(ctx, h.Wallet)
		_, err := h.Sender.Submit(ctx, domain.EVMTxRequest{From: h.Wallet, Call: domain.EVMCall{To: h.Token, Value: new(big.Int).Add(bal, ether)}}, h.Sign)
		if k := domain.KindOf(err); k != domain.KindInsufficientFunds {
			t.Errorf("overspend: kind %v (%v), want insufficient funds", k, err)
		}
		tr, _ := h.ERC20.TransferCall(h.Token, h.Token, ether) // the wallet holds no tokens
		if _, err := h.Sender.Submit(ctx, domain.EVMTxRequest{From: h.Wallet, Call: tr}, h.Sign); domain.CodeOf(err) != "EXECUTION_REVERTED" {
			t.Errorf("reverting call: %v, want EXECUTION_REVERTED", err)
		}
		if _, err := h.Router.AmountsOut(ctx, ether, []string{h.Token, h.FeeToken}); domain.CodeOf(err) != "NO_LIQUIDITY" {
			t.Errorf("quote without a pair: %v, want NO_LIQUIDITY", err)
		}
		st, err := h.Sender.TxState(ctx, "0x"+repeat("ab", 32))
		if err != nil || st.Status != domain.TxNotFound {
			t.Errorf("unknown hash = %+v, %v", st, err)
		}
		if _, err := h.Sender.TxState(ctx, "0x12"); domain.KindOf(err) != domain.KindInvalid {
			t.Errorf("bad hash err = %v", err)
		}
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		if _, err := h.Node.Status(cctx); err == nil {
			t.Error("cancelled context still answered")
		}
	})
}

func repeat(s string, n int) string {
	out := ""
	for range n {
		out += s
	}
	return out
}
