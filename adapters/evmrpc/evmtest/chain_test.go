package evmtest_test

import (
	"context"
	"errors"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/agentwallet/agentwallet/adapters/evmrpc/evmtest"
)

func TestNewDeploysPairsWithLiquidity(t *testing.T) {
	t.Parallel()
	c := evmtest.New(t, evmtest.Options{})
	if c.ChainID.Cmp(big.NewInt(1337)) != 0 {
		t.Fatalf("chain id = %s", c.ChainID)
	}
	if got := c.Call(t, "UniswapV2Router02", c.Router, "WETH")[0].(common.Address); got != c.WBNB {
		t.Fatalf("router WETH() = %v, want %v", got, c.WBNB)
	}
	for _, tok := range []common.Address{c.Token, c.FeeToken} {
		pair := c.Call(t, "UniswapV2Factory", c.Factory, "getPair", tok, c.WBNB)[0].(common.Address)
		if pair == (common.Address{}) {
			t.Fatalf("no pair for %s", tok)
		}
		if got := c.Balance(t, pair); got.Sign() != 0 {
			t.Fatalf("pair holds native coin %s", got)
		}
		if got := c.TokenBalance(t, c.WBNB, pair); got.Cmp(evmtest.PoolNative) != 0 {
			t.Fatalf("pair WBNB = %s, want %s", got, evmtest.PoolNative)
		}
	}
	if got := c.TokenBalance(t, c.Token, c.Call(t, "UniswapV2Factory", c.Factory, "getPair", c.Token, c.WBNB)[0].(common.Address)); got.Cmp(evmtest.PoolTokens) != 0 {
		t.Fatalf("pair tokens = %s", got)
	}
}

func TestSwapOnHarness(t *testing.T) {
	t.Parallel()
	c := evmtest.New(t, evmtest.Options{Accounts: 1})
	buyer := c.Accounts[0]
	me := crypto.PubkeyToAddress(buyer.PublicKey)
	path := []common.Address{c.WBNB, c.Token}
	out := c.Call(t, "UniswapV2Router02", c.Router, "getAmountsOut", evmtest.Ether, path)[0].([]*big.Int)
	want := out[1]
	deadline := big.NewInt(time.Now().Add(time.Hour).Unix())
	c.Send(t, buyer, c.Router, evmtest.Ether, c.Pack(t, "UniswapV2Router02", "swapExactETHForTokensSupportingFeeOnTransferTokens", want, path, me, deadline))
	if got := c.TokenBalance(t, c.Token, me); got.Cmp(want) != 0 {
		t.Fatalf("bought %s, quoted %s", got, want)
	}
}

func TestRPCServerForwardsAndCounts(t *testing.T) {
	t.Parallel()
	c := evmtest.New(t, evmtest.Options{Accounts: 1})
	srv := c.StartRPC(t, evmtest.RPCOptions{AutoMine: true})
	cl, err := ethclient.Dial(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	ctx := context.Background()
	id, err := cl.ChainID(ctx)
	if err != nil || id.Cmp(c.ChainID) != 0 {
		t.Fatalf("ChainID over HTTP = %v, %v", id, err)
	}
	if _, err := cl.TransactionReceipt(ctx, common.Hash{1}); !errors.Is(err, ethereum.NotFound) {
		t.Fatalf("unknown receipt err = %v, want NotFound", err)
	}
	if srv.Calls("eth_chainId") != 1 || srv.Requests() != 2 {
		t.Fatalf("counters: chainId %d, requests %d", srv.Calls("eth_chainId"), srv.Requests())
	}
	srv.SetFault(evmtest.FaultHTTP503)
	if _, err := cl.ChainID(ctx); err == nil {
		t.Fatal("503 fault did not fail the call")
	}
	srv.SetFault(evmtest.FaultMalformed)
	if _, err := cl.ChainID(ctx); err == nil {
		t.Fatal("malformed fault did not fail the call")
	}
	srv.SetFault(evmtest.FaultNone)
	if _, err := cl.BlockNumber(ctx); err != nil {
		t.Fatalf("healed server: %v", err)
	}
}
