package app_test

import (
	"context"
	"math/big"
	"testing"

	"go.uber.org/mock/gomock"

	"github.com/agentwallet/agentwallet/app"
	"github.com/agentwallet/agentwallet/domain"
	"github.com/agentwallet/agentwallet/mocks"
)

// Stored metadata is never asked for again; only unknown tokens go to the
// provider, and what it answers (including "not a token") is stored.
func TestBalancesAskProviderOnlyForUnknownTokens(t *testing.T) {
	ctrl := gomock.NewController(t)
	holdings := mocks.NewMockEVMHoldings(ctrl)
	source := mocks.NewMockTokenMetadataSource(ctrl)
	store := mocks.NewMockTokenMetadataStore(ctrl)
	known, unknown, junk := "0x00000000000000000000000000000000000000aa", "0x00000000000000000000000000000000000000bb", "0x00000000000000000000000000000000000000cc"

	holdings.EXPECT().Holdings(gomock.Any(), gomock.Any(), evmOwner).DoAndReturn(
		func(_ context.Context, c domain.EVMChain, _ string) (domain.EVMHoldings, error) {
			if c.ChainID != 1 {
				return domain.EVMHoldings{Native: big.NewInt(0)}, nil
			}
			return domain.EVMHoldings{Native: big.NewInt(1), Tokens: []domain.TokenAmount{
				{Contract: known, Raw: big.NewInt(5)}, {Contract: unknown, Raw: big.NewInt(6)}, {Contract: junk, Raw: big.NewInt(7)},
			}}, nil
		}).Times(7)
	store.EXPECT().LoadTokenMetadata(gomock.Any(), uint64(1), []string{known, unknown, junk}).
		Return(map[string]domain.TokenMetadata{known: {Contract: known, Symbol: "K", Decimals: 0, DecimalsKnown: true}}, nil)
	source.EXPECT().TokenMetadata(gomock.Any(), gomock.Any(), []string{unknown, junk}).
		Return(map[string]domain.TokenMetadata{unknown: {Contract: unknown, Symbol: "U", Decimals: 1, DecimalsKnown: true}}, nil)
	store.EXPECT().SaveTokenMetadata(gomock.Any(), uint64(1), []domain.TokenMetadata{
		{Contract: unknown, Symbol: "U", Decimals: 1, DecimalsKnown: true},
		{Contract: junk},
	}).Return(nil)

	src := &sources{src: app.BalanceSources{Version: "m", Network: domain.NetworkMainnet, EVMAddress: evmOwner, EVMHoldings: holdings, EVMMetadata: source}}
	b, err := app.NewBalancesService(src, store, &testClock{}, app.BalancesOptions{}).Balances(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	tokens := b.EVM.Chains[0].Tokens
	if len(tokens) != 2 || tokens[0].Amount() != "5" || tokens[1].Amount() != "0.6" {
		t.Errorf("tokens = %+v, want K=5 and U=0.6, the non-token dropped", tokens)
	}
}

// A PUT that fails validation never reaches the settings store.
func TestWalletConfigRejectedUpdateWritesNothing(t *testing.T) {
	ctrl := gomock.NewController(t)
	settings := mocks.NewMockSettings(ctrl)
	sealer := mocks.NewMockSealer(ctrl)
	keys := mocks.NewMockKeyStore(ctrl)
	sealer.EXPECT().Seal(gomock.Any(), gomock.Any()).Return([]byte("sealed"), nil).AnyTimes()
	// No UpdateSettings expectation: gomock fails the test if it is called.
	s := app.NewWalletConfigService(settings, sealer, keys, nil, app.WalletConfigBase{}, nil)
	bad := "devnet"
	for _, u := range []app.WalletConfigUpdate{
		{},
		{Credentials: map[string]string{"ALCHEMY_API_KEY": "k"}, Selections: map[string]string{"evm": "bogus"}},
		{Credentials: map[string]string{"ALCHEMY_API_KEY": "k", "NOPE": "x"}},
		{Credentials: map[string]string{"ALCHEMY_API_KEY": "k"}, WalletNetwork: &bad},
	} {
		if err := s.Update(t.Context(), u); domain.KindOf(err) != domain.KindInvalid {
			t.Errorf("Update(%+v) = %v, want invalid", u, err)
		}
	}
}

// Credentials are sealed per name before they are stored.
func TestWalletConfigSealsCredentials(t *testing.T) {
	ctrl := gomock.NewController(t)
	settings := mocks.NewMockSettings(ctrl)
	sealer := mocks.NewMockSealer(ctrl)
	sealer.EXPECT().Seal("wallet.credential/ALCHEMY_API_KEY", []byte("k")).Return([]byte{1, 2, 3}, nil)
	settings.EXPECT().UpdateSettings(gomock.Any(), gomock.Any()).DoAndReturn(func(_ context.Context, ch map[string]*string) error {
		v, ok := ch["wallet.credential.ALCHEMY_API_KEY"]
		if !ok || v == nil || *v != "AQID" || len(ch) != 1 {
			t.Errorf("changes = %v", ch)
		}
		return nil
	})
	s := app.NewWalletConfigService(settings, sealer, mocks.NewMockKeyStore(ctrl), nil, app.WalletConfigBase{}, nil)
	if err := s.Update(t.Context(), app.WalletConfigUpdate{Credentials: map[string]string{"ALCHEMY_API_KEY": " k "}}); err != nil {
		t.Fatal(err)
	}
}

// A metadata lookup that fails part way keeps what was answered, but a token
// it could not ask about is not recorded as "not a token": the next request
// asks again, instead of hiding the token for good.
func TestBalancesFailedMetadataLookupIsNotRememberedAsNotAToken(t *testing.T) {
	ctrl := gomock.NewController(t)
	holdings := mocks.NewMockEVMHoldings(ctrl)
	source := mocks.NewMockTokenMetadataSource(ctrl)
	store := mocks.NewMockTokenMetadataStore(ctrl)
	answered, throttled := "0x00000000000000000000000000000000000000aa", "0x00000000000000000000000000000000000000bb"

	holdings.EXPECT().Holdings(gomock.Any(), gomock.Any(), evmOwner).DoAndReturn(
		func(_ context.Context, c domain.EVMChain, _ string) (domain.EVMHoldings, error) {
			if c.ChainID != 1 {
				return domain.EVMHoldings{Native: big.NewInt(0)}, nil
			}
			return domain.EVMHoldings{Native: big.NewInt(1), Tokens: []domain.TokenAmount{
				{Contract: answered, Raw: big.NewInt(5)}, {Contract: throttled, Raw: big.NewInt(6)},
			}}, nil
		}).AnyTimes()
	store.EXPECT().LoadTokenMetadata(gomock.Any(), uint64(1), []string{answered, throttled}).
		Return(map[string]domain.TokenMetadata{}, nil)
	source.EXPECT().TokenMetadata(gomock.Any(), gomock.Any(), []string{answered, throttled}).
		Return(map[string]domain.TokenMetadata{answered: {Contract: answered, Symbol: "A", Decimals: 0, DecimalsKnown: true}},
			domain.Errorf(domain.KindUnavailable, "rate limited"))
	store.EXPECT().SaveTokenMetadata(gomock.Any(), uint64(1), []domain.TokenMetadata{
		{Contract: answered, Symbol: "A", Decimals: 0, DecimalsKnown: true},
	}).Return(nil)

	src := &sources{src: app.BalanceSources{Version: "m", Network: domain.NetworkMainnet, EVMAddress: evmOwner, EVMHoldings: holdings, EVMMetadata: source}}
	s := app.NewBalancesService(src, store, &testClock{}, app.BalancesOptions{})
	b, err := s.Balances(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if tokens := b.EVM.Chains[0].Tokens; len(tokens) != 1 || tokens[0].Amount() != "5" {
		t.Errorf("tokens = %+v, want only A=5", tokens)
	}

	// The answer was incomplete, so it is not reused: the next request asks
	// for the throttled token again.
	store.EXPECT().LoadTokenMetadata(gomock.Any(), uint64(1), []string{answered, throttled}).
		Return(map[string]domain.TokenMetadata{answered: {Contract: answered, Symbol: "A", Decimals: 0, DecimalsKnown: true}}, nil)
	source.EXPECT().TokenMetadata(gomock.Any(), gomock.Any(), []string{throttled}).
		Return(map[string]domain.TokenMetadata{throttled: {Contract: throttled, Symbol: "B", Decimals: 1, DecimalsKnown: true}}, nil)
	store.EXPECT().SaveTokenMetadata(gomock.Any(), uint64(1), []domain.TokenMetadata{
		{Contract: throttled, Symbol: "B", Decimals: 1, DecimalsKnown: true},
	}).Return(nil)
	b, err = s.Balances(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if tokens := b.EVM.Chains[0].Tokens; len(tokens) != 2 || tokens[1].Amount() != "0.6" {
		t.Errorf("tokens = %+v, want A=5 and B=0.6", tokens)
	}
}

// A blank-looking key in the config file (spaces, a stray newline) counts as
// unset, as a blank environment value does: it is not shown as set and no
// adapter is built from it (which refused it and failed every balances call).
func TestWalletConfigBlankBaseCredentialIsUnset(t *testing.T) {
	ctrl := gomock.NewController(t)
	settings := mocks.NewMockSettings(ctrl)
	keys := mocks.NewMockKeyStore(ctrl)
	settings.EXPECT().AllSettings(gomock.Any()).Return(map[string]string{}, nil).AnyTimes()
	keys.EXPECT().Wallets(gomock.Any()).Return(nil, nil).AnyTimes()
	var built app.ProviderSettings
	build := func(p app.ProviderSettings) (app.BalanceSources, error) { built = p; return app.BalanceSources{}, nil }
	base := app.WalletConfigBase{Credentials: map[domain.ProviderCredential]string{domain.CredAlchemyKey: " \n", domain.CredHeliusKey: " hk "}}
	s := app.NewWalletConfigService(settings, mocks.NewMockSealer(ctrl), keys, nil, base, build)
	v, err := s.View(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if v.AlchemyKeySet || !v.HeliusKeySet {
		t.Errorf("alchemyKeySet %v heliusKeySet %v, want false, true", v.AlchemyKeySet, v.HeliusKeySet)
	}
	if _, err := s.BalanceSources(t.Context()); err != nil {
		t.Fatal(err)
	}
	if built.Set(domain.CredAlchemyKey) || built.Credentials[domain.CredHeliusKey] != "hk" {
		t.Errorf("built from %v", built.Credentials)
	}
}
