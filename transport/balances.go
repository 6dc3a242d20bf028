package transport

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/agentwallet/agentwallet/app"
	"github.com/agentwallet/agentwallet/domain"
)

type balanceHandlers struct{ app *app.App }

type balancesResponse struct {
	EVM    *evmBalancesJSON    `json:"evm"`
	Solana *solanaBalancesJSON `json:"solana"`
}

type evmBalancesJSON struct {
	Address string             `json:"address"`
	Chains  []chainBalanceJSON `json:"chains"`
}

type chainBalanceJSON struct {
	Chain          string         `json:"chain"`
	ChainID        uint64         `json:"chainId"`
	NativeBalance  string         `json:"nativeBalance"`
	NativeSymbol   string         `json:"nativeSymbol"`
	NativeValueUSD *string        `json:"nativeValueUsd"`
	Tokens         []evmTokenJSON `json:"tokens"`
	Error          *string        `json:"error"`
}

type evmTokenJSON struct {
	Symbol          string  `json:"symbol"`
	Name            string  `json:"name"`
	ContractAddress string  `json:"contractAddress"`
	Balance         string  `json:"balance"`
	Decimals        uint8   `json:"decimals"`
	ValueUSD        *string `json:"valueUsd"`
	LogoURL         string  `json:"logoUrl"`
}

type solanaBalancesJSON struct {
	Address     string         `json:"address"`
	SolBalance  string         `json:"solBalance"`
	SolValueUSD *string        `json:"solValueUsd"`
	Tokens      []splTokenJSON `json:"tokens"`
	Error       *string        `json:"error"`
}

type splTokenJSON struct {
	Symbol   string  `json:"symbol"`
	Name     string  `json:"name"`
	Mint     string  `json:"mint"`
	Balance  string  `json:"balance"`
	Decimals uint8   `json:"decimals"`
	ValueUSD *string `json:"valueUsd"`
	LogoURL  string  `json:"logoUrl"`
}

func (h balanceHandlers) balances(c *gin.Context) {
	b, err := h.app.Balances.Balances(c.Request.Context())
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, balancesJSON(b))
}

func balancesJSON(b domain.Balances) balancesResponse {
	var out balancesResponse
	if b.EVM != nil {
		e := &evmBalancesJSON{Address: b.EVM.Address, Chains: make([]chainBalanceJSON, 0, len(b.EVM.Chains))}
		for _, ch := range b.EVM.Chains {
			row := chainBalanceJSON{
				Chain: ch.Chain.Slug, ChainID: ch.Chain.ChainID, NativeBalance: ch.NativeAmount(),
				NativeSymbol: ch.Chain.NativeSymbol, NativeValueUSD: usd(ch.NativeValueUSD()),
				Tokens: make([]evmTokenJSON, 0, len(ch.Tokens)), Error: errMessage(ch.Err),
			}
			for _, t := range ch.Tokens {
				row.Tokens = append(row.Tokens, evmTokenJSON{
					Symbol: t.Symbol, Name: t.Name, ContractAddress: t.Contract, Balance: t.Amount(),
					Decimals: t.Decimals, ValueUSD: usd(t.ValueUSD()), LogoURL: t.LogoURL,
				})
			}
			e.Chains = append(e.Chains, row)
		}
		out.EVM = e
	}
	if s := b.Solana; s != nil {
		sol := &solanaBalancesJSON{Address: s.Address, SolBalance: s.SOLAmount(), SolValueUSD: usd(s.SOLValueUSD()),
			Tokens: make([]splTokenJSON, 0, len(s.Tokens)), Error: errMessage(s.Err)}
		for _, t := range s.Tokens {
			sol.Tokens = append(sol.Tokens, splTokenJSON{
				Symbol: t.Symbol, Name: t.Name, Mint: t.Contract, Balance: t.Amount(),
				Decimals: t.Decimals, ValueUSD: usd(t.ValueUSD()), LogoURL: t.LogoURL,
			})
		}
		out.Solana = sol
	}
	return out
}

// usd renders a USD value with cents ("3200.00"); nil stays null.
func usd(d *domain.Decimal) *string {
	if d == nil {
		return nil
	}
	s := d.Fixed(2)
	return &s
}

// errMessage is the client-safe message of a per-chain error, or null.
func errMessage(err error) *string {
	if err == nil {
		return nil
	}
	m := domain.MessageOf(err)
	return &m
}

type nftsResponse struct {
	EVM    *[]evmNFTJSON     `json:"evm"`
	Solana *solanaNFTsJSON   `json:"solana"`
	Errors map[string]string `json:"errors,omitempty"`
}

type evmNFTJSON struct {
	Chain           string `json:"chain"`
	ContractAddress string `json:"contractAddress"`
	TokenID         string `json:"tokenId"`
	Name            string `json:"name"`
	Description     string `json:"description"`
	ImageURL        string `json:"imageUrl"`
	CollectionName  string `json:"collectionName"`
	TokenType       string `json:"tokenType"`
}

type solanaNFTsJSON struct {
	NFTs []solanaNFTJSON `json:"nfts"`
}

type solanaNFTJSON struct {
	Mint           string `json:"mint"`
	Name           string `json:"name"`
	Description    string `json:"description"`
	ImageURL       string `json:"imageUrl"`
	CollectionName string `json:"collectionName"`
}

func (h balanceHandlers) nfts(c *gin.Context) {
	n, err := h.app.NFTs.NFTs(c.Request.Context())
	if err != nil {
		writeError(c, err)
		return
	}
	var out nftsResponse
	if n.EVMEnabled {
		list := make([]evmNFTJSON, 0, len(n.EVM))
		for _, x := range n.EVM {
			list = append(list, evmNFTJSON{Chain: x.Chain, ContractAddress: x.Contract, TokenID: x.TokenID, Name: x.Name,
				Description: x.Description, ImageURL: x.ImageURL, CollectionName: x.CollectionName, TokenType: x.TokenType})
		}
		out.EVM = &list
	}
	if n.SolanaEnabled {
		sol := &solanaNFTsJSON{NFTs: make([]solanaNFTJSON, 0, len(n.Solana))}
		for _, x := range n.Solana {
			sol.NFTs = append(sol.NFTs, solanaNFTJSON{Mint: x.Contract, Name: x.Name, Description: x.Description, ImageURL: x.ImageURL, CollectionName: x.CollectionName})
		}
		out.Solana = sol
	}
	if len(n.Errors) > 0 {
		out.Errors = make(map[string]string, len(n.Errors))
		for chain, err := range n.Errors {
			out.Errors[chain] = domain.MessageOf(err)
		}
	}
	c.JSON(http.StatusOK, out)
}
