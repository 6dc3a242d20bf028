package transport

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/agentwallet/agentwallet/app"
	"github.com/agentwallet/agentwallet/domain"
)

type cloudHandlers struct{ cloud *app.Cloud }

// registerCloud adds the Cloud API (spec/cloud-api.md) and the cloud wallet
// routes of the Wallet API.
func registerCloud(api *gin.RouterGroup, a *app.App) {
	h := cloudHandlers{cloud: a.Cloud}
	api.POST("/cloud/login", h.login)
	api.GET("/cloud/login/status", h.loginStatus)
	api.GET("/cloud/status", h.status)
	api.GET("/cloud/credits", h.credits)
	api.POST("/cloud/disconnect", h.disconnect)

	api.GET("/cloud/billing/summary", h.billingSummary)
	api.GET("/cloud/billing/payment-methods", h.paymentMethods)
	api.GET("/cloud/billing/history", h.billingHistory)
	api.POST("/cloud/billing/checkout", h.checkout)
	api.POST("/cloud/billing/crypto/quote", h.cryptoQuote)

	api.GET("/cloud/agents", h.listAgents)
	api.POST("/cloud/agents", h.createAgent)
	api.POST("/cloud/agents/:id/provision", h.provisionAgent)
	api.POST("/cloud/agents/:id/shutdown", h.shutdownAgent)
	api.POST("/cloud/agents/:id/connect", h.connectAgent)

	api.POST("/wallet/primary", h.setPrimary)
	api.POST("/wallet/refresh-cloud", h.refreshCloud)
}

type loginResponse struct {
	OK         bool   `json:"ok"`
	SessionID  string `json:"sessionId"`
	BrowserURL string `json:"browserUrl"`
}

func (h cloudHandlers) login(c *gin.Context) {
	res, err := h.cloud.StartLogin(c.Request.Context())
	if err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, loginResponse{OK: true, SessionID: res.SessionID, BrowserURL: res.BrowserURL})
}

type loginStatusResponse struct {
	Status    domain.CloudLoginStatus `json:"status"`
	KeyPrefix string                  `json:"keyPrefix,omitempty"`
	Error     string                  `json:"error,omitempty"`
	Code      string                  `json:"code,omitempty"`
}

// loginStatus answers with the status body even on failure, with the
// failure's HTTP status, as clients poll it and read "status".
func (h cloudHandlers) loginStatus(c *gin.Context) {
	res, err := h.cloud.PollLogin(c.Request.Context(), c.Query("sessionId"))
	body := loginStatusResponse{Status: res.Status, KeyPrefix: res.KeyPrefix, Error: res.Error}
	if err != nil {
		body.Code = domain.CodeOf(err)
		body.Error = domain.MessageOf(err)
		c.AbortWithStatusJSON(statusOf(domain.KindOf(err)), body)
		return
	}
	c.JSON(http.StatusOK, body)
}

type cloudStatusResponse struct {
	Connected      bool    `json:"connected"`
	Enabled        bool    `json:"enabled"`
	HasAPIKey      bool    `json:"hasApiKey"`
	UserID         *string `json:"userId"`
	OrganizationID *string `json:"organizationId"`
	TopUpURL       string  `json:"topUpUrl"`
}

func (h cloudHandlers) status(c *gin.Context) {
	s := h.cloud.Status(c.Request.Context())
	c.JSON(http.StatusOK, cloudStatusResponse{Connected: s.Connected, Enabled: s.Enabled, HasAPIKey: s.HasAPIKey,
		UserID: s.UserID, OrganizationID: s.OrganizationID, TopUpURL: s.TopUpURL})
}

type creditsResponse struct {
	Connected    bool        `json:"connected"`
	Balance      *domain.USD `json:"balance"`
	Low          bool        `json:"low"`
	Critical     bool        `json:"critical"`
	AuthRejected bool        `json:"authRejected,omitempty"`
	Error        string      `json:"error,omitempty"`
	TopUpURL     string      `json:"topUpUrl"`
}

func (h cloudHandlers) credits(c *gin.Context) {
	cr := h.cloud.Credits(c.Request.Context())
	c.JSON(http.StatusOK, creditsResponse{Connected: cr.Connected, Balance: cr.Balance, Low: cr.Level.Low, Critical: cr.Level.Critical,
		AuthRejected: cr.AuthRejected, Error: cr.Error, TopUpURL: cr.TopUpURL})
}

func (h cloudHandlers) disconnect(c *gin.Context) {
	if err := h.cloud.Disconnect(c.Request.Context()); err != nil {
		writeError(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"ok": true, "status": "disconnected"})
}
