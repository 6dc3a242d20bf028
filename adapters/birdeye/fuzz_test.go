package birdeye

import "testing"

func FuzzParsePrices(f *testing.F) {
	for _, s := range []string{
		`{"success":true,"data":{"value":142.123456789,"updateUnixTime":1}}`,
		`{"success":true,"data":null}`, `{"success":false,"message":"nope"}`,
		`{"success":true,"data":{"a":{"value":1e-9},"b":null,"c":{"value":-1},"d":{"value":"x"}}}`,
		`{"success":true,"data":{"value":1e999}}`, `{"success":true,"data":[]}`, `[]`, ``,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		if p, ok, err := parsePrice(body); err == nil && ok && p.Sign() < 0 {
			t.Fatalf("negative price %s", p)
		}
		got, err := parseMultiPrice(body)
		if err != nil {
			return
		}
		for m, p := range got {
			if p.Sign() < 0 {
				t.Fatalf("%s: negative price %s", m, p)
			}
		}
	})
}
