package keystore

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"fmt"

	"github.com/ethereum/go-ethereum/crypto"
	"github.com/mr-tron/base58"

	"github.com/agentwallet/agentwallet/domain"
	"github.com/agentwallet/agentwallet/ports"
)

const recordVersion = 1

// recordAAD binds a ciphertext to its format version, chain and address.
func recordAAD(version int, chain domain.Chain, address string) []byte {
	return fmt.Appendf(nil, "agentwallet/key/v%d|%s|%s", version, chain, address)
}

// Generate creates a fresh key for chain; an existing key is kept unless
// replace is true.
func (ks *Keystore) Generate(ctx context.Context, chain domain.Chain, replace bool) (domain.Wallet, error) {
	k, err := generateKey(chain)
	if err != nil {
		return domain.Wallet{}, err
	}
	defer clear(k.secret)
	ks.mu.Lock()
	defer ks.mu.Unlock()
	if !replace {
		if _, err := ks.records.KeyRecord(ctx, chain); err == nil {
			return domain.Wallet{}, domain.ErrKeyExists(chain)
		} else if !domain.IsKind(err, domain.KindNotFound) {
			return domain.Wallet{}, err
		}
	}
	return ks.store(ctx, k)
}

// Import stores a user-supplied key for chain, replacing any existing one.
func (ks *Keystore) Import(ctx context.Context, chain domain.Chain, secret string) (domain.Wallet, error) {
	k, err := parseKey(chain, secret)
	if err != nil {
		return domain.Wallet{}, err
	}
	defer clear(k.secret)
	ks.mu.Lock()
	defer ks.mu.Unlock()
	return ks.store(ctx, k)
}

func (ks *Keystore) store(ctx context.Context, k parsedKey) (domain.Wallet, error) {
	sealed, err := ks.aead.seal(k.secret, recordAAD(recordVersion, k.chain, k.address))
	if err != nil {
		return domain.Wallet{}, err
	}
	n := ks.aead.c.NonceSize()
	rec := ports.KeyRecord{Chain: k.chain, Address: k.address, Version: recordVersion,
		Nonce: sealed[:n], Ciphertext: sealed[n:], CreatedAt: ks.clock.Now().UTC()}
	if err := ks.records.PutKeyRecord(ctx, rec); err != nil {
		return domain.Wallet{}, err
	}
	return domain.Wallet{Chain: k.chain, Address: k.address, CreatedAt: rec.CreatedAt}, nil
}

// Wallets lists the stored keys' chains and addresses.
func (ks *Keystore) Wallets(ctx context.Context) ([]domain.Wallet, error) {
	recs, err := ks.records.KeyRecordList(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]domain.Wallet, 0, len(recs))
	for _, r := range recs {
		out = append(out, domain.Wallet{Chain: r.Chain, Address: r.Address, CreatedAt: r.CreatedAt})
	}
	return out, nil
}

// Export decrypts every stored key.
func (ks *Keystore) Export(ctx context.Context) ([]domain.ExportedKey, error) {
	recs, err := ks.records.KeyRecordList(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]domain.ExportedKey, 0, len(recs))
	for _, r := range recs {
		secret, err := ks.decrypt(r)
		if err != nil {
			return nil, err
		}
		out = append(out, domain.ExportedKey{Chain: r.Chain, Address: r.Address, PrivateKey: formatSecret(r.Chain, secret)})
		clear(secret)
	}
	return out, nil
}

// secret loads and decrypts the key of chain; the caller must clear it.
func (ks *Keystore) secret(ctx context.Context, chain domain.Chain) ([]byte, ports.KeyRecord, error) {
	r, err := ks.records.KeyRecord(ctx, chain)
	if err != nil {
		if domain.IsKind(err, domain.KindNotFound) {
			return nil, r, domain.Errorf(domain.KindNotFound, "no %s key: generate or import one first", chain).WithCode("NO_WALLET")
		}
		return nil, r, err
	}
	s, err := ks.decrypt(r)
	return s, r, err
}

func (ks *Keystore) decrypt(r ports.KeyRecord) ([]byte, error) {
	sealed := append(append([]byte{}, r.Nonce...), r.Ciphertext...)
	secret, err := ks.aead.open(sealed, recordAAD(r.Version, r.Chain, r.Address))
	if err != nil {
		return nil, &domain.Error{Op: "keystore.decrypt", Kind: domain.KindInternal,
			Msg: "stored " + string(r.Chain) + " key failed authentication (tampered or swapped record)", Err: err}
	}
	return secret, nil
}

func generateKey(chain domain.Chain) (parsedKey, error) {
	switch chain {
	case domain.ChainEVM:
		priv, err := crypto.GenerateKey()
		if err != nil {
			return parsedKey{}, err
		}
		return parsedKey{chain: chain, secret: crypto.FromECDSA(priv), address: crypto.PubkeyToAddress(priv.PublicKey).Hex()}, nil
	case domain.ChainSolana:
		pub, priv, err := ed25519.GenerateKey(rand.Reader)
		if err != nil {
			return parsedKey{}, err
		}
		return parsedKey{chain: chain, secret: priv, address: base58.Encode(pub)}, nil
	}
	return parsedKey{}, domain.Errorf(domain.KindInvalid, "unknown chain %q", chain)
}
