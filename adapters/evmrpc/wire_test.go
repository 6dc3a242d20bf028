package evmrpc

import (
	"encoding/hex"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/agentwallet/agentwallet/domain"
)

// The selectors were computed independently (providers.md, section 3).
func TestSelectorsPinned(t *testing.T) {
	t.Parallel()
	for name, want := range map[string]string{
		"getAmountsOut": "d06ca61f",
		"WETH":          "ad5c4648",
		"swapExactETHForTokensSupportingFeeOnTransferTokens": "b6f9de95",
		"swapExactTokensForETHSupportingFeeOnTransferTokens": "791ac947",
	} {
		if got := hex.EncodeToString(routerABI.Methods[name].ID); got != want {
			t.Errorf("router %s selector = %s, want %s", name, got, want)
		}
	}
	for name, want := range map[string]string{
		"approve": "095ea7b3", "allowance": "dd62ed3e", "balanceOf": "70a08231",
		"decimals": "313ce567", "symbol": "95d89b41", "transfer": "a9059cbb",
	} {
		if got := hex.EncodeToString(erc20ABI.Methods[name].ID); got != want {
			t.Errorf("erc20 %s selector = %s, want %s", name, got, want)
		}
	}
}

func TestTransferCallLayout(t *testing.T) {
	t.Parallel()
	c := mustClient(t)
	call, err := c.TransferCall("0x55d398326f99059fF775485246999027B3197955", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", big.NewInt(1500))
	if err != nil {
		t.Fatal(err)
	}
	want := "a9059cbb" + "0000000000000000000000005aaeb6053f3e94c9b9a09f33669435e7ef1beaed" + strings.Repeat("0", 61) + "5dc"
	if got := hex.EncodeToString(call.Data); got != want {
		t.Fatalf("transfer data = %s\nwant %s", got, want)
	}
	if call.To != "0x55d398326f99059fF775485246999027B3197955" || call.Value.Sign() != 0 {
		t.Fatalf("call = %+v", call)
	}
}

func TestDecodeSymbol(t *testing.T) {
	t.Parallel()
	str, _ := erc20ABI.Methods["symbol"].Outputs.Pack("CAKE")
	weird, _ := erc20ABI.Methods["symbol"].Outputs.Pack("A B\x00\nverylongsymbolnameover16")
	mkr := make([]byte, 32)
	copy(mkr, "MKR")
	for name, tt := range map[string]struct {
		raw  []byte
		want string
	}{
		"abi_string":         {str, "CAKE"},
		"bytes32":            {mkr, "MKR"},
		"control_chars_trim": {weird, "ABverylongsymbol"},
		"empty":              {nil, ""},
	} {
		if got := decodeSymbol(tt.raw); got != tt.want {
			t.Errorf("%s: decodeSymbol = %q, want %q", name, got, tt.want)
		}
	}
}

func TestParseHash(t *testing.T) {
	t.Parallel()
	good := "0x" + strings.Repeat("aB", 32)
	if h, err := parseHash(" " + good + " "); err != nil || !strings.EqualFold(h.Hex(), good) {
		t.Fatalf("parseHash(good) = %v, %v", h, err)
	}
	for _, bad := range []string{"", "0x", good[:65], good + "0", "0X" + good[2:], "0x" + strings.Repeat("g", 64)} {
		if _, err := parseHash(bad); domain.CodeOf(err) != "INVALID_HASH" {
			t.Errorf("parseHash(%q) err = %v", bad, err)
		}
	}
}

func FuzzParseHash(f *testing.F) {
	for _, s := range []string{"", "0x", "0x" + strings.Repeat("0", 64), "0x" + strings.Repeat("é", 32), strings.Repeat("f", 66)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		h, err := parseHash(s)
		if err != nil {
			return
		}
		if !strings.EqualFold(h.Hex(), strings.TrimSpace(s)) {
			t.Fatalf("parseHash(%q) = %s", s, h.Hex())
		}
	})
}

func BenchmarkSwapCall(b *testing.B) {
	c := mustClient(b)
	p := domain.SwapParams{
		Side: domain.SideBuy, AmountIn: big.NewInt(1e17), MinOut: domain.MinReceive(big.NewInt(3e18), 300),
		Path:      []string{"0xbb4CdB9CBd36B01bD1cBaEBF2De08d9173bc095c", "0x55d398326f99059fF775485246999027B3197955"},
		Recipient: "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", Deadline: time.Unix(1_800_000_000, 0),
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.SwapCall(p); err != nil {
			b.Fatal(err)
		}
	}
}

func mustClient(t testing.TB) *Client {
	t.Helper()
	c, err := NewWithEndpoints(Options{ChainID: 56, Router: "0x10ED43C718714eb63d5aA57B78B54704E256024E"})
	if err != nil {
		t.Fatal(err)
	}
	return c
}
