// Package transport is the thin HTTP layer: each handler binds a request,
// calls one use case and maps the result to the spec's JSON. Guards (auth,
// Host, Origin, body limit) and the Kind -> status table live here.
package transport

import (
	"context"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/agentwallet/agentwallet/app"
)

// Deps are what the router needs.
type Deps struct {
	App    *app.App
	Logger *slog.Logger
}

// NewRouter builds the HTTP handler with every guard and route.
func NewRouter(d Deps) http.Handler {
	gin.SetMode(gin.ReleaseMode)
	if d.Logger == nil {
		d.Logger = slog.New(slog.DiscardHandler)
	}
	cfg := d.App.Config()
	bindHost, _, _ := net.SplitHostPort(cfg.Addr)

	r := gin.New()
	r.HandleMethodNotAllowed = true
	r.ContextWithFallback = true
	// The daemon is never behind a proxy: X-Forwarded-For must not let a
	// caller forge the client address the audit log records.
	r.ForwardedByClientIP = false
	r.Use(requestLog(d.Logger), recoverJSON(), securityHeaders,
		hostGuard(bindHost, cfg.HTTP.AllowedHosts), originGuard(cfg.HTTP.AllowedOrigins, cfg.HTTP.AllowNullOrigin),
		limitBody(cfg.HTTP.MaxBodyBytes))
	r.NoRoute(noRoute)
	r.NoMethod(func(c *gin.Context) {
		c.AbortWithStatusJSON(http.StatusMethodNotAllowed, errorBody{Error: "method not allowed", Code: "METHOD_NOT_ALLOWED"})
	})

	r.GET("/healthz", func(c *gin.Context) { c.JSON(http.StatusOK, gin.H{"ok": true}) })
	r.GET("/readyz", func(c *gin.Context) {
		ctx, cancel := context.WithTimeout(c.Request.Context(), 2*time.Second)
		defer cancel()
		if err := d.App.Ready(ctx); err != nil {
			loggerFrom(c).WarnContext(ctx, "not ready", "err", err.Error())
			c.JSON(http.StatusServiceUnavailable, gin.H{"ok": false})
			return
		}
		c.JSON(http.StatusOK, gin.H{"ok": true})
	})

	api := r.Group("/api")
	if !cfg.AuthDisabled {
		api.Use(requireToken(d.App.APIToken()))
	}
	w := walletHandlers{app: d.App}
	api.GET("/wallet/addresses", w.addresses)
	api.POST("/wallet/generate", w.generate)
	api.POST("/wallet/import", w.importKey)
	api.POST("/wallet/export", w.export)
	st := stewardHandlers{app: d.App}
	approver := requireApprover(cfg.ApproverToken.Reveal())
	api.GET("/wallet/steward-status", st.status)
	api.GET("/wallet/steward-pending-approvals", st.pending)
	api.POST("/wallet/steward-approve-tx", approver, st.approve)
	api.POST("/wallet/steward-deny-tx", approver, st.deny)
	api.GET("/wallet/steward-policies", st.policies)
	api.PUT("/wallet/steward-policies", approver, st.putPolicies)
	api.GET("/wallet/steward-tx-records", st.txRecords)
	b := balanceHandlers{app: d.App}
	api.GET("/wallet/balances", b.balances)
	api.GET("/wallet/nfts", b.nfts)
	wc := walletConfigHandlers{app: d.App}
	api.GET("/wallet/config", wc.get)
	api.PUT("/wallet/config", wc.put)
	registerCloud(api, d.App)
	registerTrading(api, d.App)
	return r
}
