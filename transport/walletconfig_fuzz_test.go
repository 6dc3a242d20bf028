package transport

import (
	"encoding/json"
	"testing"

	"github.com/agentwallet/agentwallet/domain"
)

// FuzzParseConfigUpdate feeds PUT /api/wallet/config bodies to the parser:
// it never panics, refuses with KindInvalid only, and whatever it accepts
// holds strings taken from the body.
func FuzzParseConfigUpdate(f *testing.F) {
	for _, s := range []string{
		`{"ALCHEMY_API_KEY":"k"}`, `{"selections":{"evm":"alchemy","bsc":"nodereal","solana":"helius"}}`,
		`{"walletNetwork":"testnet","credentials":{"HELIUS_API_KEY":""}}`, `{"selections":null}`, `{"selections":[]}`,
		`{"credentials":{"A":1}}`, `{"walletNetwork":null}`, `{"BSC_RPC_URL":"\u0000"}`, `{"selections":{"evm":"x","evm":"y"}}`,
		`{"__proto__":"x"}`, `{"credentials":{}}`, `{"ALCHEMY_API_KEY":{"nested":"x"}}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		var body map[string]json.RawMessage
		if decodeObject(raw, &body) != nil {
			return
		}
		u, err := parseConfigUpdate(body)
		if err != nil {
			if domain.KindOf(err) != domain.KindInvalid {
				t.Fatalf("kind %v: %v", domain.KindOf(err), err)
			}
			return
		}
		for k := range u.Credentials {
			if _, ok := body[k]; !ok {
				if _, nested := body["credentials"]; !nested {
					t.Fatalf("credential %q came from nowhere", k)
				}
			}
		}
	})
}
