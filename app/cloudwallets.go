package app

import (
	"context"
	"fmt"
	"sync"

	"github.com/agentwallet/agentwallet/domain"
)

var errCloudWalletDisabled = domain.Errorf(domain.KindNotFound, "Cloud wallet feature is not enabled").WithCode("NOT_FOUND")

// PrimaryResult is the answer to choosing a chain's primary wallet.
type PrimaryResult struct {
	Chain      domain.Chain
	Source     domain.WalletSource
	Restarting bool // the chain's bound wallet changed
}

// SetPrimary chooses where chain's primary wallet lives. KindNotFound when
// the feature is off, KindInvalid for a bad chain or source, KindConflict
// when cloud is chosen for a chain without a cloud wallet.
func (c *Cloud) SetPrimary(ctx context.Context, chain, source string) (PrimaryResult, error) {
	if !c.WalletFeatureEnabled(ctx) {
		return PrimaryResult{}, errCloudWalletDisabled
	}
	ch, err := domain.ParseChain(chain)
	if err != nil {
		return PrimaryResult{}, err
	}
	src, err := domain.ParseWalletSource(source)
	if err != nil {
		return PrimaryResult{}, err
	}
	c.walletMu.Lock()
	defer c.walletMu.Unlock()
	st, err := c.loadWalletState(ctx)
	if err != nil {
		return PrimaryResult{}, err
	}
	local, err := c.localAddresses(ctx)
	if err != nil {
		return PrimaryResult{}, err
	}
	before := st.primary.Bind(local, st.cloud)
	if st.primary, err = st.primary.Choose(ch, src, st.cloud); err != nil {
		return PrimaryResult{}, err
	}
	changes := map[string]*string{}
	walletChanges(st, changes)
	if err := c.settings.UpdateSettings(ctx, changes); err != nil {
		return PrimaryResult{}, err
	}
	return PrimaryResult{Chain: ch, Source: src, Restarting: st.primary.Bind(local, st.cloud) != before}, nil
}

// RefreshResult is the answer to re-fetching cloud wallets.
type RefreshResult struct {
	Wallets    domain.CloudWalletSet
	Restarting bool
	Warnings   []string
}

// RefreshCloudWallets re-fetches every chain's cloud wallet. A chain that
// fails keeps its cached descriptor and adds a warning; when every chain
// fails it is KindUpstream. KindNotFound when the feature is off,
// KindInvalid without a login or an agent.
func (c *Cloud) RefreshCloudWallets(ctx context.Context) (RefreshResult, error) {
	if !c.WalletFeatureEnabled(ctx) {
		return RefreshResult{}, errCloudWalletDisabled
	}
	key := c.currentKey()
	if key.IsZero() {
		return RefreshResult{}, domain.Errorf(domain.KindInvalid, "Cloud not linked: log in to Eliza Cloud first").WithCode(domain.CodeCloudNotConnected)
	}
	agent, err := c.agentForWallets(ctx)
	if err != nil {
		return RefreshResult{}, domain.Errorf(domain.KindInvalid, "No agent configured: connect a cloud agent or set AGENTWALLET_AGENT_ID").WithCode("NO_AGENT").Wrap(err)
	}
	return c.refreshWallets(ctx, key, agent)
}

