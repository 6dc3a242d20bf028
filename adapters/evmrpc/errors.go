package evmrpc

import (
	"context"
	"errors"
	"net/url"
	"strings"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/rpc"

	"github.com/agentwallet/agentwallet/domain"
)

// errNotConfigured is returned by every chain call when no RPC URL is set.
var errNotConfigured = domain.Errorf(domain.KindUnavailable, "BSC RPC not configured: set BSC_RPC_URL (or NODEREAL_BSC_RPC_URL / QUICKNODE_BSC_RPC_URL)").WithCode("BSC_RPC_NOT_CONFIGURED")

// answered reports whether err is a node's own answer (a JSON-RPC error or
// "not found") rather than a failure to reach it. Only the latter moves on
// to the next endpoint: another node would give the same answer.
func answered(err error) bool {
	var re rpc.Error
	var de *domain.Error
	return errors.As(err, &re) || errors.Is(err, ethereum.NotFound) || errors.As(err, &de)
}

// isRevert reports whether a node error says the call reverted.
func isRevert(err error) bool {
	var re rpc.Error
	if errors.As(err, &re) && re.ErrorCode() == 3 {
		return true
	}
	return err != nil && strings.Contains(strings.ToLower(err.Error()), "execution reverted")
}

func isNonceTooLow(err error) bool {
	return err != nil && strings.Contains(strings.ToLower(err.Error()), "nonce too low")
}

func isAlreadyKnown(err error) bool {
	if err == nil {
		return false
	}
	m := strings.ToLower(err.Error())
	return strings.Contains(m, "already known") || strings.Contains(m, "known transaction")
}

// mapError is the one translation of node errors into domain errors. A
// node's complaint is never reported as our own 401 or 500.
func mapError(op string, err error) error {
	if err == nil {
		return nil
	}
	var de *domain.Error
	if errors.As(err, &de) {
		return err
	}
	msg := strings.ToLower(err.Error())
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return domain.Errorf(domain.KindTimeout, "BSC RPC did not answer in time").WithOp(op).Wrap(err)
	case errors.Is(err, context.Canceled):
		return domain.Errorf(domain.KindUnavailable, "request cancelled").WithOp(op).Wrap(err)
	case isRevert(err):
		return domain.Errorf(domain.KindUnprocessable, "transaction would revert: %s", revertReason(err)).WithCode("EXECUTION_REVERTED").WithOp(op).Wrap(err)
	case strings.Contains(msg, "insufficient funds"):
		return domain.Errorf(domain.KindInsufficientFunds, "insufficient BNB for value plus gas").WithCode("INSUFFICIENT_BALANCE").WithOp(op).Wrap(err)
	case isNonceTooLow(err):
		return domain.Errorf(domain.KindConflict, "nonce already used").WithCode("NONCE_CONFLICT").WithOp(op).Wrap(err)
	case answered(err):
		return domain.Errorf(domain.KindUpstream, "BSC RPC refused the request: %s", domain.Clip(err.Error(), 200)).WithOp(op).Wrap(err)
	}
	return domain.Errorf(domain.KindUnavailable, "BSC RPC unavailable").WithOp(op).Wrap(err)
}

// revertReason extracts the human part of a revert error, if any.
func revertReason(err error) string {
	m := err.Error()
	if i := strings.Index(strings.ToLower(m), "execution reverted"); i >= 0 {
		m = strings.TrimLeft(m[i+len("execution reverted"):], ": ")
	}
	if m == "" {
		return "no reason given"
	}
	return domain.Clip(m, 200)
}

// safeText renders a transport error without the request URL, which for
// hosted RPCs carries the API key in its path or query.
func safeText(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Op + ": " + safeText(ue.Err)
	}
	return err.Error()
}
