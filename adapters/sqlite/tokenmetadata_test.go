package sqlite_test

import (
	"testing"

	"github.com/agentwallet/agentwallet/ports"
	"github.com/agentwallet/agentwallet/ports/portstest"
)

func TestTokenMetadataStoreContract(t *testing.T) {
	portstest.RunTokenMetadataStore(t, func(t *testing.T) ports.TokenMetadataStore {
		s, _ := newStore(t)
		return s
	})
}
