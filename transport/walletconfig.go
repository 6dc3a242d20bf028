package transport

import (
	"bytes"
	"encoding/json"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/agentwallet/agentwallet/app"
	"github.com/agentwallet/agentwallet/domain"
)

type walletConfigHandlers struct{ app *app.App }

type selectionsJSON struct {
	EVM    domain.RPCProvider `json:"evm"`
	BSC    domain.RPCProvider `json:"bsc"`
	Solana domain.RPCProvider `json:"solana"`
}

type walletEntryJSON struct {
	Source   domain.WalletSource `json:"source"`
	Chain    domain.Chain        `json:"chain"`
	Address  string              `json:"address"`
	Provider string              `json:"provider"`
	Primary  bool                `json:"primary"`
}

type walletConfigResponse struct {
	SelectedRPCProviders   selectionsJSON                       `json:"selectedRpcProviders"`
	WalletNetwork          domain.WalletNetwork                 `json:"walletNetwork"`
	LegacyCustomChains     []string                             `json:"legacyCustomChains"`
	AlchemyKeySet          bool                                 `json:"alchemyKeySet"`
	InfuraKeySet           bool                                 `json:"infuraKeySet"`
	AnkrKeySet             bool                                 `json:"ankrKeySet"`
	NodeRealBSCRPCSet      bool                                 `json:"nodeRealBscRpcSet"`
	QuickNodeBSCRPCSet     bool                                 `json:"quickNodeBscRpcSet"`
	ManagedBSCRPCReady     bool                                 `json:"managedBscRpcReady"`
	CloudManagedAccess     bool                                 `json:"cloudManagedAccess"`
	HeliusKeySet           bool                                 `json:"heliusKeySet"`
	BirdeyeKeySet          bool                                 `json:"birdeyeKeySet"`
	EVMBalanceReady        bool                                 `json:"evmBalanceReady"`
	SolanaBalanceReady     bool                                 `json:"solanaBalanceReady"`
	EVMChains              []string                             `json:"evmChains"`
	EVMAddress             *string                              `json:"evmAddress"`
	SolanaAddress          *string                              `json:"solanaAddress"`
	WalletSource           string                               `json:"walletSource"`
	AutomationMode         string                               `json:"automationMode"`
	PluginEVMLoaded        bool                                 `json:"pluginEvmLoaded"`
	PluginEVMRequired      bool                                 `json:"pluginEvmRequired"`
	ExecutionReady         bool                                 `json:"executionReady"`
	ExecutionBlockedReason *string                              `json:"executionBlockedReason"`
	SolanaSigningAvailable bool                                 `json:"solanaSigningAvailable"`
	Wallets                *[]walletEntryJSON                   `json:"wallets,omitempty"`
	Primary                map[domain.Chain]domain.WalletSource `json:"primary,omitempty"`
}

func (h walletConfigHandlers) get(c *gin.Context) {
	v, err := h.app.WalletConfig.View(c.Request.Context())
	if err != nil {
		writeError(c, err)
		return
	}
	out := walletConfigResponse{
		SelectedRPCProviders: selectionsJSON{EVM: v.Selections.EVM, BSC: v.Selections.BSC, Solana: v.Selections.Solana},
		WalletNetwork:        v.Network, LegacyCustomChains: v.LegacyCustomChains,
		AlchemyKeySet: v.AlchemyKeySet, InfuraKeySet: v.InfuraKeySet, AnkrKeySet: v.AnkrKeySet,
		NodeRealBSCRPCSet: v.NodeRealBSCRPCSet, QuickNodeBSCRPCSet: v.QuickNodeBSCRPCSet,
		ManagedBSCRPCReady: v.ManagedBSCRPCReady, CloudManagedAccess: v.CloudManagedAccess,
		HeliusKeySet: v.HeliusKeySet, BirdeyeKeySet: v.BirdeyeKeySet,
		EVMBalanceReady: v.EVMBalanceReady, SolanaBalanceReady: v.SolanaBalanceReady,
		EVMChains: v.EVMChains, EVMAddress: v.EVMAddress, SolanaAddress: v.SolanaAddress,
		WalletSource: v.WalletSource, AutomationMode: v.AutomationMode,
		PluginEVMLoaded: v.PluginEVMLoaded, PluginEVMRequired: v.PluginEVMRequired,
		ExecutionReady: v.ExecutionReady, ExecutionBlockedReason: v.ExecutionBlockedReason,
		SolanaSigningAvailable: v.SolanaSigningAvailable,
	}
	if v.CloudWalletEnabled {
		list := make([]walletEntryJSON, 0, len(v.Wallets))
		for _, w := range v.Wallets {
			list = append(list, walletEntryJSON{Source: w.Source, Chain: w.Chain, Address: w.Address, Provider: w.Provider, Primary: w.Primary})
		}
		out.Wallets, out.Primary = &list, v.Primary
		if out.Primary == nil {
			out.Primary = map[domain.Chain]domain.WalletSource{}
		}
	}
	c.JSON(http.StatusOK, out)
}

