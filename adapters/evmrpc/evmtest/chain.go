package evmtest

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"math/big"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/eth/ethconfig"
	"github.com/ethereum/go-ethereum/ethclient/simulated"
	"github.com/ethereum/go-ethereum/node"
)

// Ether is 10^18 wei.
var Ether = new(big.Int).Exp(big.NewInt(10), big.NewInt(18), nil)

// Units returns n whole tokens (or ether) of 18 decimals in base units.
func Units(n int64) *big.Int { return new(big.Int).Mul(big.NewInt(n), Ether) }

// Pool sizes every Chain starts with: 100 native / 100,000 tokens per pair.
var (
	PoolNative = Units(100)
	PoolTokens = Units(100_000)
)

// setupGas is the fixed limit for the harness's own set-up transactions;
// far above any of them, so estimates (and their timestamp gotcha) play no
// part in set-up.
const setupGas = 8_000_000

// Chain is a simulated chain with the swap contracts deployed. Its exported
// addresses are what the daemon's config points at.
type Chain struct {
	Backend  *simulated.Backend
	Client   simulated.Client
	ChainID  *big.Int
	Deployer *ecdsa.PrivateKey // holds the token supply and most of the native coin
	Accounts []*ecdsa.PrivateKey

	WBNB     common.Address // WETH9
	Factory  common.Address
	Router   common.Address // UniswapV2Router02, PancakeSwap V2's interface
	Token    common.Address // plain ERC-20 (symbol TT, 18 decimals)
	FeeToken common.Address // DeflatingERC20, burns 1% on transfer (symbol DTT)

	abis map[string]abi.ABI
	mu   sync.Mutex // serialises the harness's own sends and commits
}

// Options tunes New.
type Options struct {
	Accounts   int      // extra funded accounts; default 3
	AccountWei *big.Int // native balance of each extra account; default 1000 ether
}

// New starts a simulated chain under Osaka rules, deploys WETH9, the
// factory, Router02, an ERC-20 and a fee-on-transfer ERC-20, and adds
// liquidity for both tokens against WETH. It is closed when the test ends.
func New(t testing.TB, opts Options) *Chain {
	t.Helper()
	arts := Artifacts(t)
	if opts.Accounts == 0 {
		opts.Accounts = 3
	}
	if opts.AccountWei == nil {
		opts.AccountWei = Units(1000)
	}
	c := &Chain{abis: map[string]abi.ABI{}}
	alloc := types.GenesisAlloc{}
	c.Deployer = mustKey(t)
	alloc[crypto.PubkeyToAddress(c.Deployer.PublicKey)] = types.Account{Balance: Units(1_000_000_000)}
	for range opts.Accounts {
		k := mustKey(t)
		c.Accounts = append(c.Accounts, k)
		alloc[crypto.PubkeyToAddress(k.PublicKey)] = types.Account{Balance: new(big.Int).Set(opts.AccountWei)}
	}
	c.Backend = simulated.NewBackend(alloc, osakaRules)
	t.Cleanup(func() { _ = c.Backend.Close() })
	c.Client = c.Backend.Client()
	id, err := c.Client.ChainID(context.Background())
	if err != nil {
		t.Fatalf("evmtest: chain id: %v", err)
	}
	c.ChainID = id
	for name, a := range arts {
		parsed, err := abi.JSON(bytes.NewReader(a.ABI))
		if err != nil {
			t.Fatalf("evmtest: parse %s ABI: %v", name, err)
		}
		c.abis[name] = parsed
	}

	me := c.DeployerAddress()
	c.WBNB = c.deploy(t, arts, "WETH9")
	c.Factory = c.deploy(t, arts, "UniswapV2Factory", me)
	c.Router = c.deploy(t, arts, "UniswapV2Router02", c.Factory, c.WBNB)
	c.Token = c.deploy(t, arts, "ERC20", Units(10_000_000))
	c.FeeToken = c.deploy(t, arts, "DeflatingERC20", Units(10_000_000))
	for _, tok := range []common.Address{c.Token, c.FeeToken} {
		c.Send(t, c.Deployer, tok, nil, c.Pack(t, "ERC20", "approve", c.Router, abi.MaxUint256))
		deadline := big.NewInt(time.Now().Add(time.Hour).Unix())
		c.Send(t, c.Deployer, c.Router, PoolNative, c.Pack(t, "UniswapV2Router02", "addLiquidityETH",
			tok, PoolTokens, big.NewInt(0), big.NewInt(0), me, deadline))
	}
	// An empty block, so the first swap a test makes does not share the
	// pair's last-update timestamp with the liquidity block.
	c.Commit()
	return c
}

// osakaRules switches the dev chain back from Amsterdam/Bogota to Osaka:
// the newer rules reprice state growth, making swaps cost several times
// what BSC charges (providers.md, section 4).
func osakaRules(_ *node.Config, eth *ethconfig.Config) {
	cfg := *eth.Genesis.Config
	cfg.AmsterdamTime, cfg.BogotaTime = nil, nil
	eth.Genesis.Config = &cfg
}

// DeployerAddress returns the deployer's address.
func (c *Chain) DeployerAddress() common.Address { return crypto.PubkeyToAddress(c.Deployer.PublicKey) }

// Commit mines a block with whatever is pending.
func (c *Chain) Commit() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.Backend.Commit()
}

