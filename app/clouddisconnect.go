package app

import (
	"context"

	"github.com/agentwallet/agentwallet/domain"
)

// Disconnect forgets the cloud login: the key leaves memory and the store
// (a tombstone keeps a configured key from returning after a restart), the
// active agent is dropped, and every chain's primary returns to local. No
// cloud call is made, so it works with the cloud unreachable.
func (c *Cloud) Disconnect(ctx context.Context) error {
	c.walletMu.Lock()
	defer c.walletMu.Unlock()
	st, err := c.loadWalletState(ctx)
	if err != nil {
		return err
	}
	st.primary = st.primary.AfterDisconnect()
	changes := map[string]*string{settingCloudKey: ptr(""), settingCloudActiveAgent: nil}
	walletChanges(st, changes)

	c.mu.Lock()
	defer c.mu.Unlock()
	c.epoch++
	c.key, c.account, c.accountErr = domain.CloudAPIKey{}, nil, nil
	clear(c.savedSession)
	return c.settings.UpdateSettings(ctx, changes)
}
