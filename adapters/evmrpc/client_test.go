package evmrpc_test

import (
	"context"
	"math/big"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/agentwallet/agentwallet/adapters/evmrpc"
	"github.com/agentwallet/agentwallet/adapters/evmrpc/evmtest"
	"github.com/agentwallet/agentwallet/domain"
	"github.com/agentwallet/agentwallet/ports/portstest"
)

type fixture struct {
	chain  *evmtest.Chain
	srv    *evmtest.RPCServer
	client *evmrpc.Client
	signer *evmtest.Signer
}

func options(c *evmtest.Chain, urls ...string) evmrpc.Options {
	return evmrpc.Options{URLs: urls, ChainID: c.ChainID.Uint64(), Router: c.Router.Hex()}
}

// newHTTPFixture runs the adapter over HTTP JSON-RPC, as in production.
func newHTTPFixture(t *testing.T) fixture {
	t.Helper()
	c := evmtest.New(t, evmtest.Options{Accounts: 1})
	srv := c.StartRPC(t, evmtest.RPCOptions{})
	cl, err := evmrpc.New(options(c, srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(cl.Close)
	return fixture{chain: c, srv: srv, client: cl, signer: &evmtest.Signer{Key: c.Accounts[0]}}
}

func harness(f fixture) portstest.EVMHarness {
	return portstest.EVMHarness{
		Node: f.client, ERC20: f.client, Router: f.client, Sender: f.client,
		WrappedNative: f.chain.WBNB.Hex(), Token: f.chain.Token.Hex(), FeeToken: f.chain.FeeToken.Hex(),
		Wallet: f.signer.Address(), Sign: f.signer.SignEVMTx, Mine: f.chain.Commit,
	}
}

func TestContractOverHTTP(t *testing.T) {
	portstest.RunEVMChain(t, func(t *testing.T) portstest.EVMHarness { return harness(newHTTPFixture(t)) })
}

func TestContractInProcess(t *testing.T) {
	portstest.RunEVMChain(t, func(t *testing.T) portstest.EVMHarness {
		c := evmtest.New(t, evmtest.Options{Accounts: 1})
		cl, err := evmrpc.NewWithEndpoints(options(c), evmrpc.Endpoint{Host: "simulated", Backend: c.Client})
		if err != nil {
			t.Fatal(err)
		}
		return harness(fixture{chain: c, client: cl, signer: &evmtest.Signer{Key: c.Accounts[0]}})
	})
}

func host(t *testing.T, raw string) string {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u.Host
}

func TestFailoverToSecondURL(t *testing.T) {
	t.Parallel()
	c := evmtest.New(t, evmtest.Options{})
	good := c.StartRPC(t, evmtest.RPCOptions{})
	dead := httptest.NewServer(nil)
	deadURL := dead.URL
	dead.Close() // connection refused from now on
	flaky := c.StartRPC(t, evmtest.RPCOptions{})
	flaky.SetFault(evmtest.FaultHTTP503)
	broken := c.StartRPC(t, evmtest.RPCOptions{})
	broken.SetFault(evmtest.FaultMalformed)

	cl, err := evmrpc.New(options(c, deadURL, flaky.URL, broken.URL, good.URL))
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	st, err := cl.Status(context.Background())
	if err != nil || st.Host != host(t, good.URL) {
		t.Fatalf("Status = %+v, %v; want served by %s", st, err, host(t, good.URL))
	}
	if flaky.Requests() == 0 || broken.Requests() == 0 {
		t.Fatalf("failing endpoints were skipped without a try: 503 %d, malformed %d", flaky.Requests(), broken.Requests())
	}
	// A node's own answer (a revert) ends the walk: it is not retried elsewhere.
	flaky.SetFault(evmtest.FaultNone)
	before := good.Calls("eth_call")
	if _, err := cl.AmountsOut(context.Background(), evmtest.Ether, []string{c.Token.Hex(), c.FeeToken.Hex()}); domain.CodeOf(err) != "NO_LIQUIDITY" {
		t.Fatalf("quote err = %v", err)
	}
	if good.Calls("eth_call") != before {
		t.Fatal("a revert answered by the first live node was retried on the next one")
	}
}

func TestAllEndpointsDown(t *testing.T) {
	t.Parallel()
	c := evmtest.New(t, evmtest.Options{})
	srv := c.StartRPC(t, evmtest.RPCOptions{})
	srv.SetFault(evmtest.FaultHTTP503)
	cl, err := evmrpc.New(options(c, srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	if _, err := cl.Status(context.Background()); domain.KindOf(err) != domain.KindUnavailable {
		t.Fatalf("Status err = %v, want unavailable", err)
	}
}

func TestWrongChainIsSkipped(t *testing.T) {
	t.Parallel()
	c := evmtest.New(t, evmtest.Options{})
	srv := c.StartRPC(t, evmtest.RPCOptions{})
	opts := options(c, srv.URL)
	opts.ChainID = 56
	cl, err := evmrpc.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	_, err = cl.Status(context.Background())
	if domain.KindOf(err) != domain.KindUnavailable || domain.CodeOf(err) != "BSC_CHAIN_MISMATCH" {
		t.Fatalf("Status on chain 1337 expecting 56: %v", err)
	}
}

func TestNotConfigured(t *testing.T) {
	t.Parallel()
	cl, err := evmrpc.New(evmrpc.Options{ChainID: 56, Router: "0x10ED43C718714eb63d5aA57B78B54704E256024E"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cl.Status(context.Background()); domain.CodeOf(err) != "BSC_RPC_NOT_CONFIGURED" {
		t.Fatalf("Status err = %v", err)
	}
	if cl.RouterAddress() != "0x10ED43C718714eb63d5aA57B78B54704E256024E" {
		t.Fatalf("router = %s", cl.RouterAddress())
	}
}

func TestNewRejectsBadOptions(t *testing.T) {
	t.Parallel()
	router := "0x10ED43C718714eb63d5aA57B78B54704E256024E"
	for name, o := range map[string]evmrpc.Options{
		"no_chain_id":     {Router: router},
		"bad_router":      {ChainID: 56, Router: "0x10"},
		"ws_url":          {ChainID: 56, Router: router, URLs: []string{"ws://127.0.0.1:1"}},
		"not_a_url":       {ChainID: 56, Router: router, URLs: []string{"bsc-dataseed.binance.org"}},
		"bad_wrapped_bnb": {ChainID: 56, Router: router, WrappedNative: "nope"},
	} {
		if _, err := evmrpc.New(o); err == nil {
			t.Errorf("%s: New accepted %+v", name, o)
		}
	}
}

func TestTokenInfoIsCached(t *testing.T) {
	t.Parallel()
	f := newHTTPFixture(t)
	ctx := context.Background()
	info, err := f.client.TokenInfo(ctx, f.chain.FeeToken.Hex())
	if err != nil || info.Symbol != "DTT" || info.Decimals != 18 {
		t.Fatalf("TokenInfo = %+v, %v", info, err)
	}
	calls := f.srv.Calls("eth_call")
	for range 3 {
		if _, err := f.client.TokenInfo(ctx, f.chain.FeeToken.Hex()); err != nil {
			t.Fatal(err)
		}
	}
	if f.srv.Calls("eth_call") != calls {
		t.Fatalf("cached token info still hit the node: %d -> %d eth_calls", calls, f.srv.Calls("eth_call"))
	}
}

func TestPendingThenMined(t *testing.T) {
	t.Parallel()
	f := newHTTPFixture(t)
	ctx := context.Background()
	sent, err := f.client.Submit(ctx, domain.EVMTxRequest{From: f.signer.Address(), Call: domain.EVMCall{To: "0x00000000000000000000000000000000000000cc", Value: big.NewInt(5)}}, f.signer.SignEVMTx)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.client.TxState(ctx, sent.Hash)
	if err != nil || st.Status != domain.TxPending {
		t.Fatalf("before mining: %+v, %v", st, err)
	}
	f.chain.Commit()
	f.chain.Commit()
	st, err = f.client.TxState(ctx, sent.Hash)
	if err != nil || st.Status != domain.TxSuccess || st.Confirmations != 2 || st.GasUsed != 21000 {
		t.Fatalf("after two blocks: %+v, %v", st, err)
	}
}

func TestNonceTooLowResyncsOnce(t *testing.T) {
	t.Parallel()
	f := newHTTPFixture(t)
	ctx := context.Background()
	to := domain.EVMCall{To: "0x00000000000000000000000000000000000000dd", Value: big.NewInt(1)}
	req := domain.EVMTxRequest{From: f.signer.Address(), Call: to}
	first, err := f.client.Submit(ctx, req, f.signer.SignEVMTx)
	if err != nil {
		t.Fatal(err)
	}
	f.chain.Commit()
	// Another program spends the next nonce behind the manager's back.
	f.chain.Send(t, f.signer.Key, crypto.PubkeyToAddress(f.chain.Deployer.PublicKey), big.NewInt(1), nil)
	signsBefore := f.signer.Signs()
	second, err := f.client.Submit(ctx, req, f.signer.SignEVMTx)
	if err != nil {
		t.Fatalf("Submit after an out-of-band tx: %v", err)
	}
	if second.Nonce != first.Nonce+2 {
		t.Fatalf("nonce after resync = %d, want %d", second.Nonce, first.Nonce+2)
	}
	if f.signer.Signs()-signsBefore != 2 {
		t.Fatalf("signed %d times, want 2 (stale nonce, then resynced)", f.signer.Signs()-signsBefore)
	}
	f.chain.Commit()
	if st, _ := f.client.TxState(ctx, second.Hash); st.Status != domain.TxSuccess {
		t.Fatalf("resent tx: %+v", st)
	}
}

func TestUnreachableEndpointErrorHidesURLSecrets(t *testing.T) {
	t.Parallel()
	dead := httptest.NewServer(nil)
	deadURL := dead.URL + "/v2/secret-api-key?key=also-secret"
	dead.Close()
	cl, err := evmrpc.New(evmrpc.Options{URLs: []string{deadURL}, ChainID: 56, Router: "0x10ED43C718714eb63d5aA57B78B54704E256024E"})
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	_, err = cl.Status(context.Background())
	if err == nil {
		t.Fatal("dead endpoint answered")
	}
	for _, text := range []string{err.Error(), domain.MessageOf(err)} {
		if strings.Contains(text, "secret") {
			t.Fatalf("error shows the URL's secret: %s", text)
		}
	}
	if !strings.Contains(domain.MessageOf(err), host(t, deadURL)) {
		t.Fatalf("error does not name the host: %s", domain.MessageOf(err))
	}
}

func TestMinedRevertIsReported(t *testing.T) {
	t.Parallel()
	f := newHTTPFixture(t)
	// transfer() of tokens the account does not hold reverts on chain.
	data := f.chain.Pack(t, "ERC20", "transfer", f.chain.Router, evmtest.Ether)
	r := f.chain.SendUnchecked(t, f.signer.Key, f.chain.Token, nil, data)
	if r.Status != 0 {
		t.Fatal("transfer without balance did not revert")
	}
	st, err := f.client.TxState(context.Background(), r.TxHash.Hex())
	if err != nil || st.Status != domain.TxReverted || st.GasUsed == 0 || st.BlockNumber == 0 {
		t.Fatalf("TxState = %+v, %v", st, err)
	}
}
