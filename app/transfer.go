package app

import (
	"context"
	"strings"

	"github.com/agentwallet/agentwallet/domain"
)

// TransferInput is a transfer request.
type TransferInput struct {
	ToAddress      string
	Amount         string
	AssetSymbol    string
	TokenAddress   string
	Confirm        bool
	Agent          bool
	IdempotencyKey string
}

// TransferResult is the transfer response.
type TransferResult struct {
	Mode                  string
	Executed              bool
	RequiresUserSignature bool
	ToAddress             string
	Amount                string
	AssetSymbol           string
	TokenAddress          string // empty for BNB
	UnsignedTx            UnsignedTx
	Execution             *Execution
	Reason                string
}

// Transfer sends BNB or an ERC-20, or returns the unsigned transaction.
func (t *Trading) Transfer(ctx context.Context, in TransferInput) (TransferResult, error) {
	return idempotent(ctx, t, "transfer.execute", in.IdempotencyKey, in, func(ctx context.Context) (TransferResult, error) {
		return t.transfer(ctx, in)
	})
}

func (t *Trading) transfer(ctx context.Context, in TransferInput) (TransferResult, error) {
	if strings.TrimSpace(in.ToAddress) == "" || strings.TrimSpace(in.Amount) == "" || strings.TrimSpace(in.AssetSymbol) == "" {
		return TransferResult{}, domain.Errorf(domain.KindInvalid, "toAddress, amount and assetSymbol are required")
	}
	to, err := domain.ParseEVMAddress(in.ToAddress)
	if err != nil {
		return TransferResult{}, domain.Errorf(domain.KindInvalid, "Invalid toAddress").WithCode("INVALID_ADDRESS").Wrap(err)
	}
	if to == domain.ZeroEVMAddress {
		return TransferResult{}, domain.Errorf(domain.KindInvalid, "toAddress is the zero address: the funds would be burnt").WithCode("INVALID_ADDRESS")
	}
	from, local, err := t.evmWallet(ctx)
	if err != nil {
		return TransferResult{}, err
	}
	if from == "" {
		return TransferResult{}, domain.Errorf(domain.KindConflict, "No EVM wallet: generate or import one first").WithCode("NO_WALLET")
	}
	symbol := strings.TrimSpace(in.AssetSymbol)
	res := TransferResult{Mode: "user-sign", RequiresUserSignature: true, ToAddress: to, AssetSymbol: symbol}
	var call domain.EVMCall
	var amount domain.AssetAmount
	if strings.EqualFold(symbol, "BNB") {
		res.AssetSymbol = "BNB"
		amount = domain.AssetAmount{Symbol: "BNB", Decimals: 18}
		if amount.Units, err = domain.ParsePositiveUnits(in.Amount, 18); err != nil {
			return TransferResult{}, err
		}
		bal, err := t.chain.Node.NativeBalance(ctx, from)
		if err != nil {
			return TransferResult{}, err
		}
		if bal.Cmp(amount.Units) < 0 {
			return TransferResult{}, domain.Errorf(domain.KindInsufficientFunds, "BNB balance %s is below %s", domain.FormatUnits(bal, 18), amount.String()).WithCode("INSUFFICIENT_BALANCE")
		}
		call = domain.EVMCall{To: to, Value: amount.Units}
	} else {
		if strings.TrimSpace(in.TokenAddress) == "" {
			return TransferResult{}, domain.Errorf(domain.KindInvalid, "tokenAddress is required for %s", domain.Clip(symbol, 16))
		}
		token, err := domain.ParseEVMAddress(in.TokenAddress)
		if err != nil {
			return TransferResult{}, err
		}
		info, err := t.chain.ERC20.TokenInfo(ctx, token)
		if err != nil {
			return TransferResult{}, err
		}
		res.TokenAddress = info.Address
		amount = domain.AssetAmount{Symbol: symbol, Decimals: info.Decimals}
		if amount.Units, err = domain.ParsePositiveUnits(in.Amount, info.Decimals); err != nil {
			return TransferResult{}, err
		}
		bal, err := t.chain.ERC20.TokenBalance(ctx, token, from)
		if err != nil {
			return TransferResult{}, err
		}
		if bal.Cmp(amount.Units) < 0 {
			return TransferResult{}, domain.Errorf(domain.KindInsufficientFunds, "%s balance %s is below %s", domain.Clip(symbol, 16), domain.FormatUnits(bal, info.Decimals), amount.String()).WithCode("INSUFFICIENT_BALANCE")
		}
		if call, err = t.chain.ERC20.TransferCall(token, to, amount.Units); err != nil {
			return TransferResult{}, err
		}
	}
	res.Amount = amount.String()
	res.UnsignedTx = t.unsigned(from, call, 0)
	if !in.Confirm {
		return res, nil
	}
	viaSteward := t.steward.Configured()
	if !local && !viaSteward {
		res.Reason = "no local EVM key: the user must sign"
		return res, nil
	}
	g, err := t.gate(ctx, in.Agent)
	if err != nil {
		return TransferResult{}, err
	}
	if !g.LocalSigning {
		res.Reason = g.Reason
		return res, nil
	}
	if refused, err := t.useQuota(ctx, g); err != nil || refused != "" {
		res.Reason = refused
		return res, err
	}
	sent, held, err := t.send(ctx, from, call, 0, policyKey(in.IdempotencyKey, "transfer"), "transfer "+res.Amount+" "+domain.Clip(symbol, 16))
	if err != nil {
		return TransferResult{}, err
	}
	res.Mode, res.RequiresUserSignature = t.signingMode(), false
	if held != nil {
		res.Execution = held
		return res, nil
	}
	exec := &Execution{Hash: sent.Hash, Nonce: sent.Nonce, GasLimit: sent.GasLimit, ValueWei: sent.Value.String(), ExplorerURL: t.TxURL(sent.Hash),
		Status: string(domain.TxPending), NonceUnknown: viaSteward}
	t.appendLedger(ctx, domain.LedgerRecord{
		Hash: sent.Hash, Kind: domain.LedgerTransfer, CreatedAt: t.clock.Now(), Source: sourceOf(in.Agent),
		TokenAddress: res.TokenAddress, In: amount, Out: amount, Nonce: sent.Nonce, ExplorerURL: exec.ExplorerURL,
	})
	res.Executed, res.Execution = true, exec
	return res, nil
}

func sourceOf(agent bool) domain.TradeSource {
	if agent {
		return domain.SourceAgent
	}
	return domain.SourceManual
}
