package domain_test

import (
	"testing"

	"github.com/agentwallet/agentwallet/domain"
)

const (
	cwLocalEVM = "0xd8dA6BF26964aF9D7eEd9e03E53415D37aA96045"
	cwCloudEVM = "0x1234567890abcdef1234567890abcdef12345678"
	cwLocalSol = "7xKXtg2CW87d97TXJSDpbD5jBkheTqA83TZRuJosgHU"
	cwCloudSol = "9WzDXwBbmkg8ZTbNMqUxvQRAyrZzDsGYdLVL9zYtAWWM"
	cwCloudID  = "wal-sol"
)

func TestNewCloudWallet(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		chain domain.Chain
		addr  string
		ok    bool
	}{
		{name: "evm_address_for_evm", chain: domain.ChainEVM, addr: cwLocalEVM, ok: true},
		{name: "solana_address_for_solana", chain: domain.ChainSolana, addr: cwLocalSol, ok: true},
		{name: "evm_address_for_solana_is_missing", chain: domain.ChainSolana, addr: cwLocalEVM},
		{name: "solana_address_for_evm_is_missing", chain: domain.ChainEVM, addr: cwLocalSol},
		{name: "empty_is_missing", chain: domain.ChainEVM, addr: ""},
		{name: "short_evm_is_missing", chain: domain.ChainEVM, addr: "0x1234"},
		{name: "non_hex_evm_is_missing", chain: domain.ChainEVM, addr: "0xz8dA6BF26964aF9D7eEd9e03E53415D37aA96045"},
		{name: "base58_forbids_zero", chain: domain.ChainSolana, addr: "0xKXtg2CW87d97TXJSDpbD5jBkheTqA83TZRuJosgHU"},
		{name: "unknown_chain", chain: "btc", addr: cwLocalEVM},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			w, err := domain.NewCloudWallet(tt.chain, tt.addr, "", "id")
			if tt.ok != (err == nil) {
				t.Fatalf("NewCloudWallet err = %v, want ok=%v", err, tt.ok)
			}
			if err != nil && domain.KindOf(err) != domain.KindNotFound {
				t.Errorf("kind = %v, want not-found (missing wallet)", domain.KindOf(err))
			}
			if err == nil && w.Provider != domain.ProviderPrivy {
				t.Errorf("provider default = %q, want privy", w.Provider)
			}
		})
	}
}

func TestParseWalletSourceAndProvider(t *testing.T) {
	t.Parallel()
	if s, err := domain.ParseWalletSource(" Cloud "); err != nil || s != domain.SourceCloud {
		t.Errorf("ParseWalletSource(Cloud) = %q, %v", s, err)
	}
	if _, err := domain.ParseWalletSource("remote"); domain.KindOf(err) != domain.KindInvalid {
		t.Errorf("remote: %v", err)
	}
	for in, want := range map[string]domain.CloudWalletProvider{"steward": domain.ProviderSteward, "STEWARD": domain.ProviderSteward, "": domain.ProviderPrivy, "privy": domain.ProviderPrivy, "other": domain.ProviderPrivy} {
		if got := domain.ParseCloudWalletProvider(in); got != want {
			t.Errorf("ParseCloudWalletProvider(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCloudWalletSet(t *testing.T) {
	t.Parallel()
	var s domain.CloudWalletSet
	if !s.Empty() || len(s.All()) != 0 {
		t.Fatal("zero set not empty")
	}
	sol := mustCloudWallet(t, domain.ChainSolana, cwCloudSol)
	s2 := s.With(sol)
	if _, ok := s.Get(domain.ChainSolana); ok {
		t.Error("With mutated the receiver")
	}
	if got, ok := s2.Get(domain.ChainSolana); !ok || got != sol {
		t.Errorf("Get = %+v, %v", got, ok)
	}
	s3 := s2.With(mustCloudWallet(t, domain.ChainEVM, cwCloudEVM))
	if all := s3.All(); len(all) != 2 || all[0].Chain != domain.ChainEVM {
		t.Errorf("All not in chain order: %+v", all)
	}
}

func mustCloudWallet(t testing.TB, c domain.Chain, addr string) domain.CloudWallet {
	t.Helper()
	w, err := domain.NewCloudWallet(c, addr, domain.ProviderPrivy, cwCloudID)
	if err != nil {
		t.Fatal(err)
	}
	return w
}
