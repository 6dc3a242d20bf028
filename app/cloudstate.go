package app

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"

	"github.com/agentwallet/agentwallet/domain"
)

// Settings keys of the cloud link. The API key is stored sealed; an empty
// sealed value is a tombstone left by disconnect, so a key from the
// environment does not come back after a restart.
const (
	settingCloudKey          = "cloud.apiKey.sealed"
	settingCloudActiveAgent  = "cloud.activeAgent"
	settingCloudClient       = "cloud.clientAddress"
	settingCloudWalletPrefix = "wallet.cloud."   // + chain: JSON descriptor
	settingPrimaryPrefix     = "wallet.primary." // + chain: local|cloud
	// SettingCloudWalletEnabled turns the cloud wallet feature on when "1",
	// on top of ENABLE_CLOUD_WALLET (PUT /api/wallet/config sets it).
	SettingCloudWalletEnabled = "wallet.cloudWalletEnabled"
)

// sealPurpose binds the sealed cloud key to its use.
const sealPurpose = "cloud-api-key"

// storedKey loads the saved cloud key. found is false when nothing was ever
// stored; a tombstone gives found true and a zero key.
func (c *Cloud) storedKey(ctx context.Context) (key domain.CloudAPIKey, found bool, err error) {
	v, ok, err := c.settings.Setting(ctx, settingCloudKey)
	if err != nil || !ok {
		return domain.CloudAPIKey{}, false, err
	}
	if v == "" {
		return domain.CloudAPIKey{}, true, nil
	}
	sealed, err := base64.StdEncoding.DecodeString(v)
	if err != nil {
		return domain.CloudAPIKey{}, true, domain.Errorf(domain.KindInternal, "stored cloud key is corrupt").Wrap(err)
	}
	plain, err := c.sealer.Open(sealPurpose, sealed)
	if err != nil {
		return domain.CloudAPIKey{}, true, err
	}
	key, err = domain.NewCloudAPIKey(string(plain))
	clear(plain)
	if err != nil {
		return domain.CloudAPIKey{}, true, domain.Errorf(domain.KindInternal, "stored cloud key is invalid").Wrap(err)
	}
	return key, true, nil
}

// sealKey returns the settings value that stores key.
func (c *Cloud) sealKey(key domain.CloudAPIKey) (string, error) {
	sealed, err := c.sealer.Seal(sealPurpose, []byte(key.Reveal()))
	if err != nil {
		return "", err
	}
	return base64.StdEncoding.EncodeToString(sealed), nil
}

// cloudWalletJSON is how a cached cloud wallet is stored.
type cloudWalletJSON struct {
	ID       string `json:"id"`
	Address  string `json:"address"`
	Provider string `json:"provider"`
}

// walletState is the persisted cloud wallet cache and primary choice.
type walletState struct {
	cloud   domain.CloudWalletSet
	primary domain.PrimarySources
}

func (c *Cloud) loadWalletState(ctx context.Context) (walletState, error) {
	all, err := c.settings.AllSettings(ctx)
	if err != nil {
		return walletState{}, err
	}
	var st walletState
	for _, ch := range domain.Chains {
		if v := all[settingCloudWalletPrefix+string(ch)]; v != "" {
			var j cloudWalletJSON
			if json.Unmarshal([]byte(v), &j) == nil {
				// A cached descriptor that no longer validates is dropped,
				// as the reference omits blank addresses.
				if w, err := domain.NewCloudWallet(ch, j.Address, domain.ParseCloudWalletProvider(j.Provider), j.ID); err == nil {
					st.cloud = st.cloud.With(w)
				}
			}
		}
		if src, err := domain.ParseWalletSource(all[settingPrimaryPrefix+string(ch)]); err == nil {
			st.primary = st.primary.With(ch, src)
		}
	}
	return st, nil
}

// walletChanges renders st as settings changes.
func walletChanges(st walletState, changes map[string]*string) {
	for _, ch := range domain.Chains {
		if w, ok := st.cloud.Get(ch); ok {
			b, _ := json.Marshal(cloudWalletJSON{ID: w.ID, Address: w.Address, Provider: string(w.Provider)})
			changes[settingCloudWalletPrefix+string(ch)] = ptr(string(b))
		}
		changes[settingPrimaryPrefix+string(ch)] = ptr(string(st.primary.For(ch)))
	}
}

func ptr[T any](v T) *T { return &v }

// clientAddress returns this daemon's stable cloud client identifier,
// minting it on first use. The cloud uses it only to make wallet
// provisioning idempotent; no key stands behind it. Minting is serialised:
// two concurrent refreshes with different addresses would provision two
// different wallets for one chain.
func (c *Cloud) clientAddress(ctx context.Context) (string, error) {
	c.clientMu.Lock()
	defer c.clientMu.Unlock()
	if v, ok, err := c.settings.Setting(ctx, settingCloudClient); err != nil || ok && v != "" {
		return v, err
	}
	b := make([]byte, 20)
	if _, err := rand.Read(b); err != nil {
		return "", domain.Errorf(domain.KindInternal, "random client address").Wrap(err)
	}
	addr := "0x" + hex.EncodeToString(b)
	if err := c.settings.UpdateSettings(ctx, map[string]*string{settingCloudClient: &addr}); err != nil {
		return "", err
	}
	return addr, nil
}
