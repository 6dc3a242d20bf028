package transport

import (
	"crypto/sha256"
	"crypto/subtle"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/google/uuid"

	"github.com/agentwallet/agentwallet/domain"
)

const loggerKey = "agentwallet.logger"

func loggerFrom(c *gin.Context) *slog.Logger {
	if l, ok := c.Get(loggerKey); ok {
		return l.(*slog.Logger)
	}
	return slog.New(slog.DiscardHandler)
}

// requestLog assigns a request id (kept from X-Request-Id when sane), puts a
// logger carrying it on the context, and logs one line per request. Query
// strings are not logged: they may carry session ids.
func requestLog(base *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		id := c.GetHeader("X-Request-Id")
		if !saneRequestID(id) {
			id = uuid.NewString()
		}
		c.Header("X-Request-Id", id)
		log := base.With("requestId", id)
		c.Set(loggerKey, log)
		start := time.Now()
		c.Next()
		log.InfoContext(c.Request.Context(), "http request",
			"method", c.Request.Method, "path", c.Request.URL.Path, "status", c.Writer.Status(),
			"durationMs", time.Since(start).Milliseconds(), "client", c.ClientIP())
	}
}

func saneRequestID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for _, r := range id {
		if !(r == '-' || r == '_' || r == '.' || '0' <= r && r <= '9' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z') {
			return false
		}
	}
	return true
}

// recoverJSON turns a panic into the generic 500 envelope; the panic value is
// logged, never returned.
func recoverJSON() gin.HandlerFunc {
	return func(c *gin.Context) {
		defer func() {
			if r := recover(); r != nil {
				if r == http.ErrAbortHandler {
					panic(r)
				}
				loggerFrom(c).ErrorContext(c.Request.Context(), "panic in handler", "panic", r)
				c.AbortWithStatusJSON(http.StatusInternalServerError, errorBody{Error: "internal error", Code: "INTERNAL_ERROR"})
			}
		}()
		c.Next()
	}
}

// securityHeaders sets the headers every response carries.
func securityHeaders(c *gin.Context) {
	h := c.Writer.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("X-XSS-Protection", "1; mode=block")
	h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
	h.Set("Cache-Control", "no-store")
	c.Next()
}

// hostGuard refuses requests whose Host header names a host other than
// loopback, the bind host or an allowed host: a DNS-rebinding defence. A
// missing Host is allowed (non-browser clients).
func hostGuard(bindHost string, allowed []string) gin.HandlerFunc {
	ok := map[string]bool{"localhost": true, "127.0.0.1": true, "::1": true, "0:0:0:0:0:0:0:1": true, "::ffff:127.0.0.1": true}
	if bindHost != "" && bindHost != "0.0.0.0" && bindHost != "::" {
		ok[strings.ToLower(bindHost)] = true
	}
	for _, h := range allowed {
		ok[strings.ToLower(h)] = true
	}
	return func(c *gin.Context) {
		host := c.Request.Host
		if strings.TrimSpace(host) == "" {
			c.Next()
			return
		}
		if !ok[strings.ToLower(hostname(host))] {
			c.AbortWithStatusJSON(http.StatusForbidden, errorBody{Error: "Forbidden — invalid Host header", Code: "FORBIDDEN"})
			return
		}
		c.Next()
	}
}

func hostname(hostport string) string {
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		return h
	}
	return strings.Trim(hostport, "[]")
}

