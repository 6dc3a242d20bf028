package birdeye

import (
	"bytes"
	"encoding/json"
	"errors"

	"github.com/agentwallet/agentwallet/domain"
)

// parsePrice decodes /defi/price. ok is false when Birdeye has no price.
func parsePrice(body []byte) (domain.Decimal, bool, error) {
	var r priceResponse
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&r); err != nil {
		return domain.Decimal{}, false, err
	}
	if !r.Success {
		return domain.Decimal{}, false, errors.New("success is false: " + truncate(r.Message))
	}
	if r.Data == nil {
		return domain.Decimal{}, false, nil
	}
	p, ok := usd(r.Data.Value)
	return p, ok, nil
}

// parseMultiPrice decodes /defi/multi_price, keeping usable prices.
func parseMultiPrice(body []byte) (map[string]domain.Decimal, error) {
	var r multiPriceResponse
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&r); err != nil {
		return nil, err
	}
	if !r.Success {
		return nil, errors.New("success is false: " + truncate(r.Message))
	}
	out := make(map[string]domain.Decimal, len(r.Data))
	for mint, d := range r.Data {
		if d == nil {
			continue
		}
		if p, ok := usd(d.Value); ok {
			out[mint] = p
		}
	}
	return out, nil
}

// usd parses a price exactly; missing, malformed or negative is no price.
func usd(n json.Number) (domain.Decimal, bool) {
	if n == "" {
		return domain.Decimal{}, false
	}
	d, err := domain.ParseDecimal(n.String())
	if err != nil || d.Sign() < 0 {
		return domain.Decimal{}, false
	}
	return d, true
}
