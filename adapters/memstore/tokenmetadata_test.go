package memstore_test

import (
	"testing"

	"github.com/agentwallet/agentwallet/adapters/memstore"
	"github.com/agentwallet/agentwallet/ports"
	"github.com/agentwallet/agentwallet/ports/portstest"
)

func TestTokenMetadataStoreContract(t *testing.T) {
	portstest.RunTokenMetadataStore(t, func(t *testing.T) ports.TokenMetadataStore { return &memstore.TokenMetadata{} })
}
