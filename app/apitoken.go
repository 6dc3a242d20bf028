package app

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
)

type apiToken struct {
	value string
	path  string // set when generated/stored in the state dir
}

// APITokenFile returns where the daemon keeps a generated API token.
func APITokenFile(stateDir string) string { return filepath.Join(stateDir, apiTokenFile) }

// loadAPIToken returns the configured token, or the one stored in the state
// dir, generating and storing it (0600) on first start.
func loadAPIToken(cfg Config, log *slog.Logger) (apiToken, error) {
	if cfg.APIToken.IsSet() {
		return apiToken{value: cfg.APIToken.Reveal()}, nil
	}
	path := APITokenFile(cfg.StateDir)
	b, err := os.ReadFile(path)
	if err == nil {
		if t := strings.TrimSpace(string(b)); len(t) >= 16 {
			return apiToken{value: t, path: path}, nil
		}
		return apiToken{}, fmt.Errorf("API token file %s is corrupt: delete it to generate a new token", path)
	}
	if !errors.Is(err, os.ErrNotExist) {
		return apiToken{}, fmt.Errorf("read API token file: %w", err)
	}
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return apiToken{}, err
	}
	t := hex.EncodeToString(raw)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return apiToken{}, fmt.Errorf("create API token file: %w", err)
	}
	_, werr := f.WriteString(t + "\n")
	if err := errors.Join(werr, f.Sync(), f.Close()); err != nil {
		return apiToken{}, fmt.Errorf("write API token file: %w", err)
	}
	log.Warn("generated an API token; send it as 'Authorization: Bearer <token>'", "tokenFile", path)
	return apiToken{value: t, path: path}, nil
}
