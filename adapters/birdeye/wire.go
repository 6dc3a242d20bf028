package birdeye

import "encoding/json"

// GET /defi/price answer; data is null for an unknown mint.
type priceResponse struct {
	Success bool       `json:"success"`
	Message string     `json:"message"`
	Data    *priceData `json:"data"`
}

type priceData struct {
	Value          json.Number `json:"value"`
	UpdateUnixTime int64       `json:"updateUnixTime"`
}

// GET /defi/multi_price answer: data maps mint to price (or null).
type multiPriceResponse struct {
	Success bool                  `json:"success"`
	Message string                `json:"message"`
	Data    map[string]*priceData `json:"data"`
}
