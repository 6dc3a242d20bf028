package transport

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/agentwallet/agentwallet/domain"
)

type primaryRequest struct {
	Chain  string `json:"chain"`
	Source string `json:"source"`
}

type primaryResponse struct {
	OK         bool                `json:"ok"`
	Chain      domain.Chain        `json:"chain"`
	Source     domain.WalletSource `json:"source"`
	Restarting bool                `json:"restarting"`
}

func (h cloudHandlers) setPrimary(c *gin.Context) {
	var req primaryRequest
	if err := bindJSON(c, &req); err != nil {
		writeError(c, err)
		return
	}
	res, err := h.cloud.SetPrimary(c.Request.Context(), req.Chain, req.Source)
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, primaryResponse{OK: true, Chain: res.Chain, Source: res.Source, Restarting: res.Restarting})
}

type cloudWalletJSON struct {
	Address  string                     `json:"address"`
	Provider domain.CloudWalletProvider `json:"provider"`
}

type refreshResponse struct {
	OK         bool                              `json:"ok"`
	Restarting bool                              `json:"restarting"`
	Wallets    map[domain.Chain]*cloudWalletJSON `json:"wallets"`
	Warnings   []string                          `json:"warnings,omitempty"`
}

func (h cloudHandlers) refreshCloud(c *gin.Context) {
	res, err := h.cloud.RefreshCloudWallets(c.Request.Context())
	if err != nil {
		writeError(c, err)
		return
	}
	out := refreshResponse{OK: true, Restarting: res.Restarting, Warnings: res.Warnings, Wallets: map[domain.Chain]*cloudWalletJSON{}}
	for _, ch := range domain.Chains {
		out.Wallets[ch] = nil
		if w, ok := res.Wallets.Get(ch); ok {
			out.Wallets[ch] = &cloudWalletJSON{Address: w.Address, Provider: w.Provider}
		}
	}
	c.JSON(http.StatusOK, out)
}
