package app_test

import (
	"context"
	"log/slog"
	"testing"

	"go.uber.org/mock/gomock"

	"github.com/agentwallet/agentwallet/app"
	"github.com/agentwallet/agentwallet/domain"
	"github.com/agentwallet/agentwallet/mocks"
)

func newKeyWallets(t *testing.T) (*app.Wallets, *mocks.MockKeyStore) {
	ctrl := gomock.NewController(t)
	keys := mocks.NewMockKeyStore(ctrl)
	return app.NewWallets(keys, mocks.NewMockAuditLog(ctrl), mocks.NewMockAttemptCounter(ctrl), mocks.NewMockClock(ctrl), slog.New(slog.DiscardHandler), app.ExportPolicy{}), keys
}

// TestGenerateBothRefusesBeforeCreatingAnything: with a Solana key present,
// generating both chains must not create the EVM key either.
func TestGenerateBothRefusesBeforeCreatingAnything(t *testing.T) {
	w, keys := newKeyWallets(t)
	keys.EXPECT().Wallets(gomock.Any()).Return([]domain.Wallet{{Chain: domain.ChainSolana, Address: "S"}}, nil)
	_, err := w.Generate(context.Background(), app.GenerateInput{})
	if domain.CodeOf(err) != "KEY_EXISTS" {
		t.Fatalf("err = %v, want KEY_EXISTS", err)
	}
}

func TestGenerateInputValidation(t *testing.T) {
	cases := []struct {
		name string
		in   app.GenerateInput
		kind domain.Kind
		code string
	}{
		{"unknown_chain", app.GenerateInput{Chain: "bitcoin"}, domain.KindInvalid, "INVALID_REQUEST"},
		{"unknown_source", app.GenerateInput{Source: "cloud"}, domain.KindInvalid, "INVALID_REQUEST"},
		{"steward_not_configured", app.GenerateInput{Source: "steward"}, domain.KindUnavailable, "STEWARD_NOT_CONFIGURED"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w, _ := newKeyWallets(t) // no expectations: nothing may be generated
			_, err := w.Generate(context.Background(), c.in)
			if domain.KindOf(err) != c.kind || domain.CodeOf(err) != c.code {
				t.Fatalf("err = %v, want %v %s", err, c.kind, c.code)
			}
		})
	}
}

func TestGenerateReplaceSkipsTheExistenceCheck(t *testing.T) {
	w, keys := newKeyWallets(t)
	keys.EXPECT().Generate(gomock.Any(), domain.ChainEVM, true).Return(domain.Wallet{Chain: domain.ChainEVM, Address: "0xNew"}, nil)
	res, err := w.Generate(context.Background(), app.GenerateInput{Chain: "evm", Replace: true})
	if err != nil || len(res.Wallets) != 1 || res.Wallets[0].Address != "0xNew" || res.Source != "local" {
		t.Fatalf("Generate = %+v, %v", res, err)
	}
}
