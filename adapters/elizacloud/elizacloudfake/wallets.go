package elizacloudfake

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/big"
	"net/http"

	"github.com/agentwallet/agentwallet/domain"
	"github.com/google/uuid"
)

type wallet struct {
	id, address, chain, clientAddress string
}

// FailWalletChain makes every wallet lookup and provisioning for chain
// answer 500 (on) or work again (off), to drive partial refreshes.
func (f *Fake) FailWalletChain(chain domain.Chain, on bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.failing[chain] = on
}

// SetAgentWallet changes what agents report as their own wallet.
func (f *Fake) SetAgentWallet(m AgentWalletMode) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.opts.AgentWallet = m
}

// RotateWallets changes every address the fake hands out from now on, as a
// wallet migration upstream would.
func (f *Fake) RotateWallets() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.rotation++
	f.wallets = map[string]wallet{}
}

// WalletAddress returns the address the fake provisions for chain and
// clientAddress (deterministic per rotation), for assertions.
func (f *Fake) WalletAddress(chain domain.Chain, clientAddress string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.addressLocked(string(chain), clientAddress)
}

func (f *Fake) addressLocked(chain, seed string) string {
	sum := sha256.Sum256(fmt.Appendf(nil, "%s|%s|%d", chain, seed, f.rotation))
	if chain == string(domain.ChainSolana) {
		return base58(sum[:])
	}
	return "0x" + hex.EncodeToString(sum[:20])
}

// agentWallet is GET /api/v1/<prefix>/agents/:id/wallet. Like the real
// route it ignores ?chain= (except for the failure knob) and reports one
// EVM wallet at most.
func (f *Fake) agentWallet(w http.ResponseWriter, r *http.Request, _ string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	id := r.PathValue("id")
	if f.failing[domain.Chain(r.URL.Query().Get("chain"))] {
		writeJSON(w, http.StatusInternalServerError, map[string]any{"success": false, "error": "wallet service unavailable"})
		return
	}
	if f.agents[id] == nil {
		notFound(w, "Agent")
		return
	}
	data := map[string]any{"agentId": id, "walletAddress": nil, "walletProvider": nil, "walletStatus": "none", "balance": nil, "chain": nil}
	switch f.opts.AgentWallet {
	case AgentWalletPrivy:
		data["walletAddress"], data["walletProvider"], data["walletStatus"] = f.addressLocked("evm", "agent:"+id), "privy", "active"
	case AgentWalletSteward:
		data["walletAddress"], data["walletProvider"], data["walletStatus"], data["chain"], data["balance"] = f.addressLocked("evm", "agent:"+id), "steward", "active", "base", "0"
	}
	writeJSON(w, http.StatusOK, map[string]any{"success": true, "data": data})
}

// provisionWallet is POST /api/v1/user/wallets/provision, idempotent per
// chain and client address.
func (f *Fake) provisionWallet(w http.ResponseWriter, r *http.Request, _ string) {
	var body struct {
		ChainType     string `json:"chainType"`
		ClientAddress string `json:"clientAddress"`
	}
	if !decodeBody(r, &body) || (body.ChainType != "evm" && body.ChainType != "solana") || len(body.ClientAddress) < 10 {
		writeJSON(w, http.StatusBadRequest, map[string]any{"success": false, "error": "Validation error",
			"details": []map[string]string{{"path": "chainType", "message": "evm or solana; clientAddress at least 10 characters"}}})
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.failing[domain.Chain(body.ChainType)] {
		writeJSON(w, http.StatusInternalServerError, map[string]any{"success": false, "error": "Failed to provision wallet"})
		return
	}
	k := body.ChainType + "|" + body.ClientAddress
	wal, ok := f.wallets[k]
	if !ok {
		wal = wallet{id: uuid.NewString(), address: f.addressLocked(body.ChainType, body.ClientAddress), chain: body.ChainType, clientAddress: body.ClientAddress}
		f.wallets[k] = wal
	}
	writeJSON(w, http.StatusOK, map[string]any{"success": true, "data": map[string]any{
		"id": wal.id, "address": wal.address, "chainType": wal.chain, "clientAddress": wal.clientAddress}})
}

const base58Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"

// base58 encodes b in Bitcoin's alphabet, as Solana addresses are.
func base58(b []byte) string {
	n := new(big.Int).SetBytes(b)
	radix, mod := big.NewInt(58), new(big.Int)
	var out []byte
	for n.Sign() > 0 {
		n.QuoRem(n, radix, mod)
		out = append(out, base58Alphabet[mod.Int64()])
	}
	for _, c := range b {
		if c != 0 {
			break
		}
		out = append(out, '1')
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return string(out)
}
