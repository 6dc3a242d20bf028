package domain

import "unicode/utf8"

// NFT is one non-fungible token held. EVM NFTs carry Chain, Contract and
// TokenID; Solana NFTs carry the mint in Contract.
type NFT struct {
	Chain          string // EVM chain slug ("ethereum"); empty for Solana
	Contract       string // EVM contract address or Solana mint
	TokenID        string // decimal token id (EVM only)
	Name           string
	Description    string
	ImageURL       string
	CollectionName string
	TokenType      string // ERC721 or ERC1155 (EVM only)
}

// NFT display limits and defaults, as the reference shows them.
const (
	MaxNFTDescription = 200
	UntitledNFT       = "Untitled"
	DefaultTokenType  = "ERC721"
)

// Normalized applies the display rules: a blank name becomes "Untitled",
// descriptions are cut to 200 characters (never inside a UTF-8 sequence) and
// an EVM NFT without a type is an ERC721.
func (n NFT) Normalized() NFT {
	if n.Name == "" {
		n.Name = UntitledNFT
	}
	if utf8.RuneCountInString(n.Description) > MaxNFTDescription {
		r := []rune(n.Description)
		n.Description = string(r[:MaxNFTDescription])
	}
	if n.Chain != "" && n.TokenType == "" {
		n.TokenType = DefaultTokenType
	}
	return n
}

// NFTHoldings is the NFT answer. A side whose provider or address is
// missing has Enabled false. A chain that failed is listed in Errors (by
// chain slug, "solana" for Solana) and contributes no items.
type NFTHoldings struct {
	EVMEnabled    bool
	EVM           []NFT // every EVM chain's NFTs, chain by chain in display order
	SolanaEnabled bool
	Solana        []NFT
	Errors        map[string]error
}
