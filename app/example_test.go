package app_test

import (
	"context"
	"fmt"
	"log"
	"os"

	"github.com/agentwallet/agentwallet/app"
)

// Example embeds agentwallet in a Go program: no HTTP, the same use cases.
func Example() {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "agentwallet-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	cfg := app.DefaultConfig()
	cfg.StateDir = dir
	a, err := app.New(ctx, cfg, app.Options{})
	if err != nil {
		log.Fatal(err)
	}
	defer a.Close()

	w, err := a.Wallets.Import(ctx, app.ImportInput{PrivateKey: "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("imported", w.Chain, w.Address)

	if _, err := a.Wallets.Generate(ctx, app.GenerateInput{Chain: "solana"}); err != nil {
		log.Fatal(err)
	}
	addrs, err := a.Wallets.Addresses(ctx)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("evm:", *addrs.EVM, "solana set:", addrs.Solana != nil)

	keys, err := a.Wallets.Export(ctx, app.ExportInput{Confirm: true, Client: "example"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("exported evm key:", keys.EVM.PrivateKey[:10]+"…")

	// Output:
	// imported evm 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266
	// evm: 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266 solana set: true
	// exported evm key: 0xac0974be…
}
