package elizacloudfake

import (
	"math/big"
	"net/url"

	"github.com/agentwallet/agentwallet/domain"
)

// ratSum adds two decimal literals; the fake only ever adds short ones, so
// 18 places are exact.
func ratSum(a, b string) string {
	x, _ := new(big.Rat).SetString(a)
	y, _ := new(big.Rat).SetString(b)
	return x.Add(x, y).FloatString(18)
}

// fixed3 renders an amount with three decimals, as the cloud's creditsToAdd
// ("25.000").
func fixed3(u domain.USD) string {
	x, _ := new(big.Rat).SetString(u.String())
	return x.FloatString(3)
}

func isHTTPURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != ""
}
