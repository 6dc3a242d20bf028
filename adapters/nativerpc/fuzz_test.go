package nativerpc

import "testing"

func FuzzParseBalance(f *testing.F) {
	for _, s := range []string{`{"result":"0x1"}`, `{"result":"0x"}`, `{"result":null}`, `{"error":{"code":-32005}}`,
		`{"result":"0x` + "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff" + `"}`, `{"result":"12"}`, `[]`, `{"result":"0x-1"}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		v, err := parseBalance(body)
		if err == nil && (v == nil || v.Sign() < 0 || v.BitLen() > 256) {
			t.Fatalf("accepted %v", v)
		}
	})
}
