package helius

import (
	"context"
	"encoding/json"
	"errors"
	"math/big"
	"strconv"
	"strings"

	"github.com/agentwallet/agentwallet/domain"
)

// Page sizes: one DAS page for holdings (fungibles are few) and the
// reference's 100 for NFTs.
const (
	holdingsLimit = 1000
	nftLimit      = 100
)

// SolanaHoldings calls getAssetsByOwner once with fungibles and the native
// balance shown.
func (c *Client) SolanaHoldings(ctx context.Context, owner string) (domain.SolanaHoldings, error) {
	const op = "helius.holdings"
	if err := checkOwner(op, owner); err != nil {
		return domain.SolanaHoldings{}, err
	}
	result, err := c.call(ctx, op, "getAssetsByOwner", assetsByOwnerParams{
		OwnerAddress: owner, Page: 1, Limit: holdingsLimit,
		DisplayOptions: displayOptions{ShowFungible: true, ShowNativeBalance: true},
	})
	if err != nil {
		return domain.SolanaHoldings{}, err
	}
	h, err := parseHoldings(result)
	if err != nil {
		return domain.SolanaHoldings{}, malformed(op, err)
	}
	return h, nil
}

// SolanaNFTs calls getAssetsByOwner for non-fungibles with collection names.
func (c *Client) SolanaNFTs(ctx context.Context, owner string) ([]domain.NFT, error) {
	const op = "helius.nfts"
	if err := checkOwner(op, owner); err != nil {
		return nil, err
	}
	result, err := c.call(ctx, op, "getAssetsByOwner", assetsByOwnerParams{
		OwnerAddress: owner, Page: 1, Limit: nftLimit,
		DisplayOptions: displayOptions{ShowCollectionMetadata: true},
	})
	if err != nil {
		return nil, err
	}
	nfts, err := parseNFTs(result)
	if err != nil {
		return nil, malformed(op, err)
	}
	return nfts, nil
}

// parseHoldings maps a getAssetsByOwner result: lamports and SOL price from
// nativeBalance, fungible items with a positive balance as tokens.
func parseHoldings(raw json.RawMessage) (domain.SolanaHoldings, error) {
	var r assetsResult
	if err := json.Unmarshal(raw, &r); err != nil {
		return domain.SolanaHoldings{}, err
	}
	h := domain.SolanaHoldings{Lamports: new(big.Int)}
	if nb := r.NativeBalance; nb != nil {
		if nb.Lamports != "" {
			l, ok := new(big.Int).SetString(nb.Lamports.String(), 10)
			if !ok || l.Sign() < 0 {
				return domain.SolanaHoldings{}, errors.New("bad lamports")
			}
			h.Lamports = l
		}
		h.SOLPriceUSD = price(nb.PricePerSOL)
		if h.SOLPriceUSD == nil {
			h.SOLPriceUSD = price(nb.PricePerToken)
		}
	}
	for _, it := range r.Items {
		if !isFungible(it.Interface) || it.TokenInfo == nil || it.ID == "" {
			continue
		}
		raw, ok := new(big.Int).SetString(it.TokenInfo.Balance.String(), 10)
		if !ok || raw.Sign() <= 0 {
			continue
		}
		m := domain.TokenMetadata{
			Contract: it.ID,
			Symbol:   strings.TrimSpace(firstOf(it.TokenInfo.Symbol, it.Content.Metadata.Symbol)),
			Name:     strings.TrimSpace(it.Content.Metadata.Name),
			LogoURL:  imageOf(it),
		}
		if d, err := strconv.ParseUint(it.TokenInfo.Decimals.String(), 10, 8); err == nil && d <= domain.MaxDecimals {
			m.Decimals, m.DecimalsKnown = uint8(d), true
		}
		t := domain.TokenBalance{TokenMetadata: m, Raw: raw}
		if pi := it.TokenInfo.PriceInfo; pi != nil && (pi.Currency == "" || strings.EqualFold(pi.Currency, "USDC") || strings.EqualFold(pi.Currency, "USD")) {
			t.PriceUSD = price(pi.PricePerToken)
		}
		h.Tokens = append(h.Tokens, t)
	}
	return h, nil
}

// parseNFTs keeps the non-fungible items.
func parseNFTs(raw json.RawMessage) ([]domain.NFT, error) {
	var r assetsResult
	if err := json.Unmarshal(raw, &r); err != nil {
		return nil, err
	}
	out := make([]domain.NFT, 0, len(r.Items))
	for _, it := range r.Items {
		if isFungible(it.Interface) || it.ID == "" {
			continue
		}
		n := domain.NFT{
			Contract:    it.ID,
			Name:        strings.TrimSpace(it.Content.Metadata.Name),
			Description: it.Content.Metadata.Description,
			ImageURL:    imageOf(it),
		}
		for _, g := range it.Grouping {
			if g.GroupKey == "collection" {
				n.CollectionName = g.GroupValue
				if g.CollectionMetadata != nil && g.CollectionMetadata.Name != "" {
					n.CollectionName = g.CollectionMetadata.Name
				}
				break
			}
		}
		out = append(out, n.Normalized())
	}
	return out, nil
}

func isFungible(iface string) bool { return iface == "FungibleToken" || iface == "FungibleAsset" }

// imageOf prefers content.links.image, then the first file's CDN copy, then
// its URI.
func imageOf(it assetDTO) string {
	if it.Content.Links.Image != "" {
		return it.Content.Links.Image
	}
	if len(it.Content.Files) > 0 {
		return firstOf(it.Content.Files[0].CDNURI, it.Content.Files[0].URI)
	}
	return ""
}

// price parses a JSON number as an exact non-negative price; nil if absent
// or unusable.
func price(n json.Number) *domain.Decimal {
	if n == "" {
		return nil
	}
	d, err := domain.ParseDecimal(n.String())
	if err != nil || d.Sign() < 0 {
		return nil
	}
	return &d
}

func firstOf(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}