// Pack ABI-encodes a call of method on the contract artifact named contract.
func (c *Chain) Pack(t testing.TB, contract, method string, args ...any) []byte {
	t.Helper()
	data, err := c.abis[contract].Pack(method, args...)
	if err != nil {
		t.Fatalf("evmtest: pack %s.%s: %v", contract, method, err)
	}
	return data
}

// Call runs a read-only call and unpacks its results.
func (c *Chain) Call(t testing.TB, contract string, to common.Address, method string, args ...any) []any {
	t.Helper()
	out, err := c.Client.CallContract(context.Background(), ethCall(to, c.Pack(t, contract, method, args...)), nil)
	if err != nil {
		t.Fatalf("evmtest: call %s.%s: %v", contract, method, err)
	}
	vals, err := c.abis[contract].Unpack(method, out)
	if err != nil {
		t.Fatalf("evmtest: unpack %s.%s: %v", contract, method, err)
	}
	return vals
}

// TokenBalance reads an ERC-20 balance.
func (c *Chain) TokenBalance(t testing.TB, token, owner common.Address) *big.Int {
	t.Helper()
	return c.Call(t, "ERC20", token, "balanceOf", owner)[0].(*big.Int)
}

// Balance reads a native balance at the latest block.
func (c *Chain) Balance(t testing.TB, addr common.Address) *big.Int {
	t.Helper()
	b, err := c.Client.BalanceAt(context.Background(), addr, nil)
	if err != nil {
		t.Fatalf("evmtest: balance: %v", err)
	}
	return b
}

// Fund sends native coin and, when tokens is non-nil, the plain ERC-20
// from the deployer to addr.
func (c *Chain) Fund(t testing.TB, addr common.Address, wei, tokens *big.Int) {
	t.Helper()
	if wei != nil && wei.Sign() > 0 {
		c.Send(t, c.Deployer, addr, wei, nil)
	}
	if tokens != nil && tokens.Sign() > 0 {
		c.Send(t, c.Deployer, c.Token, nil, c.Pack(t, "ERC20", "transfer", addr, tokens))
	}
}

// Send signs and sends a transaction with a fixed generous gas limit, mines
// it and fails the test unless it succeeded.
func (c *Chain) Send(t testing.TB, key *ecdsa.PrivateKey, to common.Address, value *big.Int, data []byte) *types.Receipt {
	t.Helper()
	r := c.sendAndMine(t, key, &to, value, data)
	if r.Status != types.ReceiptStatusSuccessful {
		t.Fatalf("evmtest: transaction to %s reverted", to)
	}
	return r
}

// SendUnchecked is Send without the status check, for tests that want a
// mined revert.
func (c *Chain) SendUnchecked(t testing.TB, key *ecdsa.PrivateKey, to common.Address, value *big.Int, data []byte) *types.Receipt {
	t.Helper()
	return c.sendAndMine(t, key, &to, value, data)
}

func (c *Chain) deploy(t testing.TB, arts map[string]Artifact, name string, ctorArgs ...any) common.Address {
	t.Helper()
	code := common.FromHex(arts[name].Bytecode)
	if len(ctorArgs) > 0 {
		args, err := c.abis[name].Pack("", ctorArgs...)
		if err != nil {
			t.Fatalf("evmtest: pack constructor of %s: %v", name, err)
		}
		code = append(code, args...)
	}
	r := c.sendAndMine(t, c.Deployer, nil, nil, code)
	if r.Status != types.ReceiptStatusSuccessful {
		t.Fatalf("evmtest: deploying %s reverted", name)
	}
	return r.ContractAddress
}

func (c *Chain) sendAndMine(t testing.TB, key *ecdsa.PrivateKey, to *common.Address, value *big.Int, data []byte) *types.Receipt {
	t.Helper()
	c.mu.Lock()
	defer c.mu.Unlock()
	ctx := context.Background()
	from := crypto.PubkeyToAddress(key.PublicKey)
	nonce, err := c.Client.PendingNonceAt(ctx, from)
	if err != nil {
		t.Fatalf("evmtest: nonce: %v", err)
	}
	head, err := c.Client.HeaderByNumber(ctx, nil)
	if err != nil {
		t.Fatalf("evmtest: head: %v", err)
	}
	if value == nil {
		value = new(big.Int)
	}
	feeCap := new(big.Int).Add(new(big.Int).Mul(head.BaseFee, big.NewInt(2)), big.NewInt(1e9))
	tx := types.NewTx(&types.DynamicFeeTx{ChainID: c.ChainID, Nonce: nonce, GasTipCap: big.NewInt(1e9), GasFeeCap: feeCap, Gas: setupGas, To: to, Value: value, Data: data})
	signed, err := types.SignTx(tx, types.LatestSignerForChainID(c.ChainID), key)
	if err != nil {
		t.Fatalf("evmtest: sign: %v", err)
	}
	if err := c.Client.SendTransaction(ctx, signed); err != nil {
		t.Fatalf("evmtest: send: %v", err)
	}
	c.Backend.Commit()
	r, err := c.Client.TransactionReceipt(ctx, signed.Hash())
	if err != nil {
		t.Fatalf("evmtest: receipt: %v", err)
	}
	return r
}

func ethCall(to common.Address, data []byte) ethereum.CallMsg {
	return ethereum.CallMsg{To: &to, Data: data}
}

func mustKey(t testing.TB) *ecdsa.PrivateKey {
	t.Helper()
	k, err := crypto.GenerateKey()
	if err != nil {
		t.Fatalf("evmtest: generate key: %v", err)
	}
	return k
}
