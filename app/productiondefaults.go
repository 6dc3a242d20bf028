package app

import (
	"context"

	"github.com/agentwallet/agentwallet/domain"
)

// ProductionDefaultsResult lists what ProductionDefaults changed.
type ProductionDefaultsResult struct {
	Applied []string
	Mode    domain.TradePermissionMode
}

// ProductionDefaults sets the safe trade permission mode and a public BSC
// RPC (stored as the BSC_RPC_URL credential, so GET /api/wallet/config shows
// it and trading uses it at once), each only where nothing is set; a second
// call applies nothing.
func (t *Trading) ProductionDefaults(ctx context.Context) (ProductionDefaultsResult, error) {
	all, err := t.settings.AllSettings(ctx)
	if err != nil {
		return ProductionDefaultsResult{}, err
	}
	changes := map[string]*string{}
	var applied []string
	if _, ok := all[SettingTradePermissionMode]; !ok && t.policy.InitialMode == "" {
		v := string(domain.TradeModeUserSignOnly)
		changes[SettingTradePermissionMode] = &v
		applied = append(applied, "tradePermissionMode="+v)
	}
	if len(changes) > 0 {
		if err := t.settings.UpdateSettings(ctx, changes); err != nil {
			return ProductionDefaultsResult{}, err
		}
	}
	urls, err := BSCRPCURLs(ctx, t.rpc)
	if err != nil {
		return ProductionDefaultsResult{}, err
	}
	if len(urls) == 0 {
		if err := t.rpc.Update(ctx, WalletConfigUpdate{Credentials: map[string]string{string(domain.CredBSCRPC): ProductionBSCRPCURL}}); err != nil {
			return ProductionDefaultsResult{}, err
		}
		applied = append(applied, "bscRpcUrl="+ProductionBSCRPCURL)
	}
	mode, err := t.PermissionMode(ctx)
	if err != nil {
		return ProductionDefaultsResult{}, err
	}
	return ProductionDefaultsResult{Applied: append([]string{}, applied...), Mode: mode}, nil
}
