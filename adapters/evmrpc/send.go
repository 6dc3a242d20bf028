package evmrpc

import (
	"context"
	"errors"
	"math/big"
	"strings"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/agentwallet/agentwallet/domain"
	"github.com/agentwallet/agentwallet/ports"
)

// plainTransferGas is the exact cost of a native transfer to an account
// without code; it needs no padding.
const plainTransferGas = 21_000

// Submit prices, nonces, signs and broadcasts req.
func (c *Client) Submit(ctx context.Context, req domain.EVMTxRequest, sign ports.SignEVMTxFunc) (domain.SentTx, error) {
	from, err := toAddress(req.From)
	if err != nil {
		return domain.SentTx{}, err
	}
	to, err := toAddress(req.Call.To)
	if err != nil {
		return domain.SentTx{}, err
	}
	value := req.Call.Value
	if value == nil {
		value = new(big.Int)
	}
	gas, err := c.gasLimit(ctx, ethereum.CallMsg{From: from, To: &to, Value: value, Data: req.Call.Data}, req.MinGas)
	if err != nil {
		return domain.SentTx{}, err
	}
	var price *big.Int
	if err := c.do(ctx, "bsc.gasprice", func(ctx context.Context, ep *endpoint) (err error) {
		price, err = ep.Backend.SuggestGasPrice(ctx)
		return err
	}); err != nil {
		return domain.SentTx{}, err
	}

	w := c.nonces.lock(from.Hex())
	defer w.mu.Unlock()
	tx := domain.EVMTx{ChainID: c.chainID, To: to.Hex(), Value: value, Data: req.Call.Data, Gas: gas, GasPrice: price}
	for attempt := 0; ; attempt++ {
		if !w.known {
			n, err := c.pendingNonce(ctx, from)
			if err != nil {
				return domain.SentTx{}, err
			}
			w.next, w.known = n, true
		}
		tx.Nonce = w.next
		signed, err := sign(ctx, tx)
		if err != nil {
			return domain.SentTx{}, err
		}
		err = c.broadcast(ctx, signed)
		if err == nil {
			w.next++
			return domain.SentTx{Hash: signed.Hash, Nonce: tx.Nonce, GasLimit: gas, GasPrice: price, Value: value}, nil
		}
		// Whatever went wrong, the node's count is the truth from now on.
		w.known = false
		if attempt == 0 && domain.CodeOf(err) == "NONCE_CONFLICT" {
			continue
		}
		return domain.SentTx{}, err
	}
}

// gasLimit estimates and pads: the estimate runs against the latest block's
// timestamp, and the pair's first write in a new block costs more (see
// providers.md, section 4), so a bare estimate can revert for out of gas.
func (c *Client) gasLimit(ctx context.Context, msg ethereum.CallMsg, floor uint64) (uint64, error) {
	var est uint64
	if err := c.do(ctx, "bsc.estimategas", func(ctx context.Context, ep *endpoint) (err error) {
		est, err = ep.Backend.EstimateGas(ctx, msg)
		return err
	}); err != nil {
		return 0, err
	}
	if est == plainTransferGas && len(msg.Data) == 0 {
		return est, nil
	}
	limit := est + est*uint64(c.opts.GasPadPercent)/100
	limit = max(limit, floor)
	return min(limit, max(c.opts.MaxGas, est)), nil
}

func (c *Client) pendingNonce(ctx context.Context, from common.Address) (uint64, error) {
	var n uint64
	err := c.do(ctx, "bsc.nonce", func(ctx context.Context, ep *endpoint) (err error) {
		n, err = ep.Backend.PendingNonceAt(ctx, from)
		return err
	})
	return n, err
}

// broadcast sends the signed bytes. "already known" means an earlier attempt
// (perhaps through another endpoint) got there: that is success.
func (c *Client) broadcast(ctx context.Context, signed domain.SignedTx) error {
	var tx types.Transaction
	if err := tx.UnmarshalBinary(signed.Raw); err != nil {
		return domain.Errorf(domain.KindInternal, "signer produced an undecodable transaction").Wrap(err)
	}
	if signed.Hash != "" && !strings.EqualFold(tx.Hash().Hex(), signed.Hash) {
		return domain.Errorf(domain.KindInternal, "signed hash %s does not match the transaction %s", signed.Hash, tx.Hash().Hex())
	}
	err := c.do(ctx, "bsc.send", func(ctx context.Context, ep *endpoint) error {
		if err := ep.Backend.SendTransaction(ctx, &tx); err != nil && !isAlreadyKnown(err) {
			return err
		}
		return nil
	})
	return err
}

// TxState looks a transaction up: receipt first, then the pool.
func (c *Client) TxState(ctx context.Context, hash string) (domain.TxState, error) {
	h, err := parseHash(hash)
	if err != nil {
		return domain.TxState{}, err
	}
	st := domain.TxState{Hash: h.Hex()}
	err = c.do(ctx, "bsc.txstatus", func(ctx context.Context, ep *endpoint) error {
		tx, pending, err := ep.Backend.TransactionByHash(ctx, h)
		if errors.Is(err, ethereum.NotFound) {
			st.Status = domain.TxNotFound
			return nil
		}
		if err != nil {
			return err
		}
		n := tx.Nonce()
		st.Nonce = &n
		if pending {
			st.Status = domain.TxPending
			return nil
		}
		r, err := ep.Backend.TransactionReceipt(ctx, h)
		if errors.Is(err, ethereum.NotFound) {
			st.Status = domain.TxPending // mined per the index, receipt not served yet
			return nil
		}
		if err != nil {
			return err
		}
		head, err := ep.Backend.BlockNumber(ctx)
		if err != nil {
			return err
		}
		st.Status = domain.TxReverted
		if r.Status == types.ReceiptStatusSuccessful {
			st.Status = domain.TxSuccess
		}
		st.BlockNumber = r.BlockNumber.Uint64()
		if head >= st.BlockNumber {
			st.Confirmations = head - st.BlockNumber + 1
		}
		st.GasUsed = r.GasUsed
		st.EffectiveGasPrice = r.EffectiveGasPrice
		return nil
	})
	return st, err
}

func parseHash(s string) (common.Hash, error) {
	h := strings.TrimSpace(s)
	if len(h) != 66 || !strings.HasPrefix(h, "0x") {
		return common.Hash{}, domain.Errorf(domain.KindInvalid, "hash must be 0x followed by 64 hex digits").WithCode("INVALID_HASH")
	}
	for _, r := range h[2:] {
		if !strings.ContainsRune("0123456789abcdefABCDEF", r) {
			return common.Hash{}, domain.Errorf(domain.KindInvalid, "hash must be 0x followed by 64 hex digits").WithCode("INVALID_HASH")
		}
	}
	return common.HexToHash(h), nil
}
