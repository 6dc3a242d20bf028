package evmtest

import (
	"context"
	"crypto/ecdsa"
	"sync/atomic"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/agentwallet/agentwallet/domain"
)

// Signer signs domain transactions with key, as the keystore's ports.Signer
// does in the daemon, and counts its calls.
type Signer struct {
	Key   *ecdsa.PrivateKey
	signs atomic.Int64
}

// Signs returns how many transactions were signed.
func (s *Signer) Signs() int64 { return s.signs.Load() }

// Address returns the signer's checksummed address.
func (s *Signer) Address() string { return crypto.PubkeyToAddress(s.Key.PublicKey).Hex() }

// SignEVMTx signs tx: legacy when GasFeeCap is nil, else EIP-1559.
func (s *Signer) SignEVMTx(_ context.Context, tx domain.EVMTx) (domain.SignedTx, error) {
	s.signs.Add(1)
	to := common.HexToAddress(tx.To)
	var inner types.TxData
	if tx.GasFeeCap == nil {
		inner = &types.LegacyTx{Nonce: tx.Nonce, GasPrice: tx.GasPrice, Gas: tx.Gas, To: &to, Value: tx.Value, Data: tx.Data}
	} else {
		inner = &types.DynamicFeeTx{ChainID: tx.ChainID, Nonce: tx.Nonce, GasTipCap: tx.GasTipCap, GasFeeCap: tx.GasFeeCap, Gas: tx.Gas, To: &to, Value: tx.Value, Data: tx.Data}
	}
	signed, err := types.SignTx(types.NewTx(inner), types.LatestSignerForChainID(tx.ChainID), s.Key)
	if err != nil {
		return domain.SignedTx{}, domain.Errorf(domain.KindInvalid, "sign: %v", err)
	}
	raw, err := signed.MarshalBinary()
	if err != nil {
		return domain.SignedTx{}, err
	}
	return domain.SignedTx{Raw: raw, Hash: signed.Hash().Hex(), From: s.Address()}, nil
}
