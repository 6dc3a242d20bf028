package steward

import (
	"context"
	"encoding/json"
	"net/http"

	"github.com/agentwallet/agentwallet/domain"
)

// Sign submits a transaction to POST /vault/:id/sign. It always sends an
// Idempotency-Key (current Steward requires one to broadcast) and reuses it
// when it retries after a transport failure or a 502/503/504, so a retry can
// never sign twice.
func (c *Client) Sign(ctx context.Context, agentID string, req domain.StewardSignRequest) (domain.StewardSignResult, error) {
	const op = "steward.sign"
	key := req.IdempotencyKey
	if key == "" {
		key = c.newKey()
	}
	value := "0"
	if req.Value != nil {
		value = req.Value.String()
	}
	body := signBody{
		To: req.To, Value: value, Data: encodeHex(req.Data), ChainID: req.ChainID,
		Broadcast: !req.SignOnly, Description: req.Description,
	}
	rep, err := c.do(ctx, call{op: op, method: http.MethodPost, path: agentPath("/vault", agentID, "sign"), body: body, idemKey: key, attempts: 2})
	if err != nil {
		return domain.StewardSignResult{}, err
	}
	var data signData
	hasData := len(rep.env.Data) > 0 && json.Unmarshal(rep.env.Data, &data) == nil
	switch {
	case rep.status == http.StatusOK:
		if !hasData || data.TxID == "" && data.TxHash == "" && data.SignedTx == "" {
			return domain.StewardSignResult{}, upstreamMalformed(op, "signed reply without txId, txHash or signedTx")
		}
		return domain.StewardSignResult{Status: domain.StewardSigned, TxID: data.TxID, TxHash: data.TxHash, SignedTx: data.SignedTx}, nil
	case rep.status == http.StatusAccepted && hasData && data.Code == "external_broadcast_outcome_unknown":
		return domain.StewardSignResult{Status: domain.StewardOutcomeUnknown, TxID: data.TxID, TxHash: data.TxHash}, nil
	case rep.status == http.StatusAccepted && hasData && (data.Status == "pending_approval" || data.Results != nil):
		return domain.StewardSignResult{Status: domain.StewardPendingApproval, TxID: data.TxID, Results: resultsDomain(data.Results)}, nil
	case rep.status == http.StatusAccepted:
		return domain.StewardSignResult{}, upstreamMalformed(op, "202 reply that is neither held nor outcome-unknown")
	case rep.status == http.StatusForbidden && hasData && data.Results != nil:
		// Only a 403 that carries policy results is a policy rejection; the
		// calldata gate and credential failures are 403s too.
		return domain.StewardSignResult{}, domain.ErrPolicyRejected(upstreamMessage(rep),
			&domain.PolicyRejection{TxID: data.TxID, Results: resultsDomain(data.Results)}).WithOp(op)
	default:
		return domain.StewardSignResult{}, statusError(op, rep)
	}
}
