package keystore

import (
	"crypto/cipher"
	"crypto/rand"
	"errors"
	"fmt"

	"golang.org/x/crypto/chacha20poly1305"
)

// aeadCipher seals with XChaCha20-Poly1305 and a fresh random 24-byte nonce,
// laid out as nonce‖ciphertext.
type aeadCipher struct{ c cipher.AEAD }

func newAEAD(key []byte) (aeadCipher, error) {
	c, err := chacha20poly1305.NewX(key)
	if err != nil {
		return aeadCipher{}, fmt.Errorf("keystore: cipher: %w", err)
	}
	return aeadCipher{c: c}, nil
}

func (a aeadCipher) seal(plaintext, aad []byte) ([]byte, error) {
	nonce := make([]byte, a.c.NonceSize(), a.c.NonceSize()+len(plaintext)+a.c.Overhead())
	if _, err := rand.Read(nonce); err != nil {
		return nil, err
	}
	return a.c.Seal(nonce, nonce, plaintext, aad), nil
}

var errAuth = errors.New("keystore: authentication failed")

func (a aeadCipher) open(sealed, aad []byte) ([]byte, error) {
	n := a.c.NonceSize()
	if len(sealed) < n+a.c.Overhead() {
		return nil, errAuth
	}
	pt, err := a.c.Open(nil, sealed[:n], sealed[n:], aad)
	if err != nil {
		return nil, errAuth
	}
	return pt, nil
}
