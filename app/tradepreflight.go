package app

import (
	"context"
	"math/big"

	"github.com/agentwallet/agentwallet/domain"
)

// PreflightChecks are the individual readiness checks.
type PreflightChecks struct {
	WalletReady, RPCReady, ChainReady, GasReady, TokenAddressValid bool
}

// Preflight is the readiness report for a BSC trade.
type Preflight struct {
	OK            bool
	WalletAddress string // empty without an EVM wallet
	RPCURLHost    string
	ChainID       uint64
	BNBBalanceWei *big.Int // nil when unknown
	Checks        PreflightChecks
	Reasons       []string
}

// Preflight checks wallet, RPC, chain, gas balance and (optionally) that a
// contract lives at tokenAddress. Problems are reported, not returned as
// errors; only a store failure is an error.
func (t *Trading) Preflight(ctx context.Context, tokenAddress string) (Preflight, error) {
	p := Preflight{ChainID: t.policy.ChainID, Checks: PreflightChecks{TokenAddressValid: true}}
	addr, _, err := t.evmWallet(ctx)
	if err != nil {
		return Preflight{}, err
	}
	p.WalletAddress = addr
	p.Checks.WalletReady = addr != ""
	if !p.Checks.WalletReady {
		p.Reasons = append(p.Reasons, "No EVM wallet: generate or import one first.")
	}
	var token string
	if tokenAddress != "" {
		if token, err = domain.ParseEVMAddress(tokenAddress); err != nil {
			p.Checks.TokenAddressValid = false
			p.Reasons = append(p.Reasons, domain.MessageOf(err))
		}
	}
	st, err := t.chain.Node.Status(ctx)
	if err != nil {
		// A node that answers for the wrong chain is reachable but unusable.
		p.Checks.RPCReady = domain.CodeOf(err) == "BSC_CHAIN_MISMATCH"
		p.Reasons = append(p.Reasons, domain.MessageOf(err))
		return p, nil
	}
	p.RPCURLHost, p.Checks.RPCReady, p.Checks.ChainReady = st.Host, true, st.ChainID == t.policy.ChainID
	if p.Checks.WalletReady {
		bal, err := t.chain.Node.NativeBalance(ctx, addr)
		if err != nil {
			p.Reasons = append(p.Reasons, domain.MessageOf(err))
		} else {
			p.BNBBalanceWei = bal
			p.Checks.GasReady = bal.Cmp(domain.MinGasBalanceWei) >= 0
			if !p.Checks.GasReady {
				p.Reasons = append(p.Reasons, "BNB balance below the 0.005 BNB needed for gas.")
			}
		}
	}
	if token != "" {
		ok, err := t.chain.Node.HasCode(ctx, token)
		if err != nil {
			p.Reasons = append(p.Reasons, domain.MessageOf(err))
		}
		if !ok {
			p.Checks.TokenAddressValid = false
			if err == nil {
				p.Reasons = append(p.Reasons, "No contract at tokenAddress on this chain.")
			}
		}
	}
	c := p.Checks
	p.OK = c.WalletReady && c.RPCReady && c.ChainReady && c.GasReady && c.TokenAddressValid
	return p, nil
}
