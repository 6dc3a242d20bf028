package transport

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/agentwallet/agentwallet/domain"
)

// FuzzDecodeObject checks the body decoder never panics and accepts only a
// single JSON object (or an empty body, which counts as {}).
func FuzzDecodeObject(f *testing.F) {
	seeds := []string{
		``, ` `, "\t\r\n ", `{}`, ` {} `, `[]`, `null`, `42`, `"s"`, `true`,
		`{}{}`, `{} x`, `{}}`, `{}]`, `{"a":1}]`, `{`, `}`, `{"confirm":true}`,
		`{"confirm":"yes"}`, `{"chain":5}`, `{"exportToken":null}`, `{"confirm":true,"confirm":false}`,
		`{"privateKey":"\u0000"}`, `{"x":` + strings.Repeat("9", 400) + `}`, `{"x":1e999999}`, `{"x":-0.0e-9999}`,
		strings.Repeat(`{"a":`, 20000) + `1` + strings.Repeat(`}`, 20000),
		`{"a":` + strings.Repeat(`[`, 20000) + strings.Repeat(`]`, 20000) + `}`,
		"{\"privateKey\":\"\xff\xfe\"}", "\xef\xbb\xbf{}", "\xff", `{"a":"\ud800"}`,
		`{"chain":"evm"}` + "\x00", `{"__proto__":{}}`,
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		var dst struct {
			Confirm     bool   `json:"confirm"`
			ExportToken string `json:"exportToken"`
			Chain       string `json:"chain"`
			Replace     bool   `json:"replace"`
		}
		err := decodeObject(bytes.Clone(raw), &dst)
		if err != nil {
			if k := domain.KindOf(err); k != domain.KindInvalid {
				t.Fatalf("decodeObject(%q) error kind %v, want invalid: %v", raw, k, err)
			}
			return
		}
		trimmed := bytes.TrimSpace(raw)
		if len(trimmed) == 0 {
			return
		}
		if trimmed[0] != '{' || !json.Valid(trimmed) {
			t.Fatalf("decodeObject accepted %q, which is not a single JSON object", raw)
		}
		var obj map[string]json.RawMessage
		if err := json.Unmarshal(trimmed, &obj); err != nil {
			t.Fatalf("decodeObject accepted %q, which does not unmarshal as an object: %v", raw, err)
		}
	})
}

func TestDecodeObject_type_mismatch_names_field(t *testing.T) {
	t.Parallel()
	var dst struct {
		Confirm bool `json:"confirm"`
	}
	err := decodeObject([]byte(`{"confirm":"yes"}`), &dst)
	if domain.KindOf(err) != domain.KindInvalid || !strings.Contains(domain.MessageOf(err), `"confirm"`) {
		t.Fatalf("err = %v, want invalid naming \"confirm\"", err)
	}
}
