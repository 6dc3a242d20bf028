package transport

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/agentwallet/agentwallet/domain"
)

// statusOf is the only Kind -> HTTP status table.
func statusOf(k domain.Kind) int {
	switch k {
	case domain.KindInvalid:
		return http.StatusBadRequest
	case domain.KindUnprocessable:
		return http.StatusUnprocessableEntity
	case domain.KindUnauthenticated:
		return http.StatusUnauthorized
	case domain.KindForbidden, domain.KindPolicyDenied:
		return http.StatusForbidden
	case domain.KindNotFound:
		return http.StatusNotFound
	case domain.KindConflict, domain.KindInsufficientFunds:
		return http.StatusConflict
	case domain.KindGone:
		return http.StatusGone
	case domain.KindTooLarge:
		return http.StatusRequestEntityTooLarge
	case domain.KindRateLimited:
		return http.StatusTooManyRequests
	case domain.KindUpstream:
		return http.StatusBadGateway
	case domain.KindUnavailable:
		return http.StatusServiceUnavailable
	case domain.KindTimeout:
		return http.StatusGatewayTimeout
	default:
		return http.StatusInternalServerError
	}
}

// errorBody is the spec's error envelope.
type errorBody struct {
	Error string `json:"error"`
	Code  string `json:"code"`
}

// writeError writes err as the spec's envelope with its Kind's status.
// Internal errors are logged with their cause and shown generically.
func writeError(c *gin.Context, err error) {
	kind := domain.KindOf(err)
	if kind == domain.KindInternal {
		loggerFrom(c).ErrorContext(c.Request.Context(), "internal error", "err", err.Error())
	}
	c.AbortWithStatusJSON(statusOf(kind), errorBody{Error: domain.MessageOf(err), Code: domain.CodeOf(err)})
}
