package evmrpc

import (
	"strings"
	"sync"
)

// nonceManager hands out consecutive nonces per sending wallet. The node's
// pending count alone races: two concurrent sends would read the same
// number. Each wallet's lock is held from nonce choice to broadcast.
type nonceManager struct {
	mu      sync.Mutex
	wallets map[string]*walletNonce
}

type walletNonce struct {
	mu    sync.Mutex
	next  uint64
	known bool // false until read from the node, and again after a failed send
}

func (m *nonceManager) init() { m.wallets = map[string]*walletNonce{} }

// lock returns the wallet's nonce state, locked; the caller unlocks it.
func (m *nonceManager) lock(addr string) *walletNonce {
	m.mu.Lock()
	w := m.wallets[strings.ToLower(addr)]
	if w == nil {
		w = &walletNonce{}
		m.wallets[strings.ToLower(addr)] = w
	}
	m.mu.Unlock()
	w.mu.Lock()
	return w
}
