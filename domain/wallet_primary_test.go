package domain_test

import (
	"testing"

	"github.com/agentwallet/agentwallet/domain"
	"github.com/google/go-cmp/cmp"
)

func TestPrimaryChoose(t *testing.T) {
	t.Parallel()
	cloud := domain.CloudWalletSet{}.With(mustCloudWallet(t, domain.ChainEVM, cwCloudEVM))
	tests := []struct {
		name    string
		chain   domain.Chain
		source  domain.WalletSource
		wantErr domain.Kind
		want    domain.WalletSource
	}{
		{name: "cloud_with_cloud_wallet", chain: domain.ChainEVM, source: domain.SourceCloud, want: domain.SourceCloud},
		{name: "cloud_without_cloud_wallet_conflicts", chain: domain.ChainSolana, source: domain.SourceCloud, wantErr: domain.KindConflict},
		{name: "local_always_allowed", chain: domain.ChainSolana, source: domain.SourceLocal, want: domain.SourceLocal},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := domain.PrimarySources{}.Choose(tt.chain, tt.source, cloud)
			if tt.wantErr != domain.KindInternal {
				if domain.KindOf(err) != tt.wantErr || domain.CodeOf(err) != "CLOUD_WALLET_MISSING" {
					t.Fatalf("err = %v (%v), want %v", err, domain.KindOf(err), tt.wantErr)
				}
				return
			}
			if err != nil || got.For(tt.chain) != tt.want {
				t.Errorf("Choose = %+v, %v", got, err)
			}
		})
	}
}