func (h walletConfigHandlers) put(c *gin.Context) {
	var body map[string]json.RawMessage
	if err := bindJSON(c, &body); err != nil {
		writeError(c, err)
		return
	}
	u, err := parseConfigUpdate(body)
	if err != nil {
		writeError(c, err)
		return
	}
	if err := h.app.WalletConfig.Update(c.Request.Context(), u); err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"ok": true})
}

// parseConfigUpdate accepts {selections, walletNetwork, credentials} and the
// legacy flat credential names at the top level, in any mix. Every value
// must be a string; anything else names the offending field.
func parseConfigUpdate(body map[string]json.RawMessage) (app.WalletConfigUpdate, error) {
	var u app.WalletConfigUpdate
	for field, raw := range body {
		switch field {
		case "selections":
			m, err := stringMap("selections", raw)
			if err != nil {
				return u, err
			}
			u.Selections = m
		case "walletNetwork":
			s, ok := jsonString(raw)
			if !ok {
				return u, domain.Errorf(domain.KindInvalid, "walletNetwork must be a string")
			}
			u.WalletNetwork = &s
		case "credentials":
			m, err := stringMap("credentials", raw)
			if err != nil {
				return u, err
			}
			for k, v := range m {
				if u.Credentials == nil {
					u.Credentials = map[string]string{}
				}
				u.Credentials[k] = v
			}
		default:
			if _, ok := domain.ParseProviderCredential(field); !ok {
				return u, domain.Errorf(domain.KindInvalid, "Invalid wallet config update: unknown field %q", domain.Clip(field, 40))
			}
			s, ok := jsonString(raw)
			if !ok {
				return u, domain.Errorf(domain.KindInvalid, "%s must be a string", field)
			}
			if u.Credentials == nil {
				u.Credentials = map[string]string{}
			}
			u.Credentials[field] = s
		}
	}
	return u, nil
}

// stringMap decodes an object whose values must all be strings.
func stringMap(field string, raw json.RawMessage) (map[string]string, error) {
	var m map[string]json.RawMessage
	if json.Unmarshal(raw, &m) != nil || m == nil {
		return nil, domain.Errorf(domain.KindInvalid, "%s must be an object", field)
	}
	out := make(map[string]string, len(m))
	for k, v := range m {
		s, ok := jsonString(v)
		if !ok {
			return nil, domain.Errorf(domain.KindInvalid, "%s.%s must be a string", field, domain.Clip(k, 40))
		}
		out[k] = s
	}
	return out, nil
}

// jsonString decodes a JSON string; null, numbers and the rest are refused.
func jsonString(raw json.RawMessage) (string, bool) {
	raw = bytes.TrimSpace(raw)
	var s string
	if len(raw) == 0 || raw[0] != '"' || json.Unmarshal(raw, &s) != nil {
		return "", false
	}
	return s, true
}
