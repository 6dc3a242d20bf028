package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"syscall"
	"time"

	"github.com/oklog/run"

	"github.com/agentwallet/agentwallet/app"
	"github.com/agentwallet/agentwallet/transport"
)

// Main is the daemon's lifecycle: Load, Run, Close. Tests drive it directly
// to run the whole program on :0 with a temporary state directory.
type Main struct {
	Config  app.Config
	Options app.Options // tests set cheap KDF parameters and clocks here
	App     *app.App
	Logger  *slog.Logger

	logOut   io.Writer
	listener net.Listener
	ready    chan struct{}
}

// NewMain returns a Main logging to logOut.
func NewMain(logOut io.Writer) *Main {
	return &Main{logOut: logOut, ready: make(chan struct{})}
}

// configFromFlags parses serve's flags and loads the configuration: flags
// beat the environment, which beats the file, which beats the defaults.
func configFromFlags(name string, args []string, lookup func(string) (string, bool), out io.Writer) (app.Config, error) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(out)
	addr := fs.String("addr", "", "listen address (default 127.0.0.1:2138, env AGENTWALLET_ADDR)")
	stateDir := fs.String("state-dir", "", "state directory (default ~/.agentwallet, env AGENTWALLET_STATE_DIR)")
	configPath := fs.String("config", "", "config file, YAML or JSON")
	if err := fs.Parse(args); err != nil {
		return app.Config{}, err
	}
	if fs.NArg() > 0 {
		return app.Config{}, fmt.Errorf("unexpected arguments: %v", fs.Args())
	}
	cfg, err := app.LoadConfig(*configPath, lookup)
	if err != nil {
		return app.Config{}, err
	}
	if *addr != "" {
		cfg.Addr = *addr
	}
	if *stateDir != "" {
		cfg.StateDir = *stateDir
	}
	return cfg, nil
}

// Load reads flags and configuration, then drops secrets from the process
// environment so nothing spawned later can read them.
func (m *Main) Load(args []string, lookup func(string) (string, bool)) error {
	cfg, err := configFromFlags("serve", args, lookup, m.logOut)
	if err != nil {
		return err
	}
	for _, name := range app.SecretEnvNames {
		os.Unsetenv(name)
	}
	m.Config = cfg
	return nil
}

// Run opens the app, serves HTTP until ctx ends or SIGINT/SIGTERM arrives,
// then shuts down gracefully.
func (m *Main) Run(ctx context.Context) error {
	if err := m.Config.Validate(); err != nil {
		return fmt.Errorf("invalid configuration:\n%w", err)
	}
	m.Logger = app.NewLogger(m.logOut, m.Config.LogLevel)
	if m.Options.Logger == nil {
		m.Options.Logger = m.Logger
	}
	a, err := app.New(ctx, m.Config, m.Options)
	if err != nil {
		return err
	}
	m.App = a
	if m.Config.AuthDisabled {
		m.Logger.Warn("API authentication is DISABLED: any local process can use this wallet", "addr", m.Config.Addr)
	}
	ln, err := net.Listen("tcp", m.Config.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", m.Config.Addr, err)
	}
	m.listener = ln
	srv := &http.Server{
		Handler:           transport.NewRouter(transport.Deps{App: a, Logger: m.Logger}),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		IdleTimeout:       120 * time.Second,
	}
	m.Logger.Info("agentwalletd listening", "addr", ln.Addr().String(), "stateDir", m.Config.StateDir,
		"version", version, "apiTokenFile", a.APITokenPath())
	close(m.ready)

	parent := ctx
	ctx, cancel := context.WithCancel(ctx)
	var g run.Group
	g.Add(func() error {
		if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
			return err
		}
		return nil
	}, func(error) {
		sctx, scancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer scancel()
		srv.Shutdown(sctx)
	})
	g.Add(func() error { <-ctx.Done(); return nil }, func(error) { cancel() })
	g.Add(func() error { return a.Trading.RunReconciler(ctx, 30*time.Second) }, func(error) { cancel() })
	g.Add(run.SignalHandler(ctx, os.Interrupt, syscall.SIGTERM))
	err = g.Run()
	var sig *run.SignalError
	if errors.As(err, &sig) {
		m.Logger.Info("shutting down", "signal", sig.Signal.String())
		err = nil
	}
	// The caller ending the context is a clean stop, whichever actor saw it first.
	if errors.Is(err, context.Canceled) && parent.Err() != nil {
		err = nil
	}
	return err
}

// Addr returns the listening address once Run has started serving.
func (m *Main) Addr() string {
	<-m.ready
	return m.listener.Addr().String()
}

// Ready is closed when Run is serving.
func (m *Main) Ready() <-chan struct{} { return m.ready }

// Close releases the app.
func (m *Main) Close() error {
	if m.App != nil {
		return m.App.Close()
	}
	return nil
}

// printTokenLocation prints where the API token comes from.
func printTokenLocation(args []string, stdout, stderr io.Writer) error {
	cfg, err := configFromFlags("token", args, os.LookupEnv, stderr)
	if err != nil {
		return err
	}
	if cfg.APIToken.IsSet() {
		fmt.Fprintln(stdout, "the API token is set by the environment or config file (AGENTWALLET_API_TOKEN / ELIZA_API_TOKEN / apiToken)")
		return nil
	}
	path := app.APITokenFile(cfg.StateDir)
	if _, err := os.Stat(path); err != nil {
		fmt.Fprintf(stdout, "%s (not created yet: it is generated on the daemon's first start)\n", path)
		return nil
	}
	fmt.Fprintln(stdout, path)
	return nil
}
