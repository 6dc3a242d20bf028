package ports

import (
	"context"

	"github.com/agentwallet/agentwallet/domain"
)

//go:generate go tool mockgen -typed -destination=../mocks/cloud_wallets.go -package=mocks . CloudWallets

// CloudWallets finds and provisions the wallets Eliza Cloud manages for an
// agent. Errors beyond those named are as for CloudAgents.
type CloudWallets interface {
	// AgentWallet returns the agent's cloud wallet for chain. KindNotFound
	// (code CLOUD_WALLET_MISSING) when the agent has none for that chain.
	AgentWallet(ctx context.Context, key domain.CloudAPIKey, agent domain.CloudAgentID, chain domain.Chain) (domain.CloudWallet, error)
	// ProvisionWallet creates (idempotently per chain and clientAddress) a
	// cloud wallet for chain. clientAddress identifies this daemon.
	ProvisionWallet(ctx context.Context, key domain.CloudAPIKey, chain domain.Chain, clientAddress string) (domain.CloudWallet, error)
}
