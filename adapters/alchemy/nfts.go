package alchemy

import (
	"context"
	"encoding/json"
	"net/url"

	"github.com/agentwallet/agentwallet/domain"
	"github.com/ethereum/go-ethereum/common"
)

// nftPageSize is the one page fetched per chain, as the reference does.
const nftPageSize = "50"

// NFTs calls NFT API v3 getNFTsForOwner for the first page with metadata.
func (c *Client) NFTs(ctx context.Context, chain domain.EVMChain, owner string) ([]domain.NFT, error) {
	const op = "alchemy.nfts"
	if err := checkOwner(op, owner); err != nil {
		return nil, err
	}
	base, err := c.nodeURL(op, chain)
	if err != nil {
		return nil, err
	}
	q := url.Values{"owner": {owner}, "withMetadata": {"true"}, "pageSize": {nftPageSize}}
	body, err := c.get(ctx, op, base+"/nft/v3/"+c.key+"/getNFTsForOwner?"+q.Encode())
	if err != nil {
		return nil, err
	}
	nfts, err := parseNFTs(chain.Slug, body)
	if err != nil {
		return nil, malformed(op, err)
	}
	return nfts, nil
}

// parseNFTs maps the v3 answer to domain NFTs: image from cachedUrl, then
// thumbnailUrl, then originalUrl; collection from OpenSea, then the
// collection, then the contract name; a nameless NFT is "<contract> #<id>".
func parseNFTs(slug string, body []byte) ([]domain.NFT, error) {
	var r nftsResponse
	if err := json.Unmarshal(body, &r); err != nil {
		return nil, err
	}
	out := make([]domain.NFT, 0, len(r.OwnedNFTs))
	for _, n := range r.OwnedNFTs {
		if !isAddress(n.Contract.Address) {
			continue
		}
		item := domain.NFT{
			Chain:          slug,
			Contract:       common.HexToAddress(n.Contract.Address).Hex(),
			TokenID:        n.TokenID,
			Name:           n.Name,
			Description:    n.Description,
			ImageURL:       firstOf(n.Image.CachedURL, n.Image.ThumbnailURL, n.Image.OriginalURL),
			CollectionName: n.Contract.OpenSeaMetadata.CollectionName,
			TokenType:      firstOf(n.TokenType, n.Contract.TokenType),
		}
		if item.CollectionName == "" && n.Collection != nil {
			item.CollectionName = n.Collection.Name
		}
		item.CollectionName = firstOf(item.CollectionName, n.Contract.Name)
		if item.Name == "" && n.Contract.Name != "" {
			item.Name = n.Contract.Name + " #" + n.TokenID
		}
		out = append(out, item.Normalized())
	}
	return out, nil
}

func firstOf(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}
