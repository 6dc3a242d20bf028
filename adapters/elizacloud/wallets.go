package elizacloud

import (
	"context"
	"net/http"
	"net/url"

	"github.com/agentwallet/agentwallet/domain"
)

// AgentWallet reads GET /api/v1/<prefix>/agents/:id/wallet?chain=. A 404 or
// an answer without an address for the chain is a missing wallet.
func (c *Client) AgentWallet(ctx context.Context, key domain.CloudAPIKey, agent domain.CloudAgentID, chain domain.Chain) (domain.CloudWallet, error) {
	const op = "elizacloud.wallets.get"
	resp, err := c.do(ctx, call{op: op, method: http.MethodGet, path: c.agentsPath("/" + url.PathEscape(string(agent)) + "/wallet"),
		query: url.Values{"chain": {string(chain)}}, key: key, timeout: c.opts.AgentsTimeout})
	if domain.KindOf(err) == domain.KindNotFound {
		return domain.CloudWallet{}, domain.Errorf(domain.KindNotFound, "agent has no cloud %s wallet provisioned", chain).WithCode("CLOUD_WALLET_MISSING").WithOp(op).Wrap(err)
	}
	if err != nil {
		return domain.CloudWallet{}, err
	}
	w, err := parseAgentWallet(resp.body, chain)
	if err != nil {
		if domain.KindOf(err) == domain.KindNotFound {
			return domain.CloudWallet{}, err
		}
		return domain.CloudWallet{}, malformed(op, "agent wallet", err)
	}
	return w, nil
}

// ProvisionWallet calls POST /api/v1/user/wallets/provision, which the
// cloud makes idempotent per chain and client address.
func (c *Client) ProvisionWallet(ctx context.Context, key domain.CloudAPIKey, chain domain.Chain, clientAddress string) (domain.CloudWallet, error) {
	const op = "elizacloud.wallets.provision"
	resp, err := c.do(ctx, call{op: op, method: http.MethodPost, path: "/api/v1/user/wallets/provision",
		body: provisionWalletRequestDTO{ChainType: string(chain), ClientAddress: clientAddress}, key: key, timeout: c.opts.AgentsTimeout})
	if err != nil {
		return domain.CloudWallet{}, err
	}
	w, err := parseProvisionedWallet(resp.body, chain)
	if err != nil {
		return domain.CloudWallet{}, malformed(op, "provisioned wallet", err)
	}
	return w, nil
}
