package transport

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/agentwallet/agentwallet/app"
	"github.com/agentwallet/agentwallet/domain"
)

type walletHandlers struct{ app *app.App }

type addressesResponse struct {
	EVMAddress    *string `json:"evmAddress"`
	SolanaAddress *string `json:"solanaAddress"`
}

func (h walletHandlers) addresses(c *gin.Context) {
	a, err := h.app.Wallets.Addresses(c.Request.Context())
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, addressesResponse{EVMAddress: a.EVM, SolanaAddress: a.Solana})
}

type generateRequest struct {
	Chain   string `json:"chain"`
	Source  string `json:"source"`
	Replace bool   `json:"replace"`
}

type walletJSON struct {
	Chain   domain.Chain `json:"chain"`
	Address string       `json:"address"`
}

type generateResponse struct {
	OK      bool         `json:"ok"`
	Wallets []walletJSON `json:"wallets"`
	Source  string       `json:"source"`
}

func (h walletHandlers) generate(c *gin.Context) {
	var req generateRequest
	if err := bindJSON(c, &req); err != nil {
		writeError(c, err)
		return
	}
	res, err := h.app.Wallets.Generate(c.Request.Context(), app.GenerateInput{Chain: req.Chain, Source: req.Source, Replace: req.Replace})
	if err != nil {
		writeError(c, err)
		return
	}
	out := generateResponse{OK: true, Source: res.Source, Wallets: make([]walletJSON, 0, len(res.Wallets))}
	for _, w := range res.Wallets {
		out.Wallets = append(out.Wallets, walletJSON{Chain: w.Chain, Address: w.Address})
	}
	c.JSON(http.StatusOK, out)
}

type importRequest struct {
	PrivateKey string `json:"privateKey"`
	Chain      string `json:"chain"`
}

type importResponse struct {
	OK      bool         `json:"ok"`
	Chain   domain.Chain `json:"chain"`
	Address string       `json:"address"`
}

func (h walletHandlers) importKey(c *gin.Context) {
	var req importRequest
	if err := bindJSON(c, &req); err != nil {
		writeError(c, err)
		return
	}
	w, err := h.app.Wallets.Import(c.Request.Context(), app.ImportInput{PrivateKey: req.PrivateKey, Chain: req.Chain})
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, importResponse{OK: true, Chain: w.Chain, Address: w.Address})
}

type exportRequest struct {
	Confirm     bool   `json:"confirm"`
	ExportToken string `json:"exportToken"`
}

type exportedKeyJSON struct {
	PrivateKey string `json:"privateKey"`
	Address    string `json:"address"`
}

type exportResponse struct {
	EVM    *exportedKeyJSON `json:"evm"`
	Solana *exportedKeyJSON `json:"solana"`
}

func (h walletHandlers) export(c *gin.Context) {
	var req exportRequest
	if err := bindJSON(c, &req); err != nil {
		writeError(c, err)
		return
	}
	res, err := h.app.Wallets.Export(c.Request.Context(), app.ExportInput{
		Confirm:     req.Confirm,
		HeaderToken: c.GetHeader("X-Eliza-Export-Token"),
		BodyToken:   req.ExportToken,
		Client:      clientOf(c),
	})
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, exportResponse{EVM: exportedJSON(res.EVM), Solana: exportedJSON(res.Solana)})
}

func exportedJSON(k *domain.ExportedKey) *exportedKeyJSON {
	if k == nil {
		return nil
	}
	return &exportedKeyJSON{PrivateKey: k.PrivateKey, Address: k.Address}
}
