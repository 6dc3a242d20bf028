package alchemy

import "encoding/json"

// JSON-RPC 2.0 envelope.
type rpcRequest struct {
	JSONRPC string `json:"jsonrpc"`
	ID      int    `json:"id"`
	Method  string `json:"method"`
	Params  []any  `json:"params"`
}

type rpcResponse struct {
	ID     json.RawMessage `json:"id"`
	Result json.RawMessage `json:"result"`
	Error  *rpcError       `json:"error"`
}

type rpcError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

// errorBody is an error answer: JSON-RPC ({"error":{code,message}}) or REST
// ({"error":"..."} or {"message":"..."}).
type errorBody struct {
	Error   json.RawMessage `json:"error"`
	Message string          `json:"message"`
}

// alchemy_getTokenBalances result.
type tokenBalancesResult struct {
	Address       string            `json:"address"`
	TokenBalances []tokenBalanceDTO `json:"tokenBalances"`
	PageKey       *string           `json:"pageKey"`
}

type tokenBalanceDTO struct {
	ContractAddress string          `json:"contractAddress"`
	TokenBalance    *string         `json:"tokenBalance"` // 32-byte hex; null when Error is set
	Error           json.RawMessage `json:"error"`
}

// alchemy_getTokenMetadata result; any field may be null.
type tokenMetadataResult struct {
	Name     *string      `json:"name"`
	Symbol   *string      `json:"symbol"`
	Decimals *json.Number `json:"decimals"`
	Logo     *string      `json:"logo"`
}

// NFT API v3 getNFTsForOwner answer.
type nftsResponse struct {
	OwnedNFTs  []nftDTO `json:"ownedNfts"`
	TotalCount int      `json:"totalCount"`
	PageKey    *string  `json:"pageKey"`
}

type nftDTO struct {
	Contract struct {
		Address         string `json:"address"`
		Name            string `json:"name"`
		TokenType       string `json:"tokenType"`
		OpenSeaMetadata struct {
			CollectionName string `json:"collectionName"`
		} `json:"openSeaMetadata"`
	} `json:"contract"`
	TokenID     string `json:"tokenId"`
	TokenType   string `json:"tokenType"`
	Name        string `json:"name"`
	Description string `json:"description"`
	Image       struct {
		CachedURL    string `json:"cachedUrl"`
		ThumbnailURL string `json:"thumbnailUrl"`
		OriginalURL  string `json:"originalUrl"`
	} `json:"image"`
	Collection *struct {
		Name string `json:"name"`
	} `json:"collection"`
}

// Prices API.
type pricesByAddressRequest struct {
	Addresses []priceAddress `json:"addresses"`
}

type priceAddress struct {
	Network string `json:"network"`
	Address string `json:"address"`
}

type pricesResponse struct {
	Data []priceEntry `json:"data"`
}

type priceEntry struct {
	Network string          `json:"network"`
	Address string          `json:"address"`
	Symbol  string          `json:"symbol"`
	Prices  []priceDTO      `json:"prices"`
	Error   json.RawMessage `json:"error"`
}

type priceDTO struct {
	Currency      string `json:"currency"`
	Value         string `json:"value"`
	LastUpdatedAt string `json:"lastUpdatedAt"`
}
