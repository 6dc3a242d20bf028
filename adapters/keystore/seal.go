package keystore

import "github.com/agentwallet/agentwallet/domain"

func sealAAD(purpose string) []byte { return []byte("agentwallet/seal/v1|" + purpose) }

// Seal encrypts plaintext under the master key, bound to purpose.
func (ks *Keystore) Seal(purpose string, plaintext []byte) ([]byte, error) {
	out, err := ks.aead.seal(plaintext, sealAAD(purpose))
	if err != nil {
		return nil, &domain.Error{Op: "keystore.seal", Kind: domain.KindInternal, Err: err}
	}
	return out, nil
}

// Open decrypts what Seal produced for purpose.
func (ks *Keystore) Open(purpose string, sealed []byte) ([]byte, error) {
	pt, err := ks.aead.open(sealed, sealAAD(purpose))
	if err != nil {
		return nil, &domain.Error{Op: "keystore.open_sealed", Kind: domain.KindInternal, Msg: "sealed value failed authentication", Err: err}
	}
	return pt, nil
}
