// Command agentwalletd is the agentwallet daemon: it serves the Wallet and
// Cloud HTTP APIs for one agent from a local state directory.
//
//	agentwalletd [serve] [--addr 127.0.0.1:2138] [--state-dir ~/.agentwallet] [--config file.yaml]
//	agentwalletd version
//	agentwalletd token [--state-dir dir] [--config file]
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	if err := dispatch(context.Background(), os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "agentwalletd:", err)
		}
		os.Exit(1)
	}
}

func dispatch(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cmd := "serve"
	if len(args) > 0 && args[0] != "" && args[0][0] != '-' {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "serve":
		m := NewMain(stderr)
		if err := m.Load(args, os.LookupEnv); err != nil {
			return err
		}
		defer m.Close()
		return m.Run(ctx)
	case "version":
		fmt.Fprintln(stdout, "agentwalletd", version)
		return nil
	case "token":
		return printTokenLocation(args, stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprintln(stdout, usage)
		return nil
	}
	return fmt.Errorf("unknown command %q\n%s", cmd, usage)
}

const usage = `usage:
  agentwalletd [serve] [--addr host:port] [--state-dir dir] [--config file.yaml|json]
  agentwalletd version
  agentwalletd token [--state-dir dir] [--config file]   prints where the API token is`
