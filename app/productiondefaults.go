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
// RPC, each only where nothing is set; a second call applies nothing. A
// stored RPC URL is used from the daemon's next start.
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
	if _, ok := all[SettingBSCRPCURL]; !ok && !t.policy.RPCConfigured {
		v := ProductionBSCRPCURL
		changes[SettingBSCRPCURL] = &v
		applied = append(applied, "bscRpcUrl="+v)
	}
	if len(changes) > 0 {
		if err := t.settings.UpdateSettings(ctx, changes); err != nil {
			return ProductionDefaultsResult{}, err
		}
	}
	mode, err := t.PermissionMode(ctx)
	if err != nil {
		return ProductionDefaultsResult{}, err
	}
	return ProductionDefaultsResult{Applied: append([]string{}, applied...), Mode: mode}, nil
}
