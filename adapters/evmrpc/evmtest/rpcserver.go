package evmtest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/ethclient/simulated"
	"github.com/ethereum/go-ethereum/rpc"
)

// Fault is a failure the RPC front can inject.
type Fault int32

// The faults.
const (
	FaultNone      Fault = iota
	FaultHTTP503         // every request answers 503 Service Unavailable
	FaultMalformed       // every request answers 200 with a body that is not JSON
	FaultHang            // every request blocks until the client gives up
)

// RPCServer is an HTTP JSON-RPC 2.0 endpoint on 127.0.0.1 that forwards
// every call, batches included, to the simulated chain. It is what a real
// BSC node looks like to the daemon, with knobs: automine, faults, counters.
type RPCServer struct {
	URL      string
	chain    *Chain
	rpc      *rpc.Client
	automine bool
	fault    atomic.Int32
	mu       sync.Mutex
	calls    map[string]int
	requests atomic.Int64
}

// RPCOptions tunes StartRPC.
type RPCOptions struct {
	// AutoMine mines a block right after every accepted
	// eth_sendRawTransaction, as a chain with instant blocks would.
	AutoMine bool
}

type rpcRequest struct {
	JSONRPC string            `json:"jsonrpc"`
	ID      json.RawMessage   `json:"id"`
	Method  string            `json:"method"`
	Params  []json.RawMessage `json:"params"`
}

type rpcError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
	Data    any    `json:"data,omitempty"`
}

type rpcResponse struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id"`
	Result  json.RawMessage `json:"result,omitempty"`
	Error   *rpcError       `json:"error,omitempty"`
}

// StartRPC starts the HTTP front; it stops when the test ends.
func (c *Chain) StartRPC(t testing.TB, opts RPCOptions) *RPCServer {
	t.Helper()
	s := &RPCServer{chain: c, rpc: rawRPC(t, c.Client), automine: opts.AutoMine, calls: map[string]int{}}
	srv := httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(srv.Close)
	s.URL = srv.URL
	return s
}

// SetFault makes every later request fail in the given way (FaultNone heals).
func (s *RPCServer) SetFault(f Fault) { s.fault.Store(int32(f)) }

// Requests returns how many HTTP requests arrived.
func (s *RPCServer) Requests() int64 { return s.requests.Load() }

// Calls returns how many JSON-RPC calls of method arrived (a batch counts
// each of its calls).
func (s *RPCServer) Calls(method string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[method]
}

func (s *RPCServer) serve(w http.ResponseWriter, r *http.Request) {
	s.requests.Add(1)
	switch Fault(s.fault.Load()) {
	case FaultHTTP503:
		http.Error(w, "node overloaded", http.StatusServiceUnavailable)
		return
	case FaultMalformed:
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"jsonrpc":"2.0","id":1,"result":`)
		return
	case FaultHang:
		<-r.Context().Done()
		return
	}
	if r.Method != http.MethodPost {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, 8<<20))
	if err != nil {
		http.Error(w, "read body", http.StatusBadRequest)
		return
	}
	body = bytes.TrimSpace(body)
	w.Header().Set("Content-Type", "application/json")
	if len(body) > 0 && body[0] == '[' {
		var batch []rpcRequest
		if err := json.Unmarshal(body, &batch); err != nil {
			writeJSON(w, rpcResponse{JSONRPC: "2.0", ID: json.RawMessage("null"), Error: &rpcError{Code: -32700, Message: "parse error"}})
			return
		}
		out := make([]rpcResponse, len(batch))
		for i, req := range batch {
			out[i] = s.call(r.Context(), req)
		}
		writeJSON(w, out)
		return
	}
	var req rpcRequest
	if err := json.Unmarshal(body, &req); err != nil {
		writeJSON(w, rpcResponse{JSONRPC: "2.0", ID: json.RawMessage("null"), Error: &rpcError{Code: -32700, Message: "parse error"}})
		return
	}
	writeJSON(w, s.call(r.Context(), req))
}

func (s *RPCServer) call(ctx context.Context, req rpcRequest) rpcResponse {
	s.mu.Lock()
	s.calls[req.Method]++
	s.mu.Unlock()
	resp := rpcResponse{JSONRPC: "2.0", ID: req.ID}
	args := make([]any, len(req.Params))
	for i, p := range req.Params {
		args[i] = p
	}
	var result json.RawMessage
	if err := s.rpc.CallContext(ctx, &result, req.Method, args...); err != nil {
		resp.Error = &rpcError{Code: -32603, Message: err.Error()}
		var re rpc.Error
		if errors.As(err, &re) {
			resp.Error.Code = re.ErrorCode()
		}
		var de rpc.DataError
		if errors.As(err, &de) {
			resp.Error.Data = de.ErrorData()
		}
		return resp
	}
	if len(result) == 0 {
		result = json.RawMessage("null")
	}
	resp.Result = result
	if s.automine && req.Method == "eth_sendRawTransaction" {
		s.chain.Commit()
	}
	return resp
}

// rawRPC digs the in-process *rpc.Client out of the simulated client. The
// backend wraps its *ethclient.Client in an unexported struct whose embedded
// field shadows the Client() method, so reflection reads the field.
func rawRPC(t testing.TB, c simulated.Client) *rpc.Client {
	t.Helper()
	v := reflect.ValueOf(c)
	if v.Kind() == reflect.Pointer {
		v = v.Elem()
	}
	if v.Kind() == reflect.Struct {
		if f := v.FieldByName("Client"); f.IsValid() && f.CanInterface() {
			if ec, ok := f.Interface().(*ethclient.Client); ok {
				return ec.Client()
			}
		}
	}
	t.Fatal("evmtest: the simulated client no longer wraps an *ethclient.Client; update rawRPC")
	return nil
}

func writeJSON(w http.ResponseWriter, v any) {
	_ = json.NewEncoder(w).Encode(v)
}
