package keystore

import (
	"context"
	"crypto/ed25519"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/agentwallet/agentwallet/domain"
)

// SignEVMTx signs tx with the EVM key (EIP-155 / EIP-1559 by chain id).
func (ks *Keystore) SignEVMTx(ctx context.Context, tx domain.EVMTx) (domain.SignedTx, error) {
	if tx.ChainID == nil || tx.ChainID.Sign() <= 0 {
		return domain.SignedTx{}, domain.Errorf(domain.KindInvalid, "transaction has no chain id")
	}
	var to *common.Address
	if tx.To != "" {
		if !common.IsHexAddress(tx.To) {
			return domain.SignedTx{}, domain.Errorf(domain.KindInvalid, "transaction recipient %q is not an EVM address", tx.To).WithCode("INVALID_ADDRESS")
		}
		a := common.HexToAddress(tx.To)
		to = &a
	}
	var inner types.TxData
	if tx.GasFeeCap != nil {
		inner = &types.DynamicFeeTx{ChainID: tx.ChainID, Nonce: tx.Nonce, To: to, Value: tx.Value, Data: tx.Data,
			Gas: tx.Gas, GasFeeCap: tx.GasFeeCap, GasTipCap: tx.GasTipCap}
	} else {
		inner = &types.LegacyTx{Nonce: tx.Nonce, To: to, Value: tx.Value, Data: tx.Data, Gas: tx.Gas, GasPrice: tx.GasPrice}
	}
	secret, _, err := ks.secret(ctx, domain.ChainEVM)
	if err != nil {
		return domain.SignedTx{}, err
	}
	defer clear(secret)
	priv, err := crypto.ToECDSA(secret)
	if err != nil {
		return domain.SignedTx{}, &domain.Error{Op: "keystore.sign", Kind: domain.KindInternal, Err: err}
	}
	signed, err := types.SignNewTx(priv, types.LatestSignerForChainID(tx.ChainID), inner)
	priv.D.SetInt64(0)
	if err != nil {
		return domain.SignedTx{}, &domain.Error{Op: "keystore.sign", Kind: domain.KindInvalid, Msg: "cannot sign transaction", Err: err}
	}
	raw, err := signed.MarshalBinary()
	if err != nil {
		return domain.SignedTx{}, &domain.Error{Op: "keystore.sign", Kind: domain.KindInternal, Err: err}
	}
	return domain.SignedTx{Raw: raw, Hash: signed.Hash().Hex(), From: crypto.PubkeyToAddress(priv.PublicKey).Hex()}, nil
}

// SignSolana signs message with the Solana key.
func (ks *Keystore) SignSolana(ctx context.Context, message []byte) ([]byte, error) {
	secret, _, err := ks.secret(ctx, domain.ChainSolana)
	if err != nil {
		return nil, err
	}
	defer clear(secret)
	return ed25519.Sign(ed25519.PrivateKey(secret), message), nil
}
