package helius

import "encoding/json"

type rpcRequest struct {
	JSONRPC string `json:"jsonrpc"`
	ID      string `json:"id"`
	Method  string `json:"method"`
	Params  any    `json:"params"`
}

type rpcResponse struct {
	Result json.RawMessage `json:"result"`
	Error  *rpcError       `json:"error"`
}

type rpcError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

// getAssetsByOwner named params.
type assetsByOwnerParams struct {
	OwnerAddress   string         `json:"ownerAddress"`
	Page           int            `json:"page"`
	Limit          int            `json:"limit"`
	DisplayOptions displayOptions `json:"displayOptions"`
}

type displayOptions struct {
	ShowFungible           bool `json:"showFungible"`
	ShowNativeBalance      bool `json:"showNativeBalance,omitempty"`
	ShowZeroBalance        bool `json:"showZeroBalance"`
	ShowCollectionMetadata bool `json:"showCollectionMetadata,omitempty"`
}

// Numbers stay json.Number: raw balances exceed 2^53 and prices must not
// pass through float64.
type assetsResult struct {
	Total         int            `json:"total"`
	Limit         int            `json:"limit"`
	Page          int            `json:"page"`
	Items         []assetDTO     `json:"items"`
	NativeBalance *nativeBalance `json:"nativeBalance"`
}

type nativeBalance struct {
	Lamports      json.Number `json:"lamports"`
	PricePerSOL   json.Number `json:"price_per_sol"`
	PricePerToken json.Number `json:"price_per_token"` // some answers use this name
	TotalPrice    json.Number `json:"total_price"`
}

type assetDTO struct {
	Interface string `json:"interface"`
	ID        string `json:"id"`
	Content   struct {
		Metadata struct {
			Name        string `json:"name"`
			Symbol      string `json:"symbol"`
			Description string `json:"description"`
		} `json:"metadata"`
		Links struct {
			Image string `json:"image"`
		} `json:"links"`
		Files []struct {
			URI    string `json:"uri"`
			CDNURI string `json:"cdn_uri"`
		} `json:"files"`
	} `json:"content"`
	Grouping []struct {
		GroupKey           string `json:"group_key"`
		GroupValue         string `json:"group_value"`
		CollectionMetadata *struct {
			Name string `json:"name"`
		} `json:"collection_metadata"`
	} `json:"grouping"`
	TokenInfo *struct {
		Symbol    string      `json:"symbol"`
		Balance   json.Number `json:"balance"`
		Decimals  json.Number `json:"decimals"`
		PriceInfo *struct {
			PricePerToken json.Number `json:"price_per_token"`
			Currency      string      `json:"currency"`
		} `json:"price_info"`
	} `json:"token_info"`
}
