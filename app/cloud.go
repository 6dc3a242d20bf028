package app

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/agentwallet/agentwallet/domain"
	"github.com/agentwallet/agentwallet/ports"
)

// CloudPorts are the Eliza Cloud capabilities the cloud use cases need; one
// adapter usually provides all of them.
type CloudPorts struct {
	Login       ports.CloudLogin
	Account     ports.CloudAccount
	Billing     ports.CloudBilling
	Agents      ports.CloudAgents
	Provisioner ports.CloudProvisioner
	Wallets     ports.CloudWallets
}

// CloudPolicy is the operator's cloud configuration, as the use cases need
// it.
type CloudPolicy struct {
	Enabled       bool // cloud mode on before any login
	WalletEnabled bool // ENABLE_CLOUD_WALLET
	AgentID       string
	Thresholds    domain.CreditThresholds
	ProvisionWait time.Duration
	ProvisionPoll time.Duration
	InitialKey    domain.CloudAPIKey // from the environment or config file; zero if none
}

// accountTTL is how long the user and organisation ids are cached; they
// change only with the key. accountRetry is how long a failed lookup is
// remembered, so a down cloud does not make every status call wait for a
// timeout.
const (
	accountTTL   = time.Minute
	accountRetry = 15 * time.Second
)

// Cloud is the Eliza Cloud use case group: login, status, credits, billing,
// agents and cloud wallets. The API key lives sealed in the store and, once
// loaded, in memory.
type Cloud struct {
	cloud    CloudPorts
	settings ports.Settings
	sealer   ports.Sealer
	keys     ports.KeyStore
	clock    ports.Clock
	log      *slog.Logger
	policy   CloudPolicy
	sleep    func(ctx context.Context, d time.Duration) error

	mu           sync.Mutex
	key          domain.CloudAPIKey
	epoch        uint64          // bumped by disconnect, so a login poll racing it does not save
	savedSession map[string]bool // sessions whose key this process saved
	account      *domain.CloudAccount
	accountAt    time.Time
	accountErr   error // the last failed lookup, for accountRetry
	accountErrAt time.Time
	walletMu     sync.Mutex // serialises wallet state changes (primary, refresh)
	clientMu     sync.Mutex // serialises minting the cloud client address
}

// NewCloud builds the use case group and loads the saved login: a key
// stored by a login wins over policy.InitialKey, and a disconnect's
// tombstone suppresses it.
func NewCloud(ctx context.Context, cp CloudPorts, settings ports.Settings, sealer ports.Sealer, keys ports.KeyStore, clock ports.Clock, log *slog.Logger, policy CloudPolicy) (*Cloud, error) {
	c := &Cloud{cloud: cp, settings: settings, sealer: sealer, keys: keys, clock: clock, log: log, policy: policy,
		sleep: sleepCtx, savedSession: map[string]bool{}}
	key, found, err := c.storedKey(ctx)
	if err != nil {
		return nil, err
	}
	if !found {
		key = policy.InitialKey
	}
	c.key = key
	return c, nil
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

var errCloudNotConnected = domain.Errorf(domain.KindUnauthenticated, "Not connected to Eliza Cloud. Please log in first.").
	WithCode(domain.CodeCloudNotConnected)

// currentKey returns the key in use, zero when not logged in.
func (c *Cloud) currentKey() domain.CloudAPIKey {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.key
}

// requireKey returns the key or a 401 CLOUD_NOT_CONNECTED.
func (c *Cloud) requireKey() (domain.CloudAPIKey, error) {
	if k := c.currentKey(); !k.IsZero() {
		return k, nil
	}
	return domain.CloudAPIKey{}, errCloudNotConnected
}

// cachedAccount returns the user/org of key, fetched at most once a minute.
func (c *Cloud) cachedAccount(ctx context.Context, key domain.CloudAPIKey) (domain.CloudAccount, error) {
	c.mu.Lock()
	now := c.clock.Now()
	switch {
	case c.key != key:
	case c.account != nil && now.Sub(c.accountAt) < accountTTL:
		a := *c.account
		c.mu.Unlock()
		return a, nil
	case c.accountErr != nil && now.Sub(c.accountErrAt) < accountRetry:
		err := c.accountErr
		c.mu.Unlock()
		return domain.CloudAccount{}, err
	}
	c.mu.Unlock()
	a, err := c.cloud.Account.Account(ctx, key)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.key == key {
		if err != nil {
			c.account, c.accountErr, c.accountErrAt = nil, err, c.clock.Now()
		} else {
			c.account, c.accountAt, c.accountErr = &a, c.clock.Now(), nil
		}
	}
	return a, err
}

// WalletFeatureEnabled reports whether the cloud wallet feature is on: the
// ENABLE_CLOUD_WALLET switch, or the setting PUT /api/wallet/config writes.
func (c *Cloud) WalletFeatureEnabled(ctx context.Context) bool {
	if c.policy.WalletEnabled {
		return true
	}
	v, ok, err := c.settings.Setting(ctx, SettingCloudWalletEnabled)
	return err == nil && ok && v == "1"
}

// activeAgent returns the persisted active cloud agent, or "".
func (c *Cloud) activeAgent(ctx context.Context) (domain.CloudAgentID, error) {
	v, ok, err := c.settings.Setting(ctx, settingCloudActiveAgent)
	if err != nil || !ok {
		return "", err
	}
	return domain.CloudAgentID(v), nil
}