// refreshWallets fetches (or provisions) each chain's cloud wallet in
// parallel, merges the results into the cache, binds cloud as primary for
// the chains that have one and persists it all in one transaction. With no
// agent the agent lookup is skipped and wallets are provisioned directly.
func (c *Cloud) refreshWallets(ctx context.Context, key domain.CloudAPIKey, agent domain.CloudAgentID) (RefreshResult, error) {
	client, err := c.clientAddress(ctx)
	if err != nil {
		return RefreshResult{}, err
	}
	type result struct {
		w   domain.CloudWallet
		err error
	}
	results := make([]result, len(domain.Chains))
	var wg sync.WaitGroup
	for i, ch := range domain.Chains {
		wg.Go(func() {
			w, err := c.fetchWallet(ctx, key, agent, ch, client)
			results[i] = result{w, err}
		})
	}
	wg.Wait()

	c.walletMu.Lock()
	defer c.walletMu.Unlock()
	// Disconnect (which holds walletMu) may have run while the cloud was
	// being asked; binding cloud wallets now would undo it.
	if c.currentKey() != key {
		return RefreshResult{}, domain.Errorf(domain.KindConflict, "the cloud login changed while the wallets were being refreshed; try again")
	}
	st, err := c.loadWalletState(ctx)
	if err != nil {
		return RefreshResult{}, err
	}
	local, err := c.localAddresses(ctx)
	if err != nil {
		return RefreshResult{}, err
	}
	before := st.primary.Bind(local, st.cloud)
	var out RefreshResult
	var fresh domain.CloudWalletSet
	for i, ch := range domain.Chains {
		if r := results[i]; r.err != nil {
			msg := fmt.Sprintf("%s: %s", ch, domain.MessageOf(r.err))
			if _, ok := st.cloud.Get(ch); ok {
				msg += " (kept the cached wallet)"
			}
			out.Warnings = append(out.Warnings, msg)
			continue
		}
		st.cloud = st.cloud.With(results[i].w)
		fresh = fresh.With(results[i].w)
	}
	if fresh.Empty() {
		return RefreshResult{}, domain.Errorf(domain.KindUpstream, "Cloud wallet refresh failed: %v", out.Warnings).WithCode("CLOUD_WALLET_REFRESH_FAILED")
	}
	st.primary = st.primary.AfterCloudBound(fresh)
	changes := map[string]*string{}
	walletChanges(st, changes)
	if err := c.settings.UpdateSettings(ctx, changes); err != nil {
		return RefreshResult{}, err
	}
	out.Wallets = st.cloud
	out.Restarting = st.primary.Bind(local, st.cloud) != before
	return out, nil
}

// fetchWallet returns the agent's wallet for chain, provisioning one when
// the agent has none (or there is no agent).
func (c *Cloud) fetchWallet(ctx context.Context, key domain.CloudAPIKey, agent domain.CloudAgentID, chain domain.Chain, client string) (domain.CloudWallet, error) {
	if agent != "" {
		w, err := c.cloud.Wallets.AgentWallet(ctx, key, agent, chain)
		if err == nil || domain.KindOf(err) != domain.KindNotFound {
			return w, err
		}
	}
	return c.cloud.Wallets.ProvisionWallet(ctx, key, chain, client)
}

// localAddresses maps each chain to its local key's address.
func (c *Cloud) localAddresses(ctx context.Context) (map[domain.Chain]string, error) {
	ws, err := c.keys.Wallets(ctx)
	if err != nil {
		return nil, err
	}
	out := map[domain.Chain]string{}
	for _, w := range ws {
		out[w.Chain] = w.Address
	}
	return out, nil
}

// WalletView is the cloud part of GET /api/wallet/config: every wallet, the
// primary source of each chain and the addresses that follow it. Enabled is
// false (and the rest empty) when the feature is off.
type WalletView struct {
	Enabled       bool
	Wallets       []domain.WalletEntry
	Primary       map[domain.Chain]domain.WalletSource
	EVMAddress    *string
	SolanaAddress *string
}

// WalletView reports the wallets and the primary of each chain.
func (c *Cloud) WalletView(ctx context.Context) (WalletView, error) {
	if !c.WalletFeatureEnabled(ctx) {
		return WalletView{}, nil
	}
	st, err := c.loadWalletState(ctx)
	if err != nil {
		return WalletView{}, err
	}
	local, err := c.localAddresses(ctx)
	if err != nil {
		return WalletView{}, err
	}
	b := st.primary.Bind(local, st.cloud)
	v := WalletView{Enabled: true, Wallets: st.primary.List(local, st.cloud), Primary: map[domain.Chain]domain.WalletSource{
		domain.ChainEVM: b.EVM.Source, domain.ChainSolana: b.Solana.Source}}
	v.EVMAddress, v.SolanaAddress = nonEmpty(b.EVM.Address), nonEmpty(b.Solana.Address)
	return v, nil
}

func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// PrimaryAddresses replaces local addresses with the cloud ones for the
// chains whose primary is cloud, when the cloud wallet feature is on;
// GET /api/wallet/addresses and trading use it. A chain whose primary is
// local keeps the caller's address (which may be Steward's, not the
// keystore's).
func (c *Cloud) PrimaryAddresses(ctx context.Context, local Addresses) (Addresses, error) {
	if !c.WalletFeatureEnabled(ctx) {
		return local, nil
	}
	st, err := c.loadWalletState(ctx)
	if err != nil {
		return Addresses{}, err
	}
	in := map[domain.Chain]string{domain.ChainEVM: addrOrEmpty(local.EVM), domain.ChainSolana: addrOrEmpty(local.Solana)}
	b := st.primary.Bind(in, st.cloud)
	return Addresses{EVM: nonEmpty(b.EVM.Address), Solana: nonEmpty(b.Solana.Address)}, nil
}
