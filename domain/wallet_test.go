package domain_test

import (
	"testing"

	"github.com/agentwallet/agentwallet/domain"
)

func TestDetectKeyChain(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, key string
		want      domain.Chain
	}{
		{"0x_prefix_is_evm", "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80", domain.ChainEVM},
		{"64_hex_without_prefix_is_evm", "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80", domain.ChainEVM},
		{"whitespace_trimmed_first", "  ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80\n", domain.ChainEVM},
		{"short_0x_still_evm", "0x1234", domain.ChainEVM},
		{"base58_is_solana", "4Z7cXSyeFR8wNGMVXUE1TwtKn5D5Vu7FzEv69dokLv7KrQk7h6pu4LF8ZRR9yQBhc7uSM6RTTZtU1fmaxiNrxXrs", domain.ChainSolana},
		{"json_array_is_solana", "[1,2,3]", domain.ChainSolana},
		{"63_hex_is_solana_guess", "c0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80", domain.ChainSolana},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := domain.DetectKeyChain(c.key); got != c.want {
				t.Fatalf("DetectKeyChain = %s, want %s", got, c.want)
			}
		})
	}
}

func TestParseChainSelection(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]int{"": 2, "both": 2, "EVM": 1, "solana": 1} {
		got, err := domain.ParseChainSelection(in)
		if err != nil || len(got) != want {
			t.Errorf("ParseChainSelection(%q) = %v, %v", in, got, err)
		}
	}
	for _, in := range []string{"bitcoin", "evm,solana", "all"} {
		if _, err := domain.ParseChainSelection(in); domain.KindOf(err) != domain.KindInvalid {
			t.Errorf("ParseChainSelection(%q) err = %v, want invalid", in, err)
		}
		if _, err := domain.ParseChain(in); domain.KindOf(err) != domain.KindInvalid {
			t.Errorf("ParseChain(%q) err = %v, want invalid", in, err)
		}
	}
}