func TestPrimaryBindAndList(t *testing.T) {
	t.Parallel()
	local := map[domain.Chain]string{domain.ChainEVM: cwLocalEVM, domain.ChainSolana: cwLocalSol}
	evmCloud := domain.CloudWalletSet{}.With(mustCloudWallet(t, domain.ChainEVM, cwCloudEVM))
	both := evmCloud.With(mustCloudWallet(t, domain.ChainSolana, cwCloudSol))
	tests := []struct {
		name    string
		primary domain.PrimarySources
		local   map[domain.Chain]string
		cloud   domain.CloudWalletSet
		want    domain.WalletBindings
		list    []domain.WalletEntry
	}{
		{
			name:  "default_is_local",
			local: local, cloud: both,
			want: domain.WalletBindings{EVM: domain.WalletBinding{Source: domain.SourceLocal, Address: cwLocalEVM}, Solana: domain.WalletBinding{Source: domain.SourceLocal, Address: cwLocalSol}},
			list: []domain.WalletEntry{
				{Source: domain.SourceLocal, Chain: domain.ChainEVM, Address: cwLocalEVM, Provider: "local", Primary: true},
				{Source: domain.SourceCloud, Chain: domain.ChainEVM, Address: cwCloudEVM, Provider: "privy"},
				{Source: domain.SourceLocal, Chain: domain.ChainSolana, Address: cwLocalSol, Provider: "local", Primary: true},
				{Source: domain.SourceCloud, Chain: domain.ChainSolana, Address: cwCloudSol, Provider: "privy"},
			},
		},
		{
			name:    "spec_example_evm_cloud_solana_local",
			primary: domain.PrimarySources{EVM: domain.SourceCloud},
			local:   local, cloud: evmCloud,
			want: domain.WalletBindings{EVM: domain.WalletBinding{Source: domain.SourceCloud, Address: cwCloudEVM}, Solana: domain.WalletBinding{Source: domain.SourceLocal, Address: cwLocalSol}},
			list: []domain.WalletEntry{
				{Source: domain.SourceLocal, Chain: domain.ChainEVM, Address: cwLocalEVM, Provider: "local"},
				{Source: domain.SourceCloud, Chain: domain.ChainEVM, Address: cwCloudEVM, Provider: "privy", Primary: true},
				{Source: domain.SourceLocal, Chain: domain.ChainSolana, Address: cwLocalSol, Provider: "local", Primary: true},
			},
		},
		{
			name:    "cloud_chosen_but_not_cached_falls_back_to_local",
			primary: domain.PrimarySources{Solana: domain.SourceCloud},
			local:   local, cloud: evmCloud,
			want: domain.WalletBindings{EVM: domain.WalletBinding{Source: domain.SourceLocal, Address: cwLocalEVM}, Solana: domain.WalletBinding{Source: domain.SourceLocal, Address: cwLocalSol}},
			list: []domain.WalletEntry{
				{Source: domain.SourceLocal, Chain: domain.ChainEVM, Address: cwLocalEVM, Provider: "local", Primary: true},
				{Source: domain.SourceCloud, Chain: domain.ChainEVM, Address: cwCloudEVM, Provider: "privy"},
				{Source: domain.SourceLocal, Chain: domain.ChainSolana, Address: cwLocalSol, Provider: "local", Primary: true},
			},
		},
		{
			name:    "no_local_keys_cloud_only",
			primary: domain.PrimarySources{}.AfterCloudBound(both),
			local:   nil, cloud: both,
			want: domain.WalletBindings{EVM: domain.WalletBinding{Source: domain.SourceCloud, Address: cwCloudEVM}, Solana: domain.WalletBinding{Source: domain.SourceCloud, Address: cwCloudSol}},
			list: []domain.WalletEntry{
				{Source: domain.SourceCloud, Chain: domain.ChainEVM, Address: cwCloudEVM, Provider: "privy", Primary: true},
				{Source: domain.SourceCloud, Chain: domain.ChainSolana, Address: cwCloudSol, Provider: "privy", Primary: true},
			},
		},
		{
			name:    "after_disconnect_without_local_key_has_no_address",
			primary: domain.PrimarySources{}.AfterCloudBound(both).AfterDisconnect(),
			local:   map[domain.Chain]string{domain.ChainEVM: cwLocalEVM}, cloud: both,
			want: domain.WalletBindings{EVM: domain.WalletBinding{Source: domain.SourceLocal, Address: cwLocalEVM}, Solana: domain.WalletBinding{Source: domain.SourceLocal}},
			list: []domain.WalletEntry{
				{Source: domain.SourceLocal, Chain: domain.ChainEVM, Address: cwLocalEVM, Provider: "local", Primary: true},
				{Source: domain.SourceCloud, Chain: domain.ChainEVM, Address: cwCloudEVM, Provider: "privy"},
				{Source: domain.SourceCloud, Chain: domain.ChainSolana, Address: cwCloudSol, Provider: "privy"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if diff := cmp.Diff(tt.want, tt.primary.Bind(tt.local, tt.cloud)); diff != "" {
				t.Errorf("Bind (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.list, tt.primary.List(tt.local, tt.cloud)); diff != "" {
				t.Errorf("List (-want +got):\n%s", diff)
			}
		})
	}
}

func TestBindingsChangeDetection(t *testing.T) {
	t.Parallel()
	local := map[domain.Chain]string{domain.ChainEVM: cwLocalEVM}
	cloud := domain.CloudWalletSet{}.With(mustCloudWallet(t, domain.ChainEVM, cwCloudEVM))
	before := domain.PrimarySources{}.Bind(local, cloud)
	p, err := domain.PrimarySources{}.Choose(domain.ChainEVM, domain.SourceCloud, cloud)
	if err != nil {
		t.Fatal(err)
	}
	if p.Bind(local, cloud) == before {
		t.Error("switching to cloud did not change the bindings")
	}
	again, _ := p.Choose(domain.ChainEVM, domain.SourceCloud, cloud)
	if again.Bind(local, cloud) != p.Bind(local, cloud) {
		t.Error("choosing the same source again changed the bindings")
	}
	rotated := cloud.With(mustCloudWallet(t, domain.ChainEVM, "0x00000000000000000000000000000000000000aa"))
	if p.Bind(local, rotated) == p.Bind(local, cloud) {
		t.Error("a rotated cloud address did not change the bindings")
	}
}
