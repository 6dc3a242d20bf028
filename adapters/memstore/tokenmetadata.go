// Package memstore keeps state in process memory: the stand-in for the
// sqlite store where persistence does not matter (tests, embedding).
package memstore

import (
	"context"
	"strings"
	"sync"

	"github.com/agentwallet/agentwallet/domain"
	"github.com/agentwallet/agentwallet/ports"
)

// TokenMetadata is an in-memory ports.TokenMetadataStore. The zero value is
// ready to use and safe for concurrent use.
type TokenMetadata struct {
	mu      sync.RWMutex
	entries map[metadataKey]domain.TokenMetadata
}

type metadataKey struct {
	chainID  uint64
	contract string // lower case
}

var _ ports.TokenMetadataStore = (*TokenMetadata)(nil)

// LoadTokenMetadata returns the saved entries among contracts.
func (s *TokenMetadata) LoadTokenMetadata(_ context.Context, chainID uint64, contracts []string) (map[string]domain.TokenMetadata, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make(map[string]domain.TokenMetadata, len(contracts))
	for _, c := range contracts {
		if m, ok := s.entries[metadataKey{chainID, strings.ToLower(c)}]; ok {
			out[c] = m
		}
	}
	return out, nil
}

// SaveTokenMetadata stores entries, replacing earlier ones.
func (s *TokenMetadata) SaveTokenMetadata(_ context.Context, chainID uint64, entries []domain.TokenMetadata) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.entries == nil {
		s.entries = map[metadataKey]domain.TokenMetadata{}
	}
	for _, m := range entries {
		s.entries[metadataKey{chainID, strings.ToLower(m.Contract)}] = m
	}
	return nil
}
