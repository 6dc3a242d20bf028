package transport

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/agentwallet/agentwallet/domain"
)

var (
	errBodyTooLarge = domain.Errorf(domain.KindTooLarge, "Request body too large")
	errInvalidJSON  = domain.Errorf(domain.KindInvalid, "Invalid JSON in request body")
	errNotObject    = domain.Errorf(domain.KindInvalid, "Request body must be a JSON object")
)

// bindJSON decodes the request body, which must be a JSON object (an empty
// body counts as {}), into dst. Type mismatches name the offending field.
func bindJSON(c *gin.Context, dst any) error {
	raw, err := io.ReadAll(c.Request.Body)
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return errBodyTooLarge
		}
		return domain.Errorf(domain.KindInvalid, "cannot read request body").Wrap(err)
	}
	return decodeObject(raw, dst)
}

// decodeObject is bindJSON's parser, separate so it can be fuzzed.
func decodeObject(raw []byte, dst any) error {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		raw = []byte("{}")
	}
	if raw[0] != '{' {
		if json.Valid(raw) {
			return errNotObject
		}
		return errInvalidJSON
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	if err := dec.Decode(dst); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) && te.Field != "" {
			return domain.Errorf(domain.KindInvalid, "field %q must be a %s", te.Field, jsonTypeName(te.Type.Kind().String()))
		}
		return errInvalidJSON
	}
	// Decode stops after the first value; anything but whitespace after it
	// ({}} or {}[]) makes the body invalid.
	if len(bytes.TrimSpace(raw[dec.InputOffset():])) != 0 {
		return errInvalidJSON
	}
	return nil
}

func jsonTypeName(goKind string) string {
	switch goKind {
	case "bool":
		return "boolean"
	case "string":
		return "string"
	case "slice", "array":
		return "array"
	case "map", "struct", "ptr":
		return "object"
	default:
		return "number"
	}
}