// originGuard applies the Origin allow-list: allowed origins get CORS
// headers, others are refused with 403, and preflights end here with 204.
func originGuard(extra []string, allowNull bool) gin.HandlerFunc {
	listed := map[string]bool{}
	for _, o := range extra {
		listed[strings.TrimRight(o, "/")] = true
	}
	return func(c *gin.Context) {
		origin := c.GetHeader("Origin")
		if origin == "" {
			if c.Request.Method == http.MethodOptions {
				c.AbortWithStatus(http.StatusNoContent)
				return
			}
			c.Next()
			return
		}
		if !originAllowed(origin, listed, allowNull) {
			c.AbortWithStatusJSON(http.StatusForbidden, errorBody{Error: "Origin not allowed", Code: "FORBIDDEN"})
			return
		}
		h := c.Writer.Header()
		h.Set("Access-Control-Allow-Origin", origin)
		h.Add("Vary", "Origin")
		h.Set("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE, OPTIONS")
		h.Set("Access-Control-Allow-Headers", "Content-Type, Authorization, X-Api-Key, X-Eliza-Export-Token, X-Eliza-Agent-Action, X-Elizaos-Agent-Action, Idempotency-Key, X-Request-Id, X-Approver-Token")
		h.Set("Access-Control-Max-Age", "600")
		if c.Request.Method == http.MethodOptions {
			c.AbortWithStatus(http.StatusNoContent)
			return
		}
		c.Next()
	}
}

func originAllowed(origin string, listed map[string]bool, allowNull bool) bool {
	if origin == "null" {
		return allowNull
	}
	if listed[strings.TrimRight(origin, "/")] {
		return true
	}
	u, err := url.Parse(origin)
	if err != nil {
		return false
	}
	switch u.Scheme {
	case "http", "https":
		h := u.Hostname()
		return h == "localhost" || h == "127.0.0.1" || h == "::1"
	case "capacitor", "capacitor-electron", "app":
		return u.Host == "localhost" || u.Host == "-" || u.Host == ""
	}
	return false
}

// requireToken checks the API token from Authorization: Bearer or X-Api-Key,
// in constant time (hashing first also hides the length).
func requireToken(token string) gin.HandlerFunc {
	want := sha256.Sum256([]byte(token))
	return func(c *gin.Context) {
		given := c.GetHeader("X-Api-Key")
		if auth := c.GetHeader("Authorization"); auth != "" {
			if scheme, rest, ok := strings.Cut(auth, " "); ok && strings.EqualFold(scheme, "Bearer") {
				given = strings.TrimSpace(rest)
			}
		}
		got := sha256.Sum256([]byte(given))
		if given == "" || subtle.ConstantTimeCompare(got[:], want[:]) != 1 {
			c.AbortWithStatusJSON(http.StatusUnauthorized, errorBody{Error: "Unauthorized", Code: "UNAUTHORIZED"})
			return
		}
		c.Next()
	}
}

// requireApprover guards the routes that release or change what policies
// hold (approve, deny, policy updates) with the approver token, when one is
// configured: the agent holds the API token and must not approve itself.
func requireApprover(token string) gin.HandlerFunc {
	if token == "" {
		return func(c *gin.Context) { c.Next() }
	}
	want := sha256.Sum256([]byte(token))
	return func(c *gin.Context) {
		got := sha256.Sum256([]byte(strings.TrimSpace(c.GetHeader("X-Approver-Token"))))
		if subtle.ConstantTimeCompare(got[:], want[:]) != 1 {
			c.AbortWithStatusJSON(http.StatusForbidden, errorBody{
				Error: "this action needs the approver token (X-Approver-Token header)", Code: "APPROVER_REQUIRED"})
			return
		}
		c.Next()
	}
}

// limitBody caps request bodies; handlers reading past the cap get 413 via
// bindJSON. A declared Content-Length over the cap is refused at once.
func limitBody(max int64) gin.HandlerFunc {
	return func(c *gin.Context) {
		if c.Request.ContentLength > max {
			writeError(c, errBodyTooLarge)
			return
		}
		c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, max)
		c.Next()
	}
}

// clientOf describes the caller for the audit log.
func clientOf(c *gin.Context) string {
	ua := c.Request.UserAgent()
	if len(ua) > 120 {
		ua = ua[:120]
	}
	return c.ClientIP() + " " + ua
}

// noRoute answers unknown paths with the envelope.
func noRoute(c *gin.Context) {
	writeError(c, domain.Errorf(domain.KindNotFound, "no such endpoint: %s %s", c.Request.Method, c.Request.URL.Path))
}
