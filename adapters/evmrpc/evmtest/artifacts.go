// Package evmtest runs a real EVM for tests: go-ethereum's simulated backend
// under Osaka rules with the Uniswap V2 contracts (WETH9 standing in for
// WBNB, the factory, Router02 standing in for PancakeSwap V2, a plain and a
// fee-on-transfer ERC-20) deployed, paired and funded, plus an HTTP JSON-RPC
// front so the real RPC client can talk to it.
//
// The compiled contracts are GPL-3.0 and not ours to commit: they are fetched
// with npm pack at test set-up into the git-ignored .cache/ directory at the
// module root, checked against pinned digests, and reused afterwards.
package evmtest

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// npmPackage is one npm tarball we take build artifacts from.
type npmPackage struct {
	spec      string   // name@version for npm pack
	tarball   string   // the file npm pack writes
	sha256    string   // pinned digest of that file
	artifacts []string // build/<name>.json files to keep
}

var packages = []npmPackage{
	{
		spec:      "@uniswap/v2-core@1.0.1",
		tarball:   "uniswap-v2-core-1.0.1.tgz",
		sha256:    "f01288aaf73a89d2ff541b7276cec215ce2c480cafbed33b0da9c89853f976a2",
		artifacts: []string{"UniswapV2Factory", "UniswapV2Pair"},
	},
	{
		spec:      "@uniswap/v2-periphery@1.1.0-beta.0",
		tarball:   "uniswap-v2-periphery-1.1.0-beta.0.tgz",
		sha256:    "c3f1cda4ee1e00e877eb15ab508e574dfd6ae5e742be97fef41105d84a198784",
		artifacts: []string{"WETH9", "UniswapV2Router02", "ERC20", "DeflatingERC20"},
	},
}

// cacheVersion names the cache layout; bump it when packages change.
const cacheVersion = "uniswap-v2-core-1.0.1+periphery-1.1.0-beta.0"

// Artifact is a compiled contract: its ABI JSON and creation bytecode.
type Artifact struct {
	ABI      json.RawMessage `json:"abi"`
	Bytecode string          `json:"bytecode"` // hex, with or without 0x
}

// Artifacts returns the compiled Uniswap V2 contracts by name, fetching them
// into <module root>/.cache/uniswap-v2 on first use. It fails the test with
// instructions when npm is missing or the download fails.
func Artifacts(t testing.TB) map[string]Artifact {
	t.Helper()
	root, err := moduleRoot()
	if err != nil {
		t.Fatalf("evmtest: %v", err)
	}
	dir := filepath.Join(root, ".cache", "uniswap-v2")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatalf("evmtest: create artifact cache: %v", err)
	}
	unlock, err := lockFile(filepath.Join(root, ".cache", "uniswap-v2.lock"))
	if err != nil {
		t.Fatalf("evmtest: lock artifact cache: %v", err)
	}
	defer unlock()
	if !complete(dir) {
		if err := fetch(dir); err != nil {
			t.Fatalf("evmtest: cannot obtain the Uniswap V2 test contracts: %v\n"+
				"The EVM tests compile nothing themselves: they run `npm pack %s %s` once and cache the "+
				"build artifacts in %s. Install Node.js with npm (and allow it to reach the npm registry "+
				"once), or copy a filled cache directory there.", err, packages[0].spec, packages[1].spec, dir)
		}
	}
	out := map[string]Artifact{}
	for _, p := range packages {
		for _, name := range p.artifacts {
			raw, err := os.ReadFile(filepath.Join(dir, name+".json"))
			if err != nil {
				t.Fatalf("evmtest: read cached artifact: %v (delete %s to refetch)", err, dir)
			}
			var a Artifact
			if err := json.Unmarshal(raw, &a); err != nil || len(a.ABI) == 0 || a.Bytecode == "" {
				t.Fatalf("evmtest: cached artifact %s is damaged (%v): delete %s to refetch", name, err, dir)
			}
			out[name] = a
		}
	}
	return out
}

func complete(dir string) bool {
	b, err := os.ReadFile(filepath.Join(dir, "COMPLETE"))
	return err == nil && strings.TrimSpace(string(b)) == cacheVersion
}

// fetch runs npm pack in a scratch directory, checks the tarballs against
// the pinned digests and extracts the wanted artifacts into dir.
func fetch(dir string) error {
	npm, err := exec.LookPath("npm")
	if err != nil {
		return errors.New("npm is not installed or not on PATH")
	}
	scratch, err := os.MkdirTemp("", "evmtest-npm-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(scratch)
	args := []string{"pack", "--silent"}
	for _, p := range packages {
		args = append(args, p.spec)
	}
	cmd := exec.Command(npm, args...)
	cmd.Dir = scratch
	cmd.Env = append(os.Environ(), "npm_config_update_notifier=false", "npm_config_fund=false", "npm_config_audit=false")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	done := make(chan error, 1)
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("start npm: %w", err)
	}
	go func() { done <- cmd.Wait() }()
	select {
	case err = <-done:
	case <-time.After(5 * time.Minute):
		_ = cmd.Process.Kill()
		<-done
		err = errors.New("npm pack took longer than 5 minutes")
	}
	if err != nil {
		return fmt.Errorf("npm pack failed: %w: %s", err, strings.TrimSpace(stderr.String()))
	}
	for _, p := range packages {
		raw, err := os.ReadFile(filepath.Join(scratch, p.tarball))
		if err != nil {
			return fmt.Errorf("npm pack wrote no %s: %w", p.tarball, err)
		}
		if sum := sha256.Sum256(raw); hex.EncodeToString(sum[:]) != p.sha256 {
			return fmt.Errorf("%s has sha256 %x, want the pinned %s: refusing to use it", p.tarball, sum, p.sha256)
		}
		if err := extract(raw, p.artifacts, dir); err != nil {
			return fmt.Errorf("extract %s: %w", p.tarball, err)
		}
	}
	return os.WriteFile(filepath.Join(dir, "COMPLETE"), []byte(cacheVersion+"\n"), 0o644)
}

func extract(tgz []byte, names []string, dir string) error {
	zr, err := gzip.NewReader(bytes.NewReader(tgz))
	if err != nil {
		return err
	}
	want := map[string]string{}
	for _, n := range names {
		want["package/build/"+n+".json"] = n
	}
	tr := tar.NewReader(zr)
	for len(want) > 0 {
		h, err := tr.Next()
		if err == io.EOF {
			return fmt.Errorf("missing artifacts %v", want)
		}
		if err != nil {
			return err
		}
		name, ok := want[h.Name]
		if !ok {
			continue
		}
		body, err := io.ReadAll(io.LimitReader(tr, 32<<20))
		if err != nil {
			return err
		}
		tmp := filepath.Join(dir, name+".json.tmp")
		if err := os.WriteFile(tmp, body, 0o644); err != nil {
			return err
		}
		if err := os.Rename(tmp, filepath.Join(dir, name+".json")); err != nil {
			return err
		}
		delete(want, h.Name)
	}
	return nil
}

// moduleRoot finds the directory holding go.mod above the working directory
// (go test runs each package in its own directory).
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory")
		}
		dir = parent
	}
}
