package domain_test

import (
	"encoding/hex"
	"testing"

	"github.com/agentwallet/agentwallet/domain"
)

func TestParseEVMAddress(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, want string
		wantErr        bool
	}{
		// EIP-55 reference vectors.
		{name: "eip55_all_caps_vector", in: "0x52908400098527886E0F7030069857D2E4169EE7", want: "0x52908400098527886E0F7030069857D2E4169EE7"},
		{name: "eip55_all_lower_vector", in: "0xde709f2102306220921060314715629080e2fb77", want: "0xde709f2102306220921060314715629080e2fb77"},
		{name: "eip55_mixed_vector", in: "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", want: "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"},
		{name: "eip55_mixed_vector_2", in: "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359", want: "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359"},
		{name: "lower_case_is_checksummed", in: "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", want: "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"},
		{name: "hardhat_account", in: "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266", want: "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"},
		{name: "pancake_router", in: "0x10ed43c718714eb63d5aa57b78b54704e256024e", want: "0x10ED43C718714eb63d5aA57B78B54704E256024E"},
		{name: "no_prefix_and_spaces", in: "  5aaeb6053f3e94c9b9a09f33669435e7ef1beaed ", want: "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"},
		{name: "upper_prefix", in: "0X5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", want: "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"},
		{name: "bad_checksum_refused", in: "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD", wantErr: true},
		{name: "too_short", in: "0x5aaeb6053f3e94c9b9a09f33669435e7ef1bea", wantErr: true},
		{name: "too_long", in: "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed00", wantErr: true},
		{name: "non_hex", in: "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaeg", wantErr: true},
		{name: "empty", in: "", wantErr: true},
		{name: "prefix_only", in: "0x", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := domain.ParseEVMAddress(tt.in)
			if tt.wantErr {
				if err == nil || domain.CodeOf(err) != "INVALID_ADDRESS" || domain.KindOf(err) != domain.KindInvalid {
					t.Fatalf("ParseEVMAddress(%q) = %q, %v; want INVALID_ADDRESS", tt.in, got, err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("ParseEVMAddress(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestSameEVMAddress(t *testing.T) {
	t.Parallel()
	if !domain.SameEVMAddress("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed") {
		t.Fatal("same address in two cases not equal")
	}
	if domain.SameEVMAddress("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", domain.ZeroEVMAddress) {
		t.Fatal("different addresses equal")
	}
}

func FuzzParseEVMAddress(f *testing.F) {
	for _, s := range []string{"", "0x", "0X", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
		"0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", "0x" + string(make([]byte, 40)),
		"0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaéd", " 0x0000000000000000000000000000000000000000\n", "0x0x5aaeb6053f3e94c9b9a09f33669435e7ef1bea"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := domain.ParseEVMAddress(s)
		if err != nil {
			return
		}
		if len(got) != 42 || got[:2] != "0x" {
			t.Fatalf("ParseEVMAddress(%q) = %q: not 0x + 40", s, got)
		}
		if _, err := hex.DecodeString(got[2:]); err != nil {
			t.Fatalf("ParseEVMAddress(%q) = %q: not hex", s, got)
		}
		again, err := domain.ParseEVMAddress(got)
		if err != nil || again != got {
			t.Fatalf("checksummed output %q does not round-trip: %q, %v", got, again, err)
		}
	})
}
